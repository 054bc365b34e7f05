import type { MeaningHit } from "../meaning/model.server";
import { areaFactor, byAddress } from "./scoring";

/**
 * The lexical score and the meaning score as one (issue 11, ADR 031). The lexical score is the
 * matcher's 0..1 (search/matching/scoring.ts); meaning is the cosine in the latent space times the
 * share of the request the model knows (ADR 049), clipped at 0. Meaning does not know places: a
 * dataset only meaning found keeps the same share of its score outside the named municipalities as
 * a lexical one, and the named municipality's datasets still come first. Two ways, both measured by test/bench/match-quality.ts:
 * - `weighted`: (1 − w)·lexical + w·meaning, ranked by it;
 * - `or`: 1 − (1 − lexical)(1 − w·meaning), a probabilistic "or": meaning alone can pass the
 *   threshold, and a full lexical match keeps its score;
 * - `rrf`: ranked by weighted reciprocal rank fusion, (1 − w)/(K + lexical rank) + w/(K + meaning
 *   rank); the score shown (and held against the threshold) is the weighted sum's, so it keeps its
 *   meaning on the 0..1 scale.
 */
export type FusionMethod = "weighted" | "or" | "rrf";

export interface FusionOptions {
  method: FusionMethod;
  /** The meaning's share, 0..1; 0 is the lexical matcher alone. */
  weight: number;
  kommunkoder: string[];
}

/**
 * Chosen with the threshold by cross-validation (test/bench/match-calibration.ts, ADR 034; 0.3 in
 * ADR 031, when meaning still read the request's place names and so scored near misses higher;
 * 0.6 until meaning counted by the share of the request the model knows, ADR 049; 0.5 until the
 * head of a keyword request counted as its focus, ADR 050).
 */
export const MEANING_FUSION: Omit<FusionOptions, "kommunkoder"> = { method: "weighted", weight: 0.7 };
/** Nearest datasets in meaning taken into the fusion. */
export const MEANING_CANDIDATES = 30;
/** The usual constant of reciprocal rank fusion (Cormack et al. 2009). */
const RRF_K = 60;

export interface LexicalHit {
  id: string;
  uri: string | null;
  title: string;
  publisher: string | null;
  publisherKommunkod: string | null;
  score: number;
}

export interface FusedHit extends LexicalHit {
  lexical: number;
  meaning: number;
}

export function fuse(lexical: LexicalHit[], meaning: MeaningHit[], options: FusionOptions): FusedHit[] {
  const inScope = (hit: { publisherKommunkod: string | null }) =>
    options.kommunkoder.length === 0 || (hit.publisherKommunkod !== null && options.kommunkoder.includes(hit.publisherKommunkod));
  const w = Math.min(Math.max(options.weight, 0), 1);
  const hits = new Map<string, FusedHit & { rrf: number }>();
  lexical.forEach((hit, rank) => hits.set(hit.id, { ...hit, lexical: hit.score, meaning: 0, rrf: (1 - w) / (RRF_K + rank + 1) }));
  meaning.forEach((hit, rank) => {
    const value = Math.max(0, hit.similarity) * (inScope(hit) ? 1 : areaFactor(hit));
    const known = hits.get(hit.id);
    if (known) {
      known.meaning = value;
      known.rrf += w / (RRF_K + rank + 1);
    } else hits.set(hit.id, { ...hit, score: 0, lexical: 0, meaning: value, rrf: w / (RRF_K + rank + 1) });
  });
  const fused = [...hits.values()].filter((hit) => hit.lexical > 0 || hit.meaning > 0);
  for (const hit of fused)
    hit.score = options.method === "or" ? 1 - (1 - hit.lexical) * (1 - w * hit.meaning) : (1 - w) * hit.lexical + w * hit.meaning;
  // As in scoring.ts: another municipality's dataset scores under the weakest of the named one's.
  const weakestInScope = Math.min(...fused.filter(inScope).map((hit) => hit.score));
  for (const hit of fused) {
    if (!inScope(hit) && Number.isFinite(weakestInScope)) hit.score = Math.min(hit.score, weakestInScope * 0.99);
    hit.score = Math.round(hit.score * 10_000) / 10_000;
  }
  const key = options.method === "rrf" ? (hit: FusedHit & { rrf: number }) => hit.rrf : (hit: FusedHit) => hit.score;
  return fused
    .sort((a, b) => Number(inScope(b)) - Number(inScope(a)) || key(b) - key(a) || b.lexical - a.lexical || byAddress(a, b))
    .map(({ rrf: _rrf, ...hit }) => hit);
}

