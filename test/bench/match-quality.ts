/**
 * How well the matcher finds the datasets a request asks for, on the public evaluation set
 * (shared/fixtures/eval): loads the eval catalogue into a fresh database through the harvester,
 * indexes it through the outbox, runs every labelled request through match() (limit 10), writes
 * a run file and prints recall@5, MRR, no-match accuracy and the false no-match rate as the eval
 * README defines them.
 *
 *   node --import tsx test/bench/match-quality.ts [--run <run file>] [--verbose]
 *
 * Cross-check: python3 ../shared/tools/eval_metrics.py --run <run file>
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchDatabase } from "./match-database";

interface LabelledQuery {
  id: string;
  text: string;
  relevant: string[];
  note: string;
}

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const evalDir = [path.join(root, "test/fixtures/eval"), path.resolve(root, "../shared/fixtures/eval")].find((dir) =>
  existsSync(path.join(dir, "queries-public.jsonl")),
);
const catalogue = [
  path.join(root, "db/seed/data/catalogs/catalog-vg-public.rdf"),
  path.resolve(root, "../shared/fixtures/eval/catalog-vg-public.rdf"),
].find(existsSync);

async function main() {
  const { values } = parseArgs({
    options: {
      run: { type: "string", default: path.join(root, ".data/bench/match-quality-run.jsonl") },
      verbose: { type: "boolean", short: "v", default: false },
      keep: { type: "boolean", default: false },
    },
  });
  if (!evalDir || !catalogue) throw new Error("The evaluation set (queries-public.jsonl, catalog-vg-public.rdf) was not found.");
  const queries = readFileSync(path.join(evalDir, "queries-public.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledQuery);

  const database = await benchDatabase("fraga_bench_match_quality");
  try {
    // The app's modules read DATABASE_URL when they load.
    const { getOrCreateCatalogueSource } = await import("../../app/models/catalogue-source.server");
    const { harvestCatalogueSource } = await import("../../app/models/harvest.server");
    const { searchEngineFromEnvironment } = await import("../../search/engines/select-engine.server");
    const { drainOutbox } = await import("../../search/indexing/outbox.server");

    const sourceId = await getOrCreateCatalogueSource({ location: catalogue, name: "Utvärderingskatalog (publik)" });
    const harvest = await harvestCatalogueSource(sourceId);
    if (harvest.status !== "succeeded") throw new Error(`The harvest failed: ${harvest.error}`);
    const engine = searchEngineFromEnvironment();
    const drained = await drainOutbox(engine, { batchSize: 500 });
    if (drained.error) throw new Error(`Indexing failed: ${drained.error}`);
    console.log(`Engine: ${engine.name}; catalogue: ${harvest.added} datasets harvested, ${drained.indexed} indexed.`);

    const runLines: string[] = [];
    const rows: QueryOutcome[] = [];
    let threshold = 0;
    for (const query of queries) {
      const result = await engine.match(query.text, { limit: 10 });
      threshold = result.threshold;
      runLines.push(JSON.stringify({ id: query.id, results: result.datasets.map((d) => ({ uri: d.uri, score: d.score })) }));
      rows.push(outcome(query, result.datasets, threshold));
      if (values.verbose) {
        console.log(`\n${query.id} ${query.text}`);
        for (const [i, d] of result.datasets.entries())
          console.log(`  ${i + 1}. ${d.score.toFixed(3)} ${query.relevant.includes(d.uri) ? "✓" : " "} ${d.title} (${d.publisher})`);
        const missed = query.relevant.filter((uri) => !result.datasets.slice(0, 5).some((d) => d.uri === uri));
        if (missed.length) console.log(`  missed in top 5: ${missed.join(", ")}`);
      }
    }
    mkdirSync(path.dirname(values.run!), { recursive: true });
    writeFileSync(values.run!, runLines.join("\n") + "\n");
    report(rows, threshold);
    console.log(`\nRun file: ${path.relative(process.cwd(), values.run!)}`);
  } finally {
    await database.stop({ keep: values.keep });
  }
}

interface QueryOutcome {
  id: string;
  kind: string;
  positive: boolean;
  recallAt5: number;
  reciprocalRank: number;
  topScore: number | null;
  saysNoMatch: boolean;
}

/** The eval README's definitions, per query. */
function outcome(query: LabelledQuery, ranking: { uri: string; score: number }[], threshold: number): QueryOutcome {
  const relevant = new Set(query.relevant);
  const top10 = ranking.slice(0, 10);
  const firstRelevant = top10.findIndex((d) => relevant.has(d.uri));
  const topScore = ranking.length ? Math.max(...ranking.map((d) => d.score)) : null;
  return {
    id: query.id,
    kind: /\[([a-z-]+);/.exec(query.note)?.[1] ?? "?",
    positive: relevant.size > 0,
    recallAt5: relevant.size ? top10.slice(0, 5).filter((d) => relevant.has(d.uri)).length / Math.min(5, relevant.size) : 0,
    reciprocalRank: firstRelevant >= 0 ? 1 / (firstRelevant + 1) : 0,
    topScore,
    saysNoMatch: topScore === null || topScore < threshold,
  };
}

function report(rows: QueryOutcome[], threshold: number) {
  const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
  const positive = rows.filter((r) => r.positive);
  const negative = rows.filter((r) => !r.positive);
  console.log("\nquery     kind                    top    recall@5  RR");
  for (const r of rows)
    console.log(
      `${r.id.padEnd(9)} ${r.kind.padEnd(23)} ${(r.topScore ?? 0).toFixed(3)}  ${r.positive ? r.recallAt5.toFixed(2).padStart(8) : "       -"}  ${r.positive ? r.reciprocalRank.toFixed(2) : "-"}${r.saysNoMatch ? "  (no good match)" : ""}`,
    );
  console.log(`\nthreshold            ${threshold}`);
  console.log(`recall@5             ${mean(positive.map((r) => r.recallAt5)).toFixed(3)}  (${positive.length} queries)`);
  console.log(`MRR@10               ${mean(positive.map((r) => r.reciprocalRank)).toFixed(3)}`);
  console.log(`hit@5                ${mean(positive.map((r) => (r.recallAt5 > 0 ? 1 : 0))).toFixed(3)}`);
  console.log(`no-match accuracy    ${mean(negative.map((r) => (r.saysNoMatch ? 1 : 0))).toFixed(3)}  (${negative.length} queries)`);
  for (const kind of [...new Set(negative.map((r) => r.kind))].sort()) {
    const ofKind = negative.filter((r) => r.kind === kind);
    console.log(`  ${kind.padEnd(26)} ${ofKind.filter((r) => r.saysNoMatch).length}/${ofKind.length}`);
  }
  console.log(`false no-match rate  ${mean(positive.map((r) => (r.saysNoMatch ? 1 : 0))).toFixed(3)}`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
