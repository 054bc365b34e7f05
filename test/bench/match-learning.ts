/**
 * Learning from use, measured honestly (issue 11, ADR 032): use is simulated from one set of
 * labelled requests — each answerable request accepted, for every dataset that answers it, by two
 * distinct simulated requesters through the portal's own command (acceptDatasetAsAnswer), so the
 * evidence is written exactly as the portal writes it — and the matcher is measured on another set
 * of requests it learned nothing from, with and without learning, side by side:
 * - taught from cross-validation half A, measured on half B, and the reverse;
 * - taught from the public set, measured on the unseen set.
 * The share of the score learning gets is chosen on one fold (taught A → measured B) and reported on
 * the other (taught B → measured A), and the reverse. The simulated evidence lives only in the
 * bench's database; no word of an evaluation request goes into code or a word list. Run by
 * match-quality.ts (skip with --skip-learning).
 */
import type { LabelledQuery } from "./eval-sets";

const SHARES = [0, 0.25, 0.5, 0.75];

interface Ranked {
  uri: string;
  score: number;
}

type Engine = { match: (text: string, o: { limit: number }) => Promise<{ datasets: Ranked[]; threshold: number }> };
export type LearningEngine = (share: number) => Engine;

interface Figures {
  recallAt5: number;
  mrrAt10: number;
  noMatchAccuracy: number;
  falseNoMatch: number;
}

async function measure(engine: Engine, queries: LabelledQuery[]): Promise<Figures> {
  const positives: { recall: number; rr: number; noMatch: boolean }[] = [];
  const negatives: boolean[] = [];
  for (const query of queries) {
    const { datasets, threshold } = await engine.match(query.text, { limit: 10 });
    const top = datasets.length ? Math.max(...datasets.map((d) => d.score)) : null;
    const noMatch = top === null || top < threshold;
    if (query.relevant.length === 0) {
      negatives.push(noMatch);
      continue;
    }
    const relevant = new Set(query.relevant);
    const first = datasets.slice(0, 10).findIndex((d) => relevant.has(d.uri));
    positives.push({
      recall: datasets.slice(0, 5).filter((d) => relevant.has(d.uri)).length / Math.min(5, relevant.size),
      rr: first >= 0 ? 1 / (first + 1) : 0,
      noMatch,
    });
  }
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  return {
    recallAt5: mean(positives.map((p) => p.recall)),
    mrrAt10: mean(positives.map((p) => p.rr)),
    noMatchAccuracy: mean(negatives.map((n) => (n ? 1 : 0))),
    falseNoMatch: mean(positives.map((p) => (p.noMatch ? 1 : 0))),
  };
}

/** The same objective the meaning fusion was chosen by: the four figures alike. */
function objective(f: Figures) {
  return (f.recallAt5 + f.mrrAt10 + f.noMatchAccuracy + (1 - f.falseNoMatch)) / 4;
}

async function debug(queries: LabelledQuery[]) {
  const { db } = await import("../../db/client.server");
  const { createLearnedIndex } = await import("../../search/learning/learned.server");
  const { analyseRequest } = await import("../../search/language/request-analysis");
  const { placeFinderFor } = await import("../../search/language/places.server");
  const { stemsOfText } = await import("../../search/learning/evidence.server");
  const index = createLearnedIndex(db);
  console.log("    learned:", await index.loaded());
  for (const query of queries.filter((q) => q.relevant.length)) {
    const request = analyseRequest(query.text, await placeFinderFor(db));
    const kommunkoder = request.places.municipalities.map((m) => m.kommunkod);
    const hits = await index.similar(request, { limit: 5, kommunkoder });
    const { stems } = await stemsOfText(db, query.text);
    console.log(
      `    ${query.id} [${stems.join(" ")}] → ${hits.map((h) => `${h.title.slice(0, 30)}${query.relevant.includes(h.uri ?? "") ? "✓" : ""} ${h.learned.toFixed(2)}`).join(" | ")}`,
    );
  }
}

function line(f: Figures) {
  return `recall@5 ${f.recallAt5.toFixed(3)}  MRR@10 ${f.mrrAt10.toFixed(3)}  no-match acc. ${f.noMatchAccuracy.toFixed(3)}  false no-match ${f.falseNoMatch.toFixed(3)}`;
}

