/**
 * How the match's cost grows with the catalogue (issue 11: the cost at 300,000 datasets at most
 * 1.5× the cost at 30,000). Runs test/bench/match-latency.ts at both sizes, each in a process of its
 * own (keeping their databases under .data/bench-match-latency for the next run), and prints the
 * ratios of the CPU per match under 16 connections and of the one-at-a-time p50.
 *
 *   node --import tsx test/bench/match-growth.ts [--small 30000] [--large 300000]
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { small: { type: "string", default: "30000" }, large: { type: "string", default: "300000" } } });

function measure(datasets: string) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "test/bench/match-latency.ts", "--datasets", datasets, "--keep", "--reuse"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (result.status !== 0) throw new Error(`match-latency.ts --datasets ${datasets} failed:\n${result.stdout}`);
  const summary = result.stdout.slice(result.stdout.lastIndexOf("one at a time"));
  console.log(summary.replace(/.*\r/g, "").trim().replace(/^/gm, "  "));
  const number = (pattern: RegExp) => Number(pattern.exec(result.stdout)?.[1] ?? NaN);
  return { p50: number(/p50 ([\d.]+) ms/), cpu: number(/CPU ([\d.]+) ms per match/), rate: number(/([\d.]+) matches\/s/) };
}

const small = measure(values.small!);
const large = measure(values.large!);
console.log(
  `\nGrowth from ${values.small} to ${values.large} datasets: CPU per match × ${(large.cpu / small.cpu).toFixed(2)}, ` +
    `one-at-a-time p50 × ${(large.p50 / small.p50).toFixed(2)}, matches/s at 16 connections × ${(large.rate / small.rate).toFixed(2)} (target: cost ≤ 1.5×)`,
);
