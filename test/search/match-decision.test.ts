import { describe, expect, it } from "vitest";
import type { Concept } from "../../search/language/concepts";
import type { Field } from "../../search/matching/scoring";
import {
  DECISION_FEATURES,
  decisionProbability,
  fitDecisionModel,
  matchFeatures,
  type MatchFeatures,
} from "../bench/match-decision-features";
import { chooseCut, chooseDecision, DECISION_MODELS, type DecisionSample } from "../bench/match-decision";

/**
 * The parts of the multi-feature "no good match" decision that ADR 045 measured (and rejected):
 * the features of a match, the logistic fit, and the threshold rule shared with ADR 034. The words
 * below are made up for the test, not taken from an evaluation request.
 */

function concept(label: string, weight: number, lexemes: string[], known = true): Concept {
  return { label, weight, known, alternatives: [{ quality: 1, parts: [new Map(lexemes.map((l) => [l, 1]))] }] };
}

function request(words: string[], options: { english?: boolean; kommunkoder?: string[] } = {}) {
  return {
    words: words.map((w) => ({ lower: w, folded: w, generic: false, focus: false, english: options.english ?? false })),
    english: options.english ?? false,
    places: {
      municipalities: (options.kommunkoder ?? []).map((kommunkod) => ({ kommunkod, name: kommunkod })),
      regionWide: false,
      placeTokens: new Set<number>(),
    },
  };
}

const none = (): Map<string, Field> | undefined => undefined;

describe("the features of a match", () => {
  const concepts = [concept("cykelbana", 3, ["cykelban"]), concept("belysning", 1, ["belysning"], false)];

  it("read the best dataset's evidence, its lead over the second, its parts and how much of the request it expresses", () => {
    const features = matchFeatures({
      request: request(["cykelbana", "belysning"], { kommunkoder: ["1490"] }),
      concepts,
      hits: [
        { id: "b", score: 0.3, lexical: 0, meaning: 0.5, publisherKommunkod: "1490" },
        { id: "a", score: 0.7, lexical: 0.8, meaning: 0.6, publisherKommunkod: "1490" },
      ],
      lexemesOf: (id) => (id === "a" ? new Map<string, Field>([["cykelban", "A"]]) : undefined),
    });
    expect(features.evidence).toBe(0.7);
    expect(features.gap).toBeCloseTo(0.4);
    expect(features.lexical).toBe(0.8);
    expect(features.meaning).toBe(0.6);
    // First by its lexical score and first in meaning: the same dataset.
    expect(features.agreement).toBe(1);
    expect(features.meaningOnly).toBe(0);
    expect(features.meaningLead).toBeCloseTo(0.1);
    // The best dataset holds "cykelban" (weight 3 of 4); the index knows only that concept.
    expect(features.covered).toBeCloseTo(0.75);
    expect(features.known).toBeCloseTo(0.75);
    expect(features.place).toBe(1);
    expect(features.inScope).toBe(1);
    expect(features.words).toBeCloseTo(Math.log1p(2));
    expect(features.english).toBe(0);
  });

  it("say when meaning alone found the best dataset, when the readings disagree, and when it is another municipality's", () => {
    const meaningOnly = matchFeatures({
      request: request(["bike", "lanes"], { english: true }),
      concepts,
      hits: [
        { id: "m", score: 0.4, lexical: 0, meaning: 0.7, publisherKommunkod: null },
        { id: "l", score: 0.3, lexical: 0.5, meaning: 0, publisherKommunkod: null },
      ],
      lexemesOf: none,
    });
    expect(meaningOnly).toMatchObject({ meaningOnly: 1, agreement: 0, covered: 0, place: 0, inScope: 1, english: 1 });

    const elsewhere = matchFeatures({
      request: request(["cykelbana"], { kommunkoder: ["1490"] }),
      concepts,
      hits: [{ id: "x", score: 0, lexical: 0.9, meaning: 0.9, publisherKommunkod: "1480" }],
      lexemesOf: none,
    });
    expect(elsewhere).toMatchObject({ evidence: 0, inScope: 0, place: 1 });
  });

  it("are all 0 for a match with nothing found, and every one stays within 0..1 but the word count", () => {
    const empty = matchFeatures({ request: request([]), concepts: [], hits: [], lexemesOf: none });
    for (const name of DECISION_FEATURES) if (name !== "inScope" && name !== "known") expect(empty[name]).toBe(0);
    const odd = matchFeatures({
      request: request(["a"]),
      concepts,
      hits: [{ id: "a", score: 7, lexical: Number.NaN, meaning: -2, publisherKommunkod: null }],
      lexemesOf: none,
    });
    for (const name of DECISION_FEATURES.filter((n) => n !== "words")) expect(odd[name]).toBeGreaterThanOrEqual(0);
    for (const name of DECISION_FEATURES.filter((n) => n !== "words")) expect(odd[name]).toBeLessThanOrEqual(1);
  });
});

