import { describe, expect, it } from "vitest";
import { requestCoverage, type MeaningModel, type Stems } from "../../search/meaning/lsa";

/**
 * How much of a request the meaning model knows (ADR 049), on a model made by hand: a word counts 1
 * when its Swedish or English stem is a feature, else the share of its 4-grams that are.
 */
const model: MeaningModel = {
  dimensions: 1,
  features: new Map(["s:badplats", "e:beach", "g:^bad", "g:badp", "g:adpl", "g:dpla"].map((feature) => [feature, Float32Array.from([1])])),
};
const stems: Stems = {
  sv: new Map([["badplatser", "badplats"]]),
  en: new Map([["beaches", "beach"]]),
};

describe("the share of a request the meaning model knows", () => {
  it("counts a word whole when its Swedish or its English stem is known", () => {
    expect(requestCoverage(model, ["badplatser"], stems)).toBe(1);
    expect(requestCoverage(model, ["beaches"], stems)).toBe(1);
  });

  it("counts a word it has no stem of by the share of its 4-grams it knows, and a word too short for one as unknown", () => {
    // ^bad badp adpl dpla plat lats atsx tsx$: four of eight known.
    expect(requestCoverage(model, ["badplatsx"], stems)).toBe(0.5);
    expect(requestCoverage(model, ["xq"], stems)).toBe(0);
  });

  it("is the mean over the request's words, and nothing for no words", () => {
    expect(requestCoverage(model, ["badplatser", "badplatsx", "xq", "xqzjw"], stems)).toBe(0.375);
    expect(requestCoverage(model, [], stems)).toBe(0);
  });
});
