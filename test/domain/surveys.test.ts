import { describe, expect, it } from "vitest";
import { answerFitsQuestion } from "../../app/domain/surveys";

describe("whether an earlier answer fits a new question", () => {
  const choice = (choices: string[]) => ({ answerType: "single_choice" as const, choices });
  const number = { answerType: "number" as const, choices: [] };

  it("takes a choice the question still offers, and no other", () => {
    expect(answerFitsQuestion(choice(["Ja", "Nej", "Delvis"]), "Delvis")).toBe(true);
    expect(answerFitsQuestion(choice(["Ja", "Nej"]), "Delvis")).toBe(false);
    expect(answerFitsQuestion({ answerType: "multiple_choice", choices: ["A", "B"] }, ["A", "C"])).toBe(false);
  });

  it("takes any stored number for a number question, even one that reads 1e-7 as text, and no address", () => {
    expect(answerFitsQuestion(number, 0.0000001)).toBe(true);
    expect(answerFitsQuestion(number, 1e21)).toBe(true);
    expect(answerFitsQuestion(number, "https://data.boras.se/dataset/badplatser")).toBe(false);
    expect(answerFitsQuestion({ answerType: "yes_no", choices: [] }, true)).toBe(true);
  });
});
