import { Matrix, solve } from "ml-matrix";
import type { Concept } from "../../search/language/concepts";
import type { AnalysedRequest } from "../../search/language/request-analysis";
import { anotherMunicipality } from "../../search/matching/calibration";
import { conceptValues, type Field } from "../../search/matching/scoring";

/**
 * The "no good match" decision on more than one number (issue 11, ADR 045): features of a match
 * that are not words (how strong the best dataset's evidence is, how far ahead of the second, how
 * much of the request it expresses, whether the lexical and meaning readings agree, whether a place
 * was named and the request's length), and a small logistic model over them. Pure, and computed
 * from what both engines already have (the analysed request, its concepts, the fused hits and the
 * candidates' lexemes), so the built-in engine and Meilisearch could read a match alike.
 *
 * Measured by test/bench/match-decision.ts against ADR 034's one-score threshold. It did not do
 * better on held-out requests (ADR 045), so the engines do not use it and it lives with the bench;
 * were a later feature to pass, it moves to search/matching/ and both engines compute it there.
 */

export const DECISION_FEATURES = [
  /** The best dataset's evidence (fusion.ts, before calibration; another municipality's counts 0). */
  "evidence",
  /** The best dataset's evidence less the second's: a clear winner or one of many near misses. */
  "gap",
  /** The best dataset's lexical score and meaning cosine, apart. */
  "lexical",
  "meaning",
  /** 1 when the dataset first by its lexical score is the one first in meaning. */
  "agreement",
  /** 1 when the best dataset holds none of the request's words: meaning alone found it. */
  "meaningOnly",
  /** The best dataset's meaning cosine less the mean of the others listed: does it stand out in meaning. */
  "meaningLead",
  /** Share of the request's concept weight the best dataset's own words express. */
  "covered",
  /** Share of the request's concept weight the index knows at all (by word, synonym, part or typo). */
  "known",
  /** 1 when the request names a municipality. */
  "place",
  /** 1 when the best dataset is the named municipality's, a wider area's, or no place was named. */
  "inScope",
  /** ln(1 + the request's content words). */
  "words",
  /** 1 when the request is read as English. */
  "english",
] as const;

export type DecisionFeature = (typeof DECISION_FEATURES)[number];
export type MatchFeatures = Record<DecisionFeature, number>;

export interface DecisionHit {
  id: string;
  /** The evidence, 0..1 (calibrateDatasets with `calibration: null`). */
  score: number;
  lexical?: number;
  meaning?: number;
  publisherKommunkod: string | null;
}

export interface DecisionInput {
  request: Pick<AnalysedRequest, "words" | "english" | "places">;
  concepts: Concept[];
  hits: DecisionHit[];
  /** A candidate's lexemes and where they are, when the lexical retrieval found it. */
  lexemesOf: (id: string) => Map<string, Field> | undefined;
}

export function matchFeatures({ request, concepts, hits, lexemesOf }: DecisionInput): MatchFeatures {
  const kommunkoder = request.places.municipalities.map((m) => m.kommunkod);
  const ranked = hits.map((hit, order) => ({ hit, order })).sort((a, b) => b.hit.score - a.hit.score || a.order - b.order);
  const top = ranked[0]?.hit;
  const second = ranked[1]?.hit;
  const weight = concepts.reduce((sum, c) => sum + c.weight, 0);
  const share = (values: boolean[]) => (weight > 0 ? concepts.reduce((sum, c, i) => sum + (values[i] ? c.weight : 0), 0) / weight : 0);
  const lexemes = top ? lexemesOf(top.id) : undefined;
  const bestBy = (key: "lexical" | "meaning") =>
    hits.reduce<DecisionHit | null>((best, hit) => ((hit[key] ?? 0) > (best?.[key] ?? 0) ? hit : best), null);
  const firstLexical = bestBy("lexical");
  const firstMeaning = bestBy("meaning");
  return {
    evidence: clamp(top?.score ?? 0),
    gap: clamp((top?.score ?? 0) - (second?.score ?? 0)),
    lexical: clamp(top?.lexical ?? 0),
    meaning: clamp(top?.meaning ?? 0),
    agreement: firstLexical && firstMeaning && firstLexical.id === firstMeaning.id ? 1 : 0,
    meaningOnly: top && (top.lexical ?? 0) === 0 ? 1 : 0,
    meaningLead: clamp((top?.meaning ?? 0) - mean(ranked.slice(1).map((r) => r.hit.meaning ?? 0))),
    covered: lexemes ? share(conceptValues(concepts, lexemes).map((v) => v > 0)) : 0,
    known: share(concepts.map((c) => c.known)),
    place: kommunkoder.length > 0 ? 1 : 0,
    inScope: top && !anotherMunicipality(top, kommunkoder) ? 1 : 0,
    words: Math.log1p(request.words.filter((w) => !w.generic).length),
    english: request.english ? 1 : 0,
  };
}

/** A logistic model over some of the features, standardized by the data it was fitted on. */
export interface DecisionModel {
  features: readonly DecisionFeature[];
  mean: number[];
  scale: number[];
  weights: number[];
  intercept: number;
}

/** The model's probability that the request is answerable from the catalogue. */
export function decisionProbability(model: DecisionModel, features: MatchFeatures): number {
  let z = model.intercept;
  model.features.forEach((name, i) => (z += model.weights[i]! * ((features[name] - model.mean[i]!) / model.scale[i]!)));
  return 1 / (1 + Math.exp(-z));
}

/**
 * Maximum likelihood with an L2 penalty (`ridge`, on the standardized weights, not the intercept)
 * by Newton's method: a few features and a hundred requests, where an unpenalized fit of a feature
 * that happens to separate the tuning requests would run off to infinity.
 */
export function fitDecisionModel(
  samples: { features: MatchFeatures; answerable: boolean }[],
  features: readonly DecisionFeature[],
  options: { ridge?: number } = {},
): DecisionModel {
  const ridge = options.ridge ?? 1;
  const k = features.length;
  const columns = features.map((name) => samples.map((s) => s.features[name]));
  const mean = columns.map((c) => c.reduce((a, b) => a + b, 0) / Math.max(c.length, 1));
  const scale = columns.map((c, i) => Math.sqrt(c.reduce((a, b) => a + (b - mean[i]!) ** 2, 0) / Math.max(c.length, 1)) || 1);
  const rows = samples.map((s) => [1, ...features.map((name, i) => (s.features[name] - mean[i]!) / scale[i]!)]);
  const ys = samples.map((s) => (s.answerable ? 1 : 0));
  let beta = new Array<number>(k + 1).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(k + 1).fill(0);
    const hessian = Matrix.zeros(k + 1, k + 1);
    rows.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-x.reduce((z, v, j) => z + v * beta[j]!, 0)));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i <= k; i++) {
        gradient[i]! += (p - ys[n]!) * x[i]!;
        for (let j = 0; j <= k; j++) hessian.set(i, j, hessian.get(i, j) + w * x[i]! * x[j]!);
      }
    });
    for (let i = 1; i <= k; i++) {
      gradient[i]! += ridge * beta[i]!;
      hessian.set(i, i, hessian.get(i, i) + ridge);
    }
    hessian.set(0, 0, hessian.get(0, 0) + 1e-9);
    const step = solve(hessian, Matrix.columnVector(gradient)).getColumn(0);
    beta = beta.map((b, i) => b - step[i]!);
    if (step.reduce((a, b) => a + Math.abs(b), 0) < 1e-9) break;
  }
  return { features, mean, scale, weights: beta.slice(1), intercept: beta[0]! };
}

function mean(values: number[]) {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

function clamp(value: number) {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
