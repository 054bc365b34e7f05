/**
 * Harvest throughput against the parser's own speed, side by side on the same generated
 * DCAT-AP-SE catalogue in RDF/XML, at each size given (default 30,000 and 100,000 datasets):
 * - parse-only: parseCatalogue reads and maps the whole file in memory (what the harvest must
 *   at least do), run before and after the harvests; the faster of the two counts;
 * - first harvest into an empty database, then an unchanged re-harvest (writes nothing);
 * each in a process of its own, with the job queue's heap cap for harvests, so the peak memory
 * (RSS) printed is that process's alone.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateCatalogueRdfXml } from "../../db/seed/demo-catalogue";
import { benchDatabase } from "./match-database";

/** As harvest-child.server.ts gives the harvest child (HARVEST_MAX_OLD_SPACE_MB, default 512). */
const HARVEST_HEAP_MB = Number(process.env.HARVEST_MAX_OLD_SPACE_MB) || 512;

interface Measured {
  datasets: number;
  seconds: number;
  cpuSeconds: number;
  peakRssMegabytes: number;
  stagingSeconds?: number;
  stagingCpuSeconds?: number;
  postgresCpuSeconds?: number;
}

/**
 * CPU seconds PostgreSQL has used so far (Linux, embedded server): the postmaster's own, its live
 * backends' and those of backends that have ended (cutime/cstime), so the harvest's connection
 * counts even after it closed.
 */
function postgresCpuSeconds(): number | null {
  try {
    const postmaster = Number(readFileSync(path.resolve(".data/bench-postgres/postmaster.pid"), "utf8").split("\n")[0]);
    const ticks = (fields: string[], from: number, count: number) =>
      fields.slice(from, from + count).reduce((sum, f) => sum + Number(f), 0);
    const statOf = (pid: string) => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    };
    let total = ticks(statOf(String(postmaster)), 11, 4);
    for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        const fields = statOf(pid);
        if (Number(fields[1]) === postmaster) total += ticks(fields, 11, 2);
      } catch {
        // ended meanwhile: counted in the postmaster's cutime
      }
    }
    return total / 100;
  } catch {
    return null;
  }
}

function measure(args: string[], heapMb?: number): Measured {
  const postgresBefore = postgresCpuSeconds();
  const flags = ["--import", "tsx", ...(heapMb ? [`--max-old-space-size=${heapMb}`] : [])];
  const result = spawnSync(process.execPath, [...flags, "test/bench/harvest-process.ts", ...args], {
    encoding: "utf8",
    env: process.env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = result.stdout.trim().split("\n").pop() ?? "";
  if (result.status !== 0 || !last.startsWith("{")) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  const postgresAfter = postgresCpuSeconds();
  const measured = JSON.parse(last) as Measured;
  if (postgresBefore !== null && postgresAfter !== null) measured.postgresCpuSeconds = Number((postgresAfter - postgresBefore).toFixed(2));
  return measured;
}

function catalogueFile(count: number) {
  mkdirSync(".data/bench", { recursive: true });
  const file = path.resolve(`.data/bench/catalogue-${count}.rdf`);
  // Written afresh each time: a file left by an earlier version of the generator would mislead.
  writeFileSync(file, generateCatalogueRdfXml(count));
  return file;
}

async function benchmarkSize(count: number) {
  const file = catalogueFile(count);
  const database = await benchDatabase("fraga_bench_harvest");
  try {
    const parseBefore = measure(["parse", file]);
    const first = measure(["harvest", file], HARVEST_HEAP_MB);
    const again = measure(["harvest", file], HARVEST_HEAP_MB);
    const parseAfter = measure(["parse", file]);
    const parse = parseBefore.seconds <= parseAfter.seconds ? parseBefore : parseAfter;
    return { count, megabytes: statSync(file).size / 1024 / 1024, parse, first, again };
  } finally {
    await database.stop();
  }
}

const sizes = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["30000", "100000"]).map(Number);
const loadBefore = os.loadavg()[0];
const results = [];
for (const size of sizes) results.push(await benchmarkSize(size));

const rate = (m: Measured) => Math.round(m.datasets / m.seconds);
const percent = (m: Measured, parse: Measured) => `${Math.round((100 * rate(m)) / rate(parse))} %`;
console.log(
  `Harvest of a generated RDF/XML catalogue, side by side with parse-only on the same file (harvest heap cap ${HARVEST_HEAP_MB} MB):`,
);
console.log("  datasets   file MB | parse-only ds/s  RSS MB | first harvest ds/s  of parse  RSS MB | re-harvest ds/s  of parse  RSS MB");
for (const { count, megabytes, parse, first, again } of results) {
  console.log(
    `  ${String(count).padStart(8)} ${megabytes.toFixed(1).padStart(9)} | ${String(rate(parse)).padStart(15)} ${String(parse.peakRssMegabytes).padStart(7)} | ` +
      `${String(rate(first)).padStart(18)} ${percent(first, parse).padStart(9)} ${String(first.peakRssMegabytes).padStart(7)} | ` +
      `${String(rate(again)).padStart(15)} ${percent(again, parse).padStart(9)} ${String(again.peakRssMegabytes).padStart(7)}`,
  );
}
for (const { count, parse, first, again } of results) {
  console.log(
    `  ${count}: parse-only ${parse.seconds} s (CPU ${parse.cpuSeconds} s); first harvest ${first.seconds} s, of which ` +
      `${first.stagingSeconds} s until the staging table was loaded and indexed; CPU: harvesting process ${first.cpuSeconds} s ` +
      `(${first.stagingCpuSeconds} s of it until then), ` +
      `PostgreSQL ${first.postgresCpuSeconds ?? "?"} s; re-harvest ${again.seconds} s (CPU ${again.cpuSeconds} s + PostgreSQL ${again.postgresCpuSeconds ?? "?"} s)`,
  );
}
console.log(`  load average (1 min) ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} cores`);
process.exit(0);
