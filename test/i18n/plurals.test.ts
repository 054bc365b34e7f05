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
    // Mail texts and stored harvest messages too (a run stored before their plural forms is told
    // through today's key: app/catalogue/harvest-message.ts).
    for (const locale of ["sv", "en"] as const) {
      const catalogue = catalogues[locale] as Record<string, string>;
      const missing = Object.entries(catalogue)
        .filter(([, text]) => text.includes("{count}") && !notPlural.test(text))
        .filter(([key]) => {
          const base = key.replace(/\.(one|other)$/, "");
          return !(`${base}.one` in catalogue && `${base}.other` in catalogue);
        })
        .map(([key]) => key);
      expect(missing, `${locale}: counts without plural forms`).toEqual([]);
    }
  });

  // The same mistake under another name: "{days} arbetsdagar" says "1 arbetsdagar". A count goes in
  // as {count} of a .one/.other pair, or as a phrase already counted ("Vänta {wait}", wait = "1 minut").
  // Limits fixed in code ({max}, {limit}) are always many.
  it("no sentence puts a number other than {count} before a word that changes with it", () => {
    const nouns =
      "arbetsdagar|dagar|minuter|sekunder|månader|timmar|kommuner|förfrågningar|datamängder|röster|uppgifter|nya|ändrade|borttagna|avböjda|" +
      "working days|days|minutes|seconds|months|hours|municipalities|requests|datasets|votes|tasks|answers|recipients|errors";
    const glued = new RegExp(`\\{(\\w+)\\} (${nouns})\\b`, "g");
    const fixed = new Set(["count", "max", "limit", "limitEn"]);
    for (const locale of ["sv", "en"] as const) {
      const catalogue = catalogues[locale] as Record<string, string>;
      const glueing = Object.entries(catalogue).flatMap(([key, text]) =>
        [...text.matchAll(glued)]
          // A plural form without {count} says its count under another name, already written ("{hours} timmar").
          .filter((match) => !fixed.has(match[1]) && !(/\.(one|other)$/.test(key) && !text.includes("{count}")))
          .map((match) => `${key}: ${match[0]}`),
      );
      expect(glueing, `${locale}: numbers glued to a noun`).toEqual([]);
    }
  });

  it("in mail and stored harvest messages too, and the harvest's counts on /admin/sources", () => {
    expect(
      translate("sv", "mail.taskReminder.text", { count: 1, name: "Rune", organisation: "Borås", title: "X", date: "2 december" }),
    ).toMatch(/\(1 arbetsdag kvar\)\.$/);
    expect(
      translate("en", "mail.taskReminder.text", { count: 2, name: "Rune", organisation: "Borås", title: "X", date: "2 December" }),
    ).toMatch(/\(2 working days left\)\.$/);
    expect(translate("sv", "sources.runCounts.added", { count: 1 })).toBe("1 ny");
    expect(translate("sv", "sources.runCounts.removed", { count: 2 })).toBe("2 borttagna");
    expect(translate("en", "sources.runCounts.failed", { count: 1 })).toBe("1 error");
    expect(translate("en", "errors.rateLimited", { wait: translate("en", "time.minutes", { count: 1 }) })).toMatch(/Wait 1 minute and/);
    expect(translate("sv", "task.overdueBy", { count: 1 })).toBe("Försenad med 1 arbetsdag");
    expect(
      translate("en", "survey.sent", {
        tasks: translate("en", "survey.sent.tasks", { count: 1 }),
        reused: translate("en", "survey.sent.reused", { count: 2 }),
      }),
    ).toBe("The survey is sent: 1 municipality got a task, 2 answers were reused.");
  });
});
