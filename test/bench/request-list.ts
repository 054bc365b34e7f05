/**
 * How fast the public register of requests answers over HTTP: the page `/requests` and
 * `GET /api/requests`, with 10,000 requests and 200,000 votes. Loads a bench database (requests as
 * createRequest writes them: target rows, counters kept with the votes), starts the portal as
 * `npm start` does, asks each case one at a time after a warm-up and prints p50/p95 per case and
 * over all. Also times `GET /api/match` with the requests indexed, since matching now reads them.
 *
 * Then, as issue 7 measured it, `/requests` under load: `--concurrency` connections at once for
 * `--seconds`, `--load-runs` times, with the server's memory after each run.
 *
 *   node --import tsx test/bench/request-list.ts [--requests 10000] [--votes 200000] [--rounds 60] [--keep] [--reuse]
 *     [--concurrency 50] [--seconds 20] [--load-runs 4] [--load-only]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startPortal } from "../support/portal";
import { benchDatabase } from "./match-database";
import { loadRegister } from "./register-seed";
import { percentile, timingLine } from "./timing";

const CASES: [string, string][] = [
  ["page: default (most votes)", "/requests"],
  ["page: votes, two statuses, page 5", "/requests?sort=votes&status=open&status=answered&page=5"],
  ["page: newest", "/requests?sort=newest"],
  ["page: longest waiting", "/requests?sort=oldest_open"],
  ["page: recently answered", "/requests?sort=recently_answered"],
  ["page: Borås, data, newest", "/requests?kommunkod=1490&kind=data&sort=newest"],
  ["page: tag and status", "/requests?tag=trafik&status=open"],
  ["page: text (badplatser)", "/requests?q=badplatser"],
  ["page: text and municipality", "/requests?q=f%C3%B6rskolor+lediga&kommunkod=1496"],
  ["page: text, common word", "/requests?q=antal"],
  ["api: default", "/api/requests"],
  ["api: 100 per page, newest", "/api/requests?pageSize=100&sort=newest"],
  ["api: Skövde, open", "/api/requests?kommunkod=1496&status=open"],
  ["api: text (laddplatser)", "/api/requests?q=laddplatser"],
];

const MATCH_TEXTS = [
  "Var finns det badplatser i Borås och hur är vattenkvaliteten?",
  "laddstolpar skovde",
  "Vi söker statistik om trafikolyckor med cyklister i Göteborg",
  "enkät om krisberedskap och reservkraft",
  "förskoleplatser i Lidköping",
];

async function main() {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "10000" },
      votes: { type: "string", default: "200000" },
      rounds: { type: "string", default: "60" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
      concurrency: { type: "string", default: "50" },
      seconds: { type: "string", default: "20" },
      "load-runs": { type: "string", default: "4" },
      "load-only": { type: "boolean", default: false },
    },
  });
  const requestCount = Number(values.requests);
  const voteCount = Number(values.votes);
  // A cluster of its own, so the harvest and match benchmarks can run beside it.
  const database = await benchDatabase("fraga_bench_request_list", { reuse: values.reuse, dataDir: ".data/bench-request-list" });
  try {
    const { db } = await import("../../db/client.server");
    const { sql } = await import("kysely");
    const existing = await db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) < requestCount) {
      const started = performance.now();
      const votes = await loadRegister(db, requestCount, voteCount);
      console.log(`Loaded ${requestCount} requests and ${votes} votes in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      const indexing = performance.now();
      const { createPostgresEngine } = await import("../../search/engines/postgres/engine.server");
      const { reindexAll } = await import("../../search/indexing/reindex.server");
      const { requests } = await reindexAll(createPostgresEngine(db));
      // The requests' own outbox rows are covered by the reindex.
      await db.deleteFrom("search_outbox").execute();
      console.log(`Indexed ${requests} requests for matching in ${((performance.now() - indexing) / 1000).toFixed(0)} s.`);
      // Fresh statistics, as autovacuum would have them on a running server.
      await sql`VACUUM ANALYZE`.execute(db);
    } else {
      console.log(`Reusing ${existing.n} requests.`);
    }

    const portal = await startPortal({ DATABASE_URL: database.url, DEMO_DATA: "off" });
    const ask = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${portal.url}${path}`);
      await response.text();
      if (!response.ok) throw new Error(`${response.status} for ${path}`);
      return performance.now() - started;
    };
    for (const [, path] of CASES) for (let i = 0; i < 5; i++) await ask(path); // warm-up: plans, caches, connections

    const serverMemory = () => {
      const status = readFileSync(`/proc/${portal.process.pid}/status`, "utf8");
      return (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
    };
    const loadLines: string[] = [];
    const concurrency = Number(values.concurrency);
    const seconds = Number(values.seconds);
    const before = serverMemory();
    const pageBytes = Buffer.byteLength(await (await fetch(`${portal.url}/requests`)).text());
    loadLines.push(`  server memory before the load: RSS ${before("VmRSS")} MB; /requests is ${Math.round(pageBytes / 1024)} KB of HTML`);
    for (let run = 1; run <= Number(values["load-runs"]); run++) {
      const times: number[] = [];
      let errors = 0;
      const until = performance.now() + seconds * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < until) {
            try {
              times.push(await ask("/requests"));
            } catch {
              errors++;
            }
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      const sorted = [...times].sort((a, b) => a - b);
      const memory = serverMemory();
      loadLines.push(
        `  run ${run}: ${concurrency} connections, ${elapsed.toFixed(0)} s: ${(times.length / elapsed).toFixed(1)} requests/s, ` +
          `p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, errors ${errors}; ` +
          `server RSS ${memory("VmRSS")} MB (peak ${memory("VmHWM")} MB)`,
      );
      console.log(loadLines.at(-1));
    }
    if (values["load-only"]) {
      await portal.stop();
      console.log(`\n/requests under load (${requestCount} requests, ${voteCount} votes):\n${loadLines.join("\n")}`);
      return;
    }

    const rounds = Number(values.rounds);
    const byCase = new Map<string, number[]>(CASES.map(([name]) => [name, []]));
    // Interleaved, so a slow moment of the machine falls on every case alike.
    for (let round = 0; round < rounds; round++) for (const [name, path] of CASES) byCase.get(name)!.push(await ask(path));
    const matchTimes: number[] = [];
    for (const text of MATCH_TEXTS) await ask(`/api/match?q=${encodeURIComponent(text)}`);
    for (let round = 0; round < rounds; round++)
      for (const text of MATCH_TEXTS) matchTimes.push(await ask(`/api/match?q=${encodeURIComponent(text)}`));

    const memory = readFileSync(`/proc/${portal.process.pid}/status`, "utf8");
    const megabytes = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(memory)?.[1] ?? 0) / 1024);
    await portal.stop();

    const pages = CASES.filter(([name]) => name.startsWith("page")).flatMap(([name]) => byCase.get(name)!);
    const api = CASES.filter(([name]) => name.startsWith("api")).flatMap(([name]) => byCase.get(name)!);
    console.log(`\n${requestCount} requests, ${voteCount} votes; each case ${rounds} times over HTTP, one at a time:`);
    console.log(`  ${"case".padEnd(38)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
    for (const [name] of CASES) console.log(`  ${timingLine(name, byCase.get(name)!)}`);
    console.log(`  ${timingLine("all register pages", pages)}`);
    console.log(`  ${timingLine("all /api/requests", api)}`);
    console.log(`  ${timingLine("/api/match (requests indexed)", matchTimes)}`);
    console.log(`  server memory: RSS ${megabytes("VmRSS")} MB, peak ${megabytes("VmHWM")} MB`);
    console.log(`\n/requests under load:\n${loadLines.join("\n")}`);
  } finally {
    await database.stop({ keep: values.keep || values.reuse });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
