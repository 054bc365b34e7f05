import { describe, expect, it } from "vitest";
import { catalogues } from "../../app/i18n/messages";
import { translate, translateCount } from "../../app/i18n/translate";

describe("counts in sentences", () => {
  it("take the Swedish plural rules: 1 röst, 0 and 2 röster, the thousands spaced", () => {
    expect(translateCount("sv", "requestPage.votes", 1)).toBe("1 röst");
    expect(translateCount("sv", "requestPage.votes", 0)).toBe("0 röster");
    expect(translateCount("sv", "requestPage.votes", 2)).toBe("2 röster");
    expect(translateCount("sv", "requestPage.votes", 1000)).toBe("1\u00a0000 röster");
    expect(translateCount("sv", "datasets.countFor", 1, { q: "bad" })).toBe("1 datamängd för ”bad”");
  });

  it("take the English plural rules: 1 vote, 0 and 2 votes, the thousands with a comma", () => {
    expect(translateCount("en", "requestPage.votes", 1)).toBe("1 vote");
    expect(translateCount("en", "requestPage.votes", 0)).toBe("0 votes");
    expect(translateCount("en", "requestPage.votes", 2)).toBe("2 votes");
    expect(translateCount("en", "requestPage.votes", 1000)).toBe("1,000 votes");
    expect(translateCount("en", "requestRegister.comments", 1)).toBe("1 comment");
  });

  it("are counted right when a key and its params are passed on as they are (an action's outcome)", () => {
    expect(translate("sv", "triage.routed", { count: 1, date: "2027-01-29" })).toBe(
      "Förfrågan är skickad till 1 organisation med svar senast 2027-01-29.",
    );
    expect(translate("en", "triage.routed", { count: 3, date: "2027-01-29" })).toBe(
      "The request is routed to 3 organisations, to answer by 2027-01-29.",
    );
    expect(translate("en", "time.minutes", { count: 1 })).toBe("1 minute");
  });

  // One way for every count: a sentence that puts {count} before a noun has a .one and an .other text.
  // A figure after a colon or in brackets ("Försök: 3", "Kommentarer (3)") needs no plural.
  it("every sentence with a count has both plural forms in both languages", () => {
    // Nor does a count of a whole ("{count} av källans datamängder", "{count} of the recipients") or
    // a count with no noun ("… och {count} till").
    const notPlural = /(:\s*\{count\}|\(\{count\}\)|\{count\} (av|of|till|more)\b)/;
    // Mail texts are written on the server from their own templates; harvest messages are stored
    // with their runs as key and parameters, and renaming their keys would orphan the stored ones.
    const elsewhere = /^(mail\.|harvest\.)/;
    for (const locale of ["sv", "en"] as const) {
      const catalogue = catalogues[locale] as Record<string, string>;
      const missing = Object.entries(catalogue)
        .filter(([key, text]) => text.includes("{count}") && !elsewhere.test(key) && !notPlural.test(text))
        .filter(([key]) => {
          const base = key.replace(/\.(one|other)$/, "");
          return !(`${base}.one` in catalogue && `${base}.other` in catalogue);
        })
        .map(([key]) => key);
      expect(missing, `${locale}: counts without plural forms`).toEqual([]);
    }
  });
});
