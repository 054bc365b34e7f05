/**
 * The "no good match" threshold and the score's scale, cross-validated (issue 11, ADR 034): for
 * each fusion (weighted sum or probabilistic "or", fusion.ts) and meaning weight, the engine's uncalibrated evidence is read for
 * every request; on one cross-validation half the calibration curve is fitted (Platt scaling of the
 * best dataset's evidence against whether it answers) and the threshold chosen (the highest
 * share of no-match requests caught while false "no good match" on answerable requests stays at
 * most 10 %; then recall@5 + MRR@10 choose the weight); the other half reports the figures at that
 * choice, and the reverse. The same procedure on both halves together gives the constants to
 * commit (search/matching/calibration.ts, search/matching/fusion.ts). Run by match-quality.ts.
 */
import { fitCalibration, MATCH_THRESHOLD, SCORE_CALIBRATION, type ScoreCalibration } from "../../search/matching/calibration";
import { MEANING_FUSION } from "../../search/matching/fusion";
import type { LabelledQuery } from "./eval-sets";

/** The targets on requests the choice was not made on. */
export const TARGETS = { recallAt5: 0.9, mrrAt10: 0.85, falseNoMatch: 0.1, caught: 0.8 };
const SETTINGS = (["weighted", "or"] as const).flatMap((method) =>
  [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((weight) => ({ method, weight })),
);
type Setting = (typeof SETTINGS)[number];

interface Ranked {
  uri: string;
  score: number;
}

export type EvidenceEngine = (setting: Setting) => { match: (text: string, o: { limit: number }) => Promise<{ datasets: Ranked[] }> };

interface Run {
  query: LabelledQuery;
  ranking: Ranked[];
}

interface Choice {
  setting: Setting;
  calibration: ScoreCalibration;
  /** On the evidence's scale: a request whose best dataset has less says "no good match". */
  evidenceThreshold: number;
  /** The same on the calibrated scale: MATCH_THRESHOLD. */
  threshold: number;
}

/** A matcher's four figures over a set of labelled requests, with how many of each kind were counted. */
export interface Figures {
  recallAt5: number;
  mrrAt10: number;
  falseNoMatch: number;
  caught: number;
  positives: number;
  negatives: number;
}

export async function crossValidateThreshold(
  all: LabelledQuery[],
  halfA: LabelledQuery[],
  halfB: LabelledQuery[],
  engineWith: EvidenceEngine,
) {
  const runs = new Map<Setting, Map<string, Run>>();
  for (const setting of SETTINGS) {
    const engine = engineWith(setting);
    const byId = new Map<string, Run>();
    for (const query of all) byId.set(query.id, { query, ranking: (await engine.match(query.text, { limit: 10 })).datasets });
    runs.set(setting, byId);
  }
  const on = (queries: LabelledQuery[], setting: Setting) => queries.map((q) => runs.get(setting)!.get(q.id)!);

  console.log(
    "\nThe threshold and the score's scale, cross-validated (ADR 034): Platt scaling of the best dataset's evidence and the threshold chosen on one half\n" +
      `(most no-match requests caught with false no-match ≤ ${pct(TARGETS.falseNoMatch)}; then recall@5 + MRR@10 pick the fusion and meaning's weight), reported on the other:`,
  );
  const held: Figures[] = [];
  for (const [tuneName, tune, testName, test] of [
    ["A", halfA, "B", halfB],
    ["B", halfB, "A", halfA],
  ] as const) {
    const choice = choose((setting) => on(tune, setting));
    const tuned = figuresAt(on(tune, choice.setting), choice.evidenceThreshold);
    const f = figuresAt(on(test, choice.setting), choice.evidenceThreshold);
    held.push(f);
    console.log(
      `  chosen on half ${tuneName}: ${describe(choice)}; on half ${tuneName} itself ${line(tuned)}\n    → on half ${testName}: ${line(f)}  ${targetsMet(f)}`,
    );
    console.log(`    calibration on half ${testName}: ${reliability(on(test, choice.setting), choice.calibration)}`);
  }
  const pooled = pool(held);
  console.log(`  cross-validated (both held-out halves pooled): ${line(pooled)}  ${targetsMet(pooled)}`);

  const final = choose((setting) => on(all, setting));
  console.log(
    `  commit (chosen the same way on both halves together): MEANING_FUSION ${JSON.stringify(final.setting)}, SCORE_CALIBRATION { slope: ${final.calibration.slope.toFixed(2)}, intercept: ${final.calibration.intercept.toFixed(2)} }, MATCH_THRESHOLD ${final.threshold.toFixed(3)} (evidence ${final.evidenceThreshold.toFixed(3)})`,
  );
  console.log(
    `  committed now: MEANING_FUSION ${JSON.stringify(MEANING_FUSION)}, SCORE_CALIBRATION { slope: ${SCORE_CALIBRATION.slope}, intercept: ${SCORE_CALIBRATION.intercept} }, MATCH_THRESHOLD ${MATCH_THRESHOLD}` +
      (final.setting.method === MEANING_FUSION.method &&
      final.setting.weight === MEANING_FUSION.weight &&
      Math.abs(final.threshold - MATCH_THRESHOLD) < 0.005
        ? " (the same choice)"
        : " (differs: copy the line above into search/matching/calibration.ts and fusion.ts)"),
  );
  const misses = on(all, final.setting).filter((r) => r.query.relevant.length > 0 && top(r) < final.evidenceThreshold);
  console.log(`  answerable requests under that threshold, by kind: ${byKind(misses)}`);
  const passed = on(all, final.setting).filter((r) => r.query.relevant.length === 0 && top(r) >= final.evidenceThreshold);
  console.log(`  no-match requests over it, by kind: ${byKind(passed)}`);
}

/** The weight, curve and threshold the procedure picks on the given requests. */
function choose(runsOf: (setting: Setting) => Run[]): Choice {
  let best: { choice: Choice; key: number[] } | null = null;
  for (const setting of SETTINGS) {
    const runs = runsOf(setting);
    const evidenceThreshold = chooseThreshold(runs);
    const f = figuresAt(runs, evidenceThreshold);
    const key = [f.falseNoMatch <= TARGETS.falseNoMatch ? 1 : 0, f.caught, f.recallAt5 + f.mrrAt10, -Math.abs(setting.weight - 0.5)];
    if (best && !greater(key, best.key)) continue;
    const calibration = fitCalibration(
      runs
        .filter((r) => r.ranking.length > 0 && top(r) > 0)
        .map((r) => ({ evidence: r.ranking[0]!.score, relevant: r.query.relevant.includes(r.ranking[0]!.uri) })),
    );
    const threshold = 1 / (1 + Math.exp(-(calibration.slope * evidenceThreshold + calibration.intercept)));
    best = { choice: { setting, calibration, evidenceThreshold, threshold }, key };
  }
  return best!.choice;
}

/**
 * The cut between two neighbouring best scores that catches the most no-match requests while at
 * most 10 % of the answerable ones fall under it; of equally good cuts, the middle one, so the
 * threshold keeps a margin on both sides.
 */
function chooseThreshold(runs: Run[]): number {
  const tops = [...new Set(runs.map(top))].sort((a, b) => a - b);
  const cuts = [0.0001, ...tops.slice(1).map((t, i) => (t + tops[i]!) / 2), tops[tops.length - 1]! + 0.0001];
  const scored = cuts.map((cut) => ({ cut, f: figuresAt(runs, cut) }));
  const feasible = scored.filter((s) => s.f.falseNoMatch <= TARGETS.falseNoMatch);
  const pool = feasible.length ? feasible : scored.filter((s) => s.f.falseNoMatch === Math.min(...scored.map((x) => x.f.falseNoMatch)));
  const most = Math.max(...pool.map((s) => s.f.caught));
  const best = pool.filter((s) => s.f.caught === most);
  return best[Math.floor((best.length - 1) / 2)]!.cut;
}

function top(run: Run) {
  return run.ranking.length ? Math.max(...run.ranking.map((d) => d.score)) : 0;
}

function figuresAt(runs: Run[], threshold: number): Figures {
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const positive = runs.filter((r) => r.query.relevant.length > 0);
  const negative = runs.filter((r) => r.query.relevant.length === 0);
  const noMatch = (r: Run) => r.ranking.length === 0 || top(r) < threshold;
  return {
    recallAt5: mean(
      positive.map(
        (r) => r.ranking.slice(0, 5).filter((d) => r.query.relevant.includes(d.uri)).length / Math.min(5, r.query.relevant.length),
      ),
    ),
    mrrAt10: mean(
      positive.map((r) => {
        const i = r.ranking.slice(0, 10).findIndex((d) => r.query.relevant.includes(d.uri));
        return i >= 0 ? 1 / (i + 1) : 0;
      }),
    ),
    falseNoMatch: mean(positive.map((r) => (noMatch(r) ? 1 : 0))),
    caught: mean(negative.map((r) => (noMatch(r) ? 1 : 0))),
    positives: positive.length,
    negatives: negative.length,
  };
}

/** Two halves' held-out figures as one set of requests. */
function pool([a, b]: Figures[]): Figures {
  const weighted = (key: keyof Figures, by: "positives" | "negatives") => (a![key] * a![by] + b![key] * b![by]) / (a![by] + b![by]);
  return {
    recallAt5: weighted("recallAt5", "positives"),
    mrrAt10: weighted("mrrAt10", "positives"),
    falseNoMatch: weighted("falseNoMatch", "positives"),
    caught: weighted("caught", "negatives"),
    positives: a!.positives + b!.positives,
    negatives: a!.negatives + b!.negatives,
  };
}

/** Does the curve fitted on one half tell the truth on the other: predicted against observed, and the Brier score. */
function reliability(runs: Run[], calibration: ScoreCalibration) {
  const rows = runs
    .filter((r) => r.ranking.length > 0 && top(r) > 0)
    .map((r) => ({
      p: 1 / (1 + Math.exp(-(calibration.slope * r.ranking[0]!.score + calibration.intercept))),
      y: r.query.relevant.includes(r.ranking[0]!.uri) ? 1 : 0,
    }));
  const brier = rows.reduce((sum, r) => sum + (r.p - r.y) ** 2, 0) / Math.max(rows.length, 1);
  const bins = [0, 0.25, 0.5, 0.75, 1.0001].slice(1).map((upper, i, uppers) => {
    const lower = i === 0 ? 0 : uppers[i - 1]!;
    const inBin = rows.filter((r) => r.p >= lower && r.p < upper);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    return inBin.length
      ? `${lower.toFixed(2)}–${Math.min(upper, 1).toFixed(2)}: predicted ${mean(inBin.map((r) => r.p)).toFixed(2)}, answered ${mean(inBin.map((r) => r.y)).toFixed(2)} (${inBin.length})`
      : null;
  });
  return `Brier ${brier.toFixed(3)}; ${bins.filter(Boolean).join("; ")}`;
}

function describe(choice: Choice) {
  return `${choice.setting.method} w=${choice.setting.weight}, curve { slope ${choice.calibration.slope.toFixed(2)}, intercept ${choice.calibration.intercept.toFixed(2)} }, threshold ${choice.threshold.toFixed(3)} (evidence ${choice.evidenceThreshold.toFixed(3)})`;
}

export function line(f: Figures) {
  return `recall@5 ${f.recallAt5.toFixed(3)}, MRR@10 ${f.mrrAt10.toFixed(3)}, false no-match ${f.falseNoMatch.toFixed(3)}, no-match caught ${f.caught.toFixed(3)}`;
}

export function targetsMet(f: Figures) {
  const missed = [
    f.recallAt5 < TARGETS.recallAt5 && "recall@5",
    f.mrrAt10 < TARGETS.mrrAt10 && "MRR@10",
    f.falseNoMatch > TARGETS.falseNoMatch && "false no-match",
    f.caught < TARGETS.caught && "no-match caught",
  ].filter(Boolean);
  return missed.length ? `(misses: ${missed.join(", ")})` : "(all four targets met)";
}

/** Requests counted by kind: the tag of a no-match request, how an answerable one was written (the unseen set's notes). */
function byKind(runs: Run[]) {
  const counts = new Map<string, number>();
  for (const r of runs) {
    const tag = /\[([a-z-]+);/.exec(r.query.note)?.[1] ?? "?";
    const kind = tag === "positive" ? (/Written as: ([^.[]+)/.exec(r.query.note)?.[1]?.trim() ?? "public set") : tag;
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts.size ? [...counts].map(([kind, n]) => `${kind} ${n}`).join(", ") : "none";
}

export function greater(a: number[], b: number[]) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return false;
}

function pct(value: number) {
  return `${Math.round(value * 100)} %`;
}
