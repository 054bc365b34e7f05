/**
 * The match score's scale (issue 11, ADR 034): a dataset's score is the probability, calibrated on
 * labelled requests, that it answers the request; "no good match" is said when no dataset reaches
 * MATCH_THRESHOLD. The evidence (the lexical score of scoring.ts fused with meaning and with what
 * use taught, fusion.ts) is a number in 0..1 whose size means different things for different
 * mixes of evidence; Platt scaling (a logistic curve fitted on one cross-validation half and checked
 * on the other, test/bench/match-quality.ts) turns it into a share that means the same for every
 * request: of the datasets that scored about 0.7 on requests the fit never saw, about 70 % answered.
 */

export interface ScoreCalibration {
  /** p = 1 / (1 + e^−(slope·evidence + intercept)); slope > 0 keeps the order of the evidence. */
  slope: number;
  intercept: number;
}

/**
 * Fitted by `node --import tsx test/bench/match-quality.ts` on both cross-validation halves
 * together (the held-out figures of the same procedure are in ADR 034): re-run it and copy the
 * "commit" line when the matcher's evidence changes.
 */
export const SCORE_CALIBRATION: ScoreCalibration = { slope: 9.41, intercept: -3.58 };

/**
 * Under this calibrated probability the portal says "no good match": chosen as the highest
 * threshold that keeps false "no good match" on answerable requests at most 10 % on the tuning
 * half, and reported on the other half (ADR 034).
 */
export const MATCH_THRESHOLD = 0.237;

/**
 * The lexical score's decision point before calibration (ADR 002: 0.4, fixed on the public set).
 * Earlier requests and answered survey questions have no labelled data to calibrate on, so their
 * lexical score is only aligned with the scale: this point maps onto MATCH_THRESHOLD.
 */
export const LEXICAL_DECISION = 0.4;

export function calibrated(evidence: number, calibration: ScoreCalibration = SCORE_CALIBRATION): number {
  const p = 1 / (1 + Math.exp(-(calibration.slope * clamp(evidence) + calibration.intercept)));
  return round(p);
}

/**
 * An earlier request's or an answered question's lexical score on the portal's scale: piecewise
 * linear through (0, 0), (LEXICAL_DECISION, MATCH_THRESHOLD) and (1, 1), so they are offered
 * exactly when they were before calibration and the threshold means the same to them.
 */
export function alignedLexicalScore(score: number, threshold = MATCH_THRESHOLD): number {
  const s = clamp(score);
  const aligned =
    s <= LEXICAL_DECISION
      ? (s / LEXICAL_DECISION) * threshold
      : threshold + ((s - LEXICAL_DECISION) / (1 - LEXICAL_DECISION)) * (1 - threshold);
  return round(aligned);
}

export interface ScopedHit {
  score: number;
  publisherKommunkod: string | null;
}

/**
 * Datasets, best first, with the evidence turned into the calibrated score. A dataset of another
 * municipality than the ones the request names does not answer it (the evaluation sets' relevance
 * rule, and DESIGN.md's "only the municipality's own data"): it keeps its place in the list but its
 * score is scaled under the threshold, so it is never a good match whatever the threshold is. A
 * regional or national publisher's dataset covers the municipality and is scored as its evidence
 * says. `calibration: null` gives the evidence itself (the bench fits the curve on it), with another
 * municipality's datasets at 0.
 */
export function calibrateDatasets<H extends ScopedHit>(
  hits: H[],
  options: { kommunkoder: string[]; calibration?: ScoreCalibration | null; threshold?: number },
): H[] {
  const calibration = options.calibration === undefined ? SCORE_CALIBRATION : options.calibration;
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const scored = hits.map((hit) => {
    const other = anotherMunicipality(hit, options.kommunkoder);
    if (calibration === null) return { hit: { ...hit, score: other ? 0 : hit.score }, other };
    const p = calibrated(hit.score, calibration);
    // Strictly under the threshold: at most 99 % of it.
    return { hit: { ...hit, score: other ? round(p * threshold * 0.99) : p }, other };
  });
  // As before calibration, another municipality's dataset also scores under the named ones' weakest.
  const weakest = Math.min(...scored.filter((s) => !s.other).map((s) => s.hit.score));
  if (Number.isFinite(weakest)) for (const s of scored) if (s.other) s.hit.score = Math.min(s.hit.score, round(weakest * 0.99));
  return scored.map((s) => s.hit);
}

/** A municipality's dataset (four-digit kommunkod) when the request names other municipalities. */
export function anotherMunicipality(hit: Pick<ScopedHit, "publisherKommunkod">, kommunkoder: string[]) {
  return (
    kommunkoder.length > 0 &&
    hit.publisherKommunkod !== null &&
    hit.publisherKommunkod.length === 4 &&
    !kommunkoder.includes(hit.publisherKommunkod)
  );
}

/**
 * Platt scaling: the logistic curve of the evidence that best predicts relevance (maximum
 * likelihood by Newton's method), with Platt's (1999) targets (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2)
 * instead of 1 and 0, so a set the evidence separates perfectly still gives a finite curve.
 */
export function fitCalibration(samples: { evidence: number; relevant: boolean }[]): ScoreCalibration {
  const positives = samples.filter((s) => s.relevant).length;
  const negatives = samples.length - positives;
  if (positives === 0 || negatives === 0) return SCORE_CALIBRATION;
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let slope = 1;
  let intercept = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    // Gradient and Hessian of the negative log-likelihood in (slope, intercept).
    let gA = 0;
    let gB = 0;
    let hAA = 1e-9;
    let hAB = 0;
    let hBB = 1e-9;
    for (const { evidence, relevant } of samples) {
      const x = clamp(evidence);
      const p = 1 / (1 + Math.exp(-(slope * x + intercept)));
      const d = p - (relevant ? high : low);
      const w = p * (1 - p);
      gA += d * x;
      gB += d;
      hAA += w * x * x;
      hAB += w * x;
      hBB += w;
    }
    const det = hAA * hBB - hAB * hAB;
    if (det <= 0) break;
    const stepA = (hBB * gA - hAB * gB) / det;
    const stepB = (hAA * gB - hAB * gA) / det;
    slope -= stepA;
    intercept -= stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-9) break;
  }
  return { slope, intercept };
}

function clamp(value: number) {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}

function round(value: number) {
  return Math.round(value * 10_000) / 10_000;
}
