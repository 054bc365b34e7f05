import { describe, expect, it } from "vitest";
import { csvStreamResponse, toCsv } from "../../app/utils/csv";
import { formatSurveyValue } from "../../app/utils/survey-format";

/** CSV injection (OWASP): a text cell Excel would read as a formula is written as text. */
describe("the CSV writer", () => {
  it("prefixes a text cell that starts with =, +, -, @, a tab or a carriage return with an apostrophe", () => {
    const csv = toCsv(
      ["a", "b", "c", "d", "e", "f", "g"],
      [['=HYPERLINK("https://evil.example")', "+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "ok"]],
    );
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[1]).toBe(`"'=HYPERLINK(""https://evil.example"")";'+1;'-1+1;'@SUM(A1);'\tx;"'\rx";ok`);
  });

  it("keeps a number the portal writes a number, negative ones too", () => {
    const csv = toCsv(
      ["minutes", "reverses"],
      [
        [-30, null],
        [12.5, 7],
      ],
    );
    expect(
      csv
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .slice(1, 3),
    ).toEqual(["-30;", "12.5;7"]);
  });

  // The survey results CSV writes a number answer as Swedish decimal text, as Excel in Sweden reads it.
  it("keeps a negative number written as text a number, in Swedish or English decimals", () => {
    const value = formatSurveyValue(-3.5, { yes: "ja", no: "nej", locale: "sv" });
    const csv = toCsv(["a", "b", "c", "d"], [[value, "-12", "-0.25", "-1,5+1"]]);
    expect(csv.replace(/^\uFEFF/, "").split("\r\n")[1]).toBe("-3,5;-12;-0.25;'-1,5+1");
  });

  it("does the same a batch at a time", async () => {
    async function* batches() {
      yield [["=1+1", -30]] as const;
    }
    const text = await csvStreamResponse("x.csv", ["a", "b"], batches()).text();
    expect(text.replace(/^\uFEFF/, "").split("\r\n")[1]).toBe("'=1+1;-30");
  });
});