/**
 * What use taught, joined to the fused score (issue 11, ADR 032): a probabilistic "or" with a
 * bounded share, `score + share·learned·(1 − score)`, so a dataset nothing was learned about keeps
 * its score exactly, the scale stays 0..1, and learning alone lifts a dataset at most to `share`.
 * Learning does not know places: outside the named municipalities a learned dataset keeps the
 * area share a lexical one keeps, and scores under the weakest in-scope dataset. The share was chosen
 * by test/bench/match-learning.ts: taught on one cross-validation half, measured on the other.
 */
export const LEARNING_SHARE = 0.25;
/** Datasets use relates to a request taken into the fusion. */
export const LEARNED_CANDIDATES = 30;

export interface LearnedCandidate extends Omit<LexicalHit, "score"> {
  learned: number;
}

export function fuseLearning<H extends LexicalHit>(
  hits: H[],
  learned: LearnedCandidate[],
  options: { share: number; kommunkoder: string[] },
): (H | (LexicalHit & { learned: number }))[] {
  const share = Math.min(Math.max(options.share, 0), 1);
  if (share === 0 || learned.length === 0) return hits;
  const inScope = (hit: { publisherKommunkod: string | null }) =>
    options.kommunkoder.length === 0 || (hit.publisherKommunkod !== null && options.kommunkoder.includes(hit.publisherKommunkod));
  const byId = new Map<string, H | (LexicalHit & { learned: number })>(hits.map((hit) => [hit.id, { ...hit }]));
  for (const candidate of learned) {
    const value = Math.min(Math.max(candidate.learned, 0), 1) * (inScope(candidate) ? 1 : areaFactor(candidate));
    const hit = byId.get(candidate.id) ?? { ...candidate, score: 0 };
    hit.score = hit.score + share * value * (1 - hit.score);
    byId.set(candidate.id, Object.assign(hit, { learned: value }));
  }
  const all = [...byId.values()];
  const weakestInScope = Math.min(...all.filter(inScope).map((hit) => hit.score));
  for (const hit of all) {
    if (!inScope(hit) && Number.isFinite(weakestInScope)) hit.score = Math.min(hit.score, weakestInScope * 0.99);
    hit.score = Math.round(hit.score * 10_000) / 10_000;
  }
  return all.sort((a, b) => Number(inScope(b)) - Number(inScope(a)) || b.score - a.score || byAddress(a, b));
}

/**
 * A match's dataset scores from its three kinds of evidence, before calibration: the lexical hits,
 * joined by meaning (`fuse`) and then by what use taught (`fuseLearning`). Both engines call it, so
 * the same request gets the same 0..1 score whichever engine found the candidates (ADR 035).
 * `fusion` null or `learning` 0 leave that part out (for measuring the parts).
 */
export function fuseDatasets(
  lexical: LexicalHit[],
  meaning: MeaningHit[],
  learned: LearnedCandidate[],
  options: { fusion: Omit<FusionOptions, "kommunkoder"> | null; learning: number; kommunkoder: string[] },
): LexicalHit[] {
  const { fusion, learning, kommunkoder } = options;
  const fused: LexicalHit[] = fusion && meaning.length ? fuse(lexical, meaning, { ...fusion, kommunkoder }) : lexical;
  return learning > 0 && learned.length ? fuseLearning(fused, learned, { share: learning, kommunkoder }) : fused;
}