function features(values: Partial<MatchFeatures>): MatchFeatures {
  return { ...(Object.fromEntries(DECISION_FEATURES.map((name) => [name, 0])) as MatchFeatures), ...values };
}

describe("the logistic fit", () => {
  // Answerable when the evidence is high, whatever the noise feature says (a fixed pseudo-random pattern).
  const samples = Array.from({ length: 60 }, (_, i) => {
    const evidence = (i % 20) / 20;
    const noise = ((i * 37) % 11) / 11;
    return { features: features({ evidence, gap: noise }), answerable: evidence + 0.15 * Math.sin(i) > 0.5 };
  });

  it("weighs the feature that tells and gives a probability that rises with it", () => {
    const model = fitDecisionModel(samples, ["evidence", "gap"], { ridge: 0.1 });
    expect(model.weights[0]!).toBeGreaterThan(1);
    expect(Math.abs(model.weights[1]!)).toBeLessThan(model.weights[0]! / 3);
    const low = decisionProbability(model, features({ evidence: 0.1 }));
    const high = decisionProbability(model, features({ evidence: 0.9 }));
    expect(low).toBeLessThan(0.2);
    expect(high).toBeGreaterThan(0.8);
  });

  it("stays finite on requests one feature separates perfectly, and a larger penalty shrinks the weights", () => {
    const separable = Array.from({ length: 20 }, (_, i) => ({ features: features({ evidence: i / 20 }), answerable: i >= 10 }));
    const loose = fitDecisionModel(separable, ["evidence"], { ridge: 0.01 });
    const tight = fitDecisionModel(separable, ["evidence"], { ridge: 10 });
    expect(Number.isFinite(loose.weights[0]!)).toBe(true);
    expect(Number.isFinite(loose.intercept)).toBe(true);
    expect(tight.weights[0]!).toBeLessThan(loose.weights[0]!);
    expect(tight.weights[0]!).toBeGreaterThan(0);
  });

  it("standardizes by the data it was fitted on, so a constant feature neither breaks nor moves the fit", () => {
    const model = fitDecisionModel(samples, ["evidence", "place"]);
    expect(model.scale[1]).toBe(1);
    expect(model.weights[1]!).toBeCloseTo(0, 6);
  });
});

describe("the threshold rule (ADR 034's, on any score)", () => {
  it("catches the most no-match requests with false no-match at most 10 %, at the middle of equally good cuts", () => {
    // 10 answerable (one weak at 0.2), 4 without an answer (0.1, 0.15, 0.3, 0.6).
    const scored = [
      ...[0.2, 0.5, 0.55, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95].map((score) => ({ score, answerable: true })),
      ...[0.1, 0.15, 0.3, 0.6].map((score) => ({ score, answerable: false })),
    ];
    // Between 0.3 and 0.5 one answerable of ten falls (10 %) and three of four no-match are caught;
    // over 0.5 two answerable fall, under 0.3 only two no-match are caught.
    expect(chooseCut(scored)).toBeCloseTo(0.4);
  });

  it("catches no no-match request rather than tell an answerable one more than the 10 % allow", () => {
    const scored = [
      { score: 0.1, answerable: true },
      { score: 0.2, answerable: true },
      { score: 0.3, answerable: false },
    ];
    expect(chooseCut(scored)).toBeLessThan(0.1);
  });

  it("takes the middle of equally good cuts, so the threshold keeps a margin on both sides", () => {
    // Two no-match requests under every answerable one; of twenty answerable, two are weak (0.3,
    // 0.35). Cuts at 0.25, 0.325 and 0.4 all catch both no-match requests within the 10 %.
    const scored = [
      { score: 0.1, answerable: false },
      { score: 0.2, answerable: false },
      { score: 0.3, answerable: true },
      { score: 0.35, answerable: true },
      ...Array.from({ length: 18 }, (_, i) => ({ score: 0.5 + i / 40, answerable: true })),
    ];
    expect(chooseCut(scored)).toBeCloseTo(0.325);
  });
});

describe("the choice of model on tuning requests", () => {
  it("prefers the simplest model when more features catch no more", () => {
    const samples: DecisionSample[] = Array.from({ length: 40 }, (_, i) => {
      const answerable = i % 2 === 0;
      return {
        query: { id: `t${i}`, text: "", relevant: answerable ? ["x"] : [], note: "" },
        features: features({ evidence: answerable ? 0.6 + (i % 7) / 20 : 0.1 + (i % 5) / 20 }),
        ranking: answerable ? ["x"] : [],
      };
    });
    const choice = chooseDecision(samples);
    expect(choice.model).toBe(DECISION_MODELS[0]);
    expect(choice.loo.falseNoMatch).toBe(0);
    expect(choice.loo.caught).toBe(1);
  });
});
