/**
 * `npm run bench`: every benchmark, one after the other, each in a process of its own (each owns
 * its database and memory figures). Prints what each measures; docs/benchmarks.md keeps the
 * latest figures. Pass a smaller size for a quick run: `npm run bench -- 20000`.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";

const size = process.argv[2] ?? "100000";
const harvestSizes = Number(size) > 30_000 ? ["30000", size] : [size];
const benchmarks: [string, string[]][] = [
  [
    "Matcher quality: public, unseen and fresh sets, cross-validation halves, the held-out holdout set, and the two anchors",
    ["test/bench/match-quality.ts"],
  ],
  // Issue 11, ADR 045: the "no good match" decision on several features of a match against ADR 034's one score.
  ["The no-match decision on several features, cross-validated against the one calibrated score", ["test/bench/match-decision.ts"]],
  // Two sizes, to show that the harvest's memory does not grow with the catalogue.
  [`Harvest throughput against parse-only, ${harvestSizes.join(" and ")} datasets`, ["test/bench/harvest-throughput.ts", ...harvestSizes]],
  [`/api/match over HTTP, ${size} datasets, one at a time and from 16 connections`, ["test/bench/match-latency.ts", "--datasets", size]],
  // Issue 11: the cost at 300,000 datasets against 30,000 (the databases are kept for the next run).
  ...(Number(size) >= 100_000
    ? [["How the match's cost grows, 30,000 to 300,000 datasets", ["test/bench/match-growth.ts"]] as [string, string[]]]
    : []),
  ["The request register over HTTP, 10,000 requests and 200,000 votes", ["test/bench/request-list.ts"]],
  ["The portal's own open data over HTTP, 10,000 requests: /api/requests, Atom feeds, /catalog.*", ["test/bench/open-data.ts"]],
  ["The inbox (5,000 tasks of one municipality) and the statistics over HTTP, 50,000 tasks", ["test/bench/task-pages.ts"]],
  ["The time-saved report over HTTP, 1,000,000 ledger rows", ["test/bench/time-saved-report.ts"]],
  ["A 30-question survey's reuse plan against 100,000 earlier answers and the catalogue", ["test/bench/survey-reuse.ts"]],
  ["The coverage grid of 100 specifications × 50 organisations over 100,000 datasets", ["test/bench/specification-grid.ts"]],
];

console.log(
  `Fråga en gång benchmarks — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}\n`,
);
let failed = false;
for (const [title, args] of benchmarks) {
  console.log(`== ${title}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", "tsx", ...args], { stdio: "inherit" });
  console.log(`   (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
