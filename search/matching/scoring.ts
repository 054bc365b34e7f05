import type { Concept } from "../language/concepts";

/**
 * How well a dataset answers a request, as a score in 0..1 that means the same for every request:
 * the weighted share of the request's concepts the dataset expresses, and where (title, keywords,
 * description), times whether it is from the municipality the request names. docs/decisions/002
 * explains the formula; calibration.ts turns it, fused with the other evidence, into the score the
 * portal shows (ADR 034).
 */

/** Under this the portal says "no good match": a calibrated probability since ADR 034 (calibration.ts). */
export { MATCH_THRESHOLD } from "./calibration";

/** Where in a document a lexeme is: PostgreSQL's weight letters. */
export type Field = "A" | "B" | "C" | "D";
const FIELD_FACTOR: Record<Field, number> = {
  /** Title. */
  A: 1,
  /** Keywords. */
  B: 0.9,
  /** Description: a dataset that only mentions a word in passing is a near miss, not an answer. */
  C: 0.45,
  /** Publisher name. */
  D: 0.3,
};

/**
 * A concept that another dataset in the result answers costs a dataset only this share of its
 * weight: one dataset answering "badplatser" and another "badvattenkvalitet" are each a good match
 * for a request asking for both.
 */
const ANSWERED_ELSEWHERE = 0.35;

/** A dataset from another municipality than the one named: shown, but never a good match. */
const OTHER_MUNICIPALITY_FACTOR = 0.35;
/** A dataset of the region or a national body, for a request naming a municipality in it. */
const WIDER_AREA_FACTOR = 0.8;

export interface Candidate {
  id: string;
  uri: string | null;
  title: string;
  publisher: string | null;
  publisherKommunkod: string | null;
  /** The best field each matched lexeme occurs in. */
  lexemes: Map<string, Field>;
}

export interface ScoredCandidate extends Candidate {
  score: number;
  /** Share of the request's concept weight found in the title: breaks ties between equal scores. */
  titleShare: number;
}

export interface Scope {
  /** Kommunkoder the request names; empty when it names none (or the whole region). */
  kommunkoder: string[];
}

export function scoreCandidates(concepts: Concept[], candidates: Candidate[], scope: Scope): ScoredCandidate[] {
  if (concepts.length === 0 || candidates.length === 0) return [];
  const inScope = (c: Candidate) =>
    scope.kommunkoder.length === 0 || (c.publisherKommunkod !== null && scope.kommunkoder.includes(c.publisherKommunkod));

  const matches = candidates.map((candidate) => concepts.map((concept) => conceptMatch(concept, candidate.lexemes)));
  // How well the best in-scope dataset answers each concept.
  const best = concepts.map(() => 0);
  candidates.forEach((candidate, i) => {
    if (!inScope(candidate)) return;
    matches[i].forEach((match, k) => (best[k] = Math.max(best[k], match.value)));
  });

  const scored: ScoredCandidate[] = [];
  candidates.forEach((candidate, i) => {
    let found = 0;
    let asked = 0;
    let inTitle = 0;
    concepts.forEach((concept, k) => {
      const { value, field } = matches[i][k];
      found += concept.weight * value;
      // A dataset answers for every concept it expresses, at full weight; for one it does not
      // express, fully when no dataset does, and only in part when another dataset does.
      asked += concept.weight * (value > 0 ? 1 : 1 - (1 - ANSWERED_ELSEWHERE) * best[k]);
      if (field === "A") inTitle += concept.weight;
    });
    if (found === 0 || asked === 0) return;
    const coverage = found / asked;
    const factor = inScope(candidate) ? 1 : areaFactor(candidate);
    scored.push({ ...candidate, score: coverage * factor, titleShare: inTitle / asked });
  });
  // The named municipality's datasets come first: another municipality's dataset scores under the
  // weakest of them (and under the threshold anyway, by its factor).
  const weakestInScope = Math.min(...scored.filter(inScope).map((c) => c.score));
  for (const candidate of scored) {
    if (!inScope(candidate) && Number.isFinite(weakestInScope)) candidate.score = Math.min(candidate.score, weakestInScope * 0.99);
    candidate.score = round(candidate.score);
  }
  return scored.sort((a, b) => b.score - a.score || b.titleShare - a.titleShare || a.title.length - b.title.length || byAddress(a, b));
}

/**
 * The last word between two datasets of equal score: their addresses, which the catalogue gives,
 * so the order is the same on every run and database (an id is drawn at random by the harvest).
 */
export function byAddress(a: { id: string; uri: string | null }, b: { id: string; uri: string | null }) {
  const left = a.uri ?? a.id;
  const right = b.uri ?? b.id;
  return left < right ? -1 : left > right ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What a dataset outside the named municipalities keeps of its score (also for meaning, search/matching/fusion.ts). */
export function areaFactor(candidate: Pick<Candidate, "publisherKommunkod">) {
  // A publisher with no municipality code, or a county code ("14"), covers more than one municipality.
  const wider = candidate.publisherKommunkod === null || candidate.publisherKommunkod.length === 2;
  return wider ? WIDER_AREA_FACTOR : OTHER_MUNICIPALITY_FACTOR;
}

/**
 * How well a dataset's lexemes express each of the request's concepts (0: not at all), in the
 * concepts' order: the same reading the score makes, for features of a match beside the score
 * (test/bench/match-decision-features.ts, ADR 045).
 */
export function conceptValues(concepts: Concept[], lexemes: Map<string, Field>): number[] {
  return concepts.map((concept) => conceptMatch(concept, lexemes).value);
}

/** The best alternative's value: its quality times the mean of its parts' best field factors. */
function conceptMatch(concept: Concept, lexemes: Map<string, Field>): { value: number; field: Field | null } {
  let value = 0;
  let bestField: Field | null = null;
  for (const alternative of concept.alternatives) {
    let sum = 0;
    let matchedParts = 0;
    let field: Field | null = null;
    const weights = alternative.partWeights ?? alternative.parts.map(() => 1);
    const totalWeight = weights.reduce((a, b) => a + b, 0) || 1;
    for (const [p, part] of alternative.parts.entries()) {
      let partBest = 0;
      for (const [lexeme, quality] of part) {
        const where = lexemes.get(lexeme);
        if (!where) continue;
        const v = quality * FIELD_FACTOR[where];
        if (v > partBest) {
          partBest = v;
          if (field === null || FIELD_FACTOR[where] > FIELD_FACTOR[field]) field = where;
        }
      }
      sum += partBest * weights[p];
      if (partBest > 0) matchedParts++;
    }
    if (alternative.requireAll && matchedParts < alternative.parts.length) continue;
    const v = (alternative.quality * sum) / totalWeight;
    if (v > value) {
      value = v;
      bestField = field;
    }
  }
  return { value, field: bestField };
}

function round(value: number) {
  return Math.round(value * 10_000) / 10_000;
}