export async function measureLearningFromUse(
  sets: { public: LabelledQuery[]; unseen: LabelledQuery[]; halfA: LabelledQuery[]; halfB: LabelledQuery[] },
  engineWith: LearningEngine,
  committedShare: number,
) {
  const { db } = await import("../../db/client.server");
  const { acceptDatasetAsAnswer } = await import("../../app/models/request.server");
  const { createUser } = await import("../../app/models/user.server");
  type LearningTables = import("../../search/learning/tables").LearningTables;
  let people = 0;

  async function teach(queries: LabelledQuery[]) {
    await db.withTables<LearningTables>().deleteFrom("search_match_evidence").execute();
    let accepted = 0;
    for (const query of queries.filter((q) => q.relevant.length > 0)) {
      // Two distinct people wrote this request and each accepted every dataset that answers it.
      for (let person = 0; person < 2; person++) {
        people += 1;
        const user = await createUser({
          name: `Simulerad ${people}`,
          email: `simulerad-${people}@bench.example`,
          passwordHash: "!",
          locale: "sv",
        });
        for (const uri of query.relevant) {
          await acceptDatasetAsAnswer({
            requesterUserId: user.id,
            request: {
              kind: "data",
              title: query.text.slice(0, 200),
              body: query.text.length > 200 ? query.text : "",
              purpose: "",
              requesterType: "company",
              shownAs: "name",
              requesterOrganisationName: null,
              targetScope: "all",
              targetOrganisationIds: [],
              wishedFormat: null,
              updateFrequency: null,
            },
            datasetUri: uri,
          });
          accepted += 1;
        }
      }
    }
    return accepted;
  }

  console.log("\nLearning from use (ADR 032): taught by simulated requesters on one set, measured on another, without / with learning.");
  const folds: { name: string; taught: LabelledQuery[]; measured: LabelledQuery[] }[] = [
    { name: "taught half A → measured on half B", taught: sets.halfA, measured: sets.halfB },
    { name: "taught half B → measured on half A", taught: sets.halfB, measured: sets.halfA },
    { name: "taught public set → measured on unseen set", taught: sets.public, measured: sets.unseen },
  ];
  const results = new Map<string, Map<number, Figures>>();
  for (const fold of folds) {
    const accepted = await teach(fold.taught);
    const byShare = new Map<number, Figures>();
    const msPerMatch = new Map<number, number>();
    for (const share of SHARES) {
      const engine = engineWith(share);
      // The first match loads the meaning model and the associations: not what a match costs.
      await engine.match(fold.measured[0]!.text, { limit: 10 });
      const started = performance.now();
      byShare.set(share, await measure(engine, fold.measured));
      msPerMatch.set(share, (performance.now() - started) / fold.measured.length);
    }
    results.set(fold.name, byShare);
    if (process.env.LEARNING_DEBUG) await debug(fold.measured);
    console.log(`  ${fold.name} (${accepted} acceptances, ${fold.measured.length} requests):`);
    for (const share of SHARES)
      console.log(
        `    ${share === 0 ? "without learning  " : `learning share ${share.toFixed(2)}`}  ${line(byShare.get(share)!)}  (${msPerMatch.get(share)!.toFixed(1)} ms per match)`,
      );
  }
  // The share chosen on one fold, reported on the other: neither fold's figures choose their own share.
  for (const [tune, report] of [
    [folds[0]!, folds[1]!],
    [folds[1]!, folds[0]!],
  ] as const) {
    const tuned = results.get(tune.name)!;
    const best = SHARES.reduce((a, b) => (objective(tuned.get(b)!) > objective(tuned.get(a)!) ? b : a));
    const held = results.get(report.name)!;
    console.log(
      `  share chosen on "${tune.name}": ${best.toFixed(2)} → on "${report.name}": without ${line(held.get(0)!)}\n${" ".repeat(60)}with    ${line(held.get(best)!)}`,
    );
  }
  // The share to commit: the same choice on both folds together (ties go to the smaller share: the
  // more cautious one, as the evidence cannot tell them apart).
  const pooled = (share: number) =>
    (objective(results.get(folds[0]!.name)!.get(share)!) + objective(results.get(folds[1]!.name)!.get(share)!)) / 2;
  const chosen = SHARES.reduce((a, b) => (pooled(b) > pooled(a) ? b : a));
  console.log(
    `  chosen on both folds together: ${chosen.toFixed(2)}; the engine's share (search/matching/fusion.ts LEARNING_SHARE): ${committedShare}.`,
  );
  await db.withTables<LearningTables>().deleteFrom("search_match_evidence").execute();
}
