/**
 * How the match's cost grows with the catalogue (issue 11: the cost at 300,000 datasets at most
 * 1.5× the cost at 30,000). Runs test/bench/match-latency.ts at both sizes, each in a process of its
 * own (keeping their databases under .data/bench-match-latency for the next run), in rounds that
 * alternate the sizes, and prints the ratios of the medians of the CPU per match under 16
 * connections and of the one-at-a-time p50. One run of a size varies by ±15 % on a shared 2-core
 * machine, more than the difference the target asks about, so one round says little.
 *
 *   node --import tsx test/bench/match-growth.ts [--small 30000] [--large 300000] [--rounds 3]
 */
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    small: { type: "string", default: "30000" },
    large: { type: "string", default: "300000" },
    rounds: { type: "string", default: "3" },
  },
});

interface Measured {
  p50: number;
  cpu: number;
  rate: number;
}

function measure(datasets: string, round: number): Measured {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "test/bench/match-latency.ts", "--datasets", datasets, "--keep", "--reuse"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (result.status !== 0) throw new Error(`match-latency.ts --datasets ${datasets} failed:\n${result.stdout}`);
  // The first round prints the whole summary; the others one line each.
  if (round === 1)
    console.log(result.stdout.slice(result.stdout.lastIndexOf("one at a time")).replace(/.*\r/g, "").trim().replace(/^/gm, "  "));
  const number = (pattern: RegExp) => Number(pattern.exec(result.stdout)?.[1] ?? NaN);
  const measured = { p50: number(/p50 ([\d.]+) ms/), cpu: number(/CPU ([\d.]+) ms per match/), rate: number(/([\d.]+) matches\/s/) };
  console.log(
    `  round ${round}, ${datasets} datasets: CPU ${measured.cpu} ms per match, one-at-a-time p50 ${measured.p50} ms, ${measured.rate} matches/s`,
  );
  return measured;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const small: Measured[] = [];
const large: Measured[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  small.push(measure(values.small!, round));
  large.push(measure(values.large!, round));
}
const medianOf = (runs: Measured[], key: keyof Measured) => median(runs.map((m) => m[key]));
const ratio = (key: keyof Measured) => (medianOf(large, key) / medianOf(small, key)).toFixed(2);
console.log(
  `\nGrowth from ${values.small} to ${values.large} datasets, medians of ${small.length} rounds: ` +
    `CPU per match ${medianOf(small, "cpu").toFixed(1)} → ${medianOf(large, "cpu").toFixed(1)} ms × ${ratio("cpu")}, ` +
    `one-at-a-time p50 × ${ratio("p50")}, matches/s at 16 connections × ${ratio("rate")} (target: cost ≤ 1.5×)`,
);
