/**
 * How fast GET /api/match answers over HTTP with 100,000 datasets indexed by the built-in engine.
 * Builds the catalogue from the public evaluation catalogue: each of its datasets is published
 * again by other municipalities (their names swapped into the text) until the count is reached —
 * a pessimistic catalogue, with some 1,600 datasets of every kind. Then starts the portal as
 * `npm start` does, sends the eval requests and some of its own, one at a time, and prints the
 * latency percentiles and the server's memory; then the same requests from 16 connections at once
 * (issue 11): matches per second, how many were turned away (503) and the CPU each match cost the
 * server and PostgreSQL together.
 *
 *   node --import tsx test/bench/match-latency.ts [--datasets 100000] [--requests 600] [--concurrency 16] [--keep] [--lexical] [--evidence 20] [--profile DIR]
 *     [--node-arguments "--trace-gc …"] [--server-log FILE] [--rate-limit 1000000]
 *
 * Under 16 connections it prints the CPU per match split between the server (and the part of it spent in
 * the kernel) and PostgreSQL, and the
 * statements PostgreSQL ran per match (its committed transactions: each statement outside a
 * transaction is one). --profile DIR: the server runs with `node --cpu-prof` and writes its profile
 * there when it stops (open it in Chrome's DevTools or speedscope). --node-arguments: more options for
 * the server's Node (space-separated); --server-log FILE: what the server printed, written there at the end.
 *
 * --evidence N: what use taught is present (ADR 032): two simulated people each accept the built-in
 * engine's best dataset for each of the first N bench requests. In a database of its own
 * (`…_evidence`, copied from the kept one without evidence when there is one), so the other runs'
 * figures stay without learning.
 *
 * Each size has a database of its own under .data/bench-match-latency; with --reuse it skips
 * loading when the database from an earlier --keep run is there.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { startPortal } from "../support/portal";
import type { MeaningTables } from "../../search/meaning/tables";
import { benchDatabase } from "./match-database";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const evalDir = path.resolve(root, "../shared/fixtures/eval");
const catalogueFile = [path.join(root, "db/seed/data/catalogs/catalog-vg-public.rdf"), path.join(evalDir, "catalog-vg-public.rdf")].find(
  existsSync,
)!;

const EXTRA_REQUESTS = [
  "badplatser",
  "laddstolpar i Borås",
  "Var finns det lekplatser i Lidköping?",
  "Vi är ett företag som bygger en tjänst för cyklister och vill ha data om cykelvägar i Göteborg",
  "hämtning av hushållsavfall kungälv",
  "Hur många invånare har Skövde?",
  "I need data on recycling stations in Mölndal",
  "Finns det en karta över alla förskolor i Västra Götaland?",
  "trafikolyckor med cyklister i Borås",
  "Vi söker statistik om bostadsinbrott i Uddevalla",
];

async function main() {
  const { values } = parseArgs({
    options: {
      datasets: { type: "string", default: "100000" },
      requests: { type: "string", default: "600" },
      concurrency: { type: "string", default: "16" },
      "concurrent-requests": { type: "string", default: "1600" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
      // The lexical matcher alone: the stored meaning model is emptied (the next run without it learns it again).
      lexical: { type: "boolean", default: false },
      evidence: { type: "string", default: "0" },
      profile: { type: "string" },
      "node-arguments": { type: "string", default: "" },
      "server-log": { type: "string" },
      // The API's per-address limit as production has it (requests a minute, counted in the server's memory, ADR 046); off unless given.
      "rate-limit": { type: "string", default: "off" },
    },
  });
  const target = Number(values.datasets);
  // A data directory of its own: other benchmarks (match-quality) may run at the same time.
  const evidence = Number(values.evidence);
  const database = await benchDatabase(`fraga_bench_match_latency_${target}${evidence > 0 ? "_evidence" : ""}`, {
    reuse: values.reuse,
    dataDir: ".data/bench-match-latency",
    template: evidence > 0 ? `fraga_bench_match_latency_${target}` : undefined,
  });
  try {
    const { db } = await import("../../db/client.server");
    const { createPostgresEngine } = await import("../../search/engines/postgres/engine.server");
    const { reindexAll } = await import("../../search/indexing/reindex.server");
    const engine = createPostgresEngine(db);

    const existing = await db
      .selectFrom("datasets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) < target) {
      let started = performance.now();
      await loadCatalogue(db, target);
      console.log(`Loaded ${target} datasets in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      started = performance.now();
      const { indexed } = await reindexAll(engine, {
        onProgress: (n) => n % 10_000 < 500 && process.stdout.write(`\r  indexed ${n}`),
      });
      console.log(`\nIndexed ${indexed} datasets in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      // Fresh statistics, as autovacuum would have them on a running server.
      await import("kysely").then(({ sql }) => sql`VACUUM ANALYZE`.execute(db));
    } else {
      console.log(`Reusing ${existing.n} datasets.`);
    }

    // Meaning learned from the catalogue (ADR 031), as the job after a harvest learns it: the portal's matches fuse it.
    const { hasMeaningModel, recomputeMeaning } = await import("../../search/meaning/model.server");
    if (values.lexical)
      // An empty model, as of an empty catalogue: the portal neither fuses meaning nor learns it at start.
      await db
        .withTables<MeaningTables>()
        .transaction()
        .execute(async (trx) => {
          for (const table of ["search_meaning_documents", "search_meaning_features", "search_meaning_models"] as const)
            await trx.deleteFrom(table).execute();
          await trx
            .insertInto("search_meaning_models")
            .values({ dimensions: 0, documents: 0, features: 0, build_ms: 0, centroids: null })
            .execute();
        });
    else if (
      !(await hasMeaningModel(db)) ||
      (await db.withTables<MeaningTables>().selectFrom("search_meaning_models").select("documents").executeTakeFirst())?.documents === 0
    ) {
      const started = performance.now();
      const meaning = await recomputeMeaning(db);
      console.log(
        `Meaning learned from ${meaning.documents} datasets (${meaning.features} features) in ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${(process.memoryUsage().rss / 1e9).toFixed(2)} GB.`,
      );
    }

    const requests = [
      ...readFileSync(path.join(evalDir, "queries-public.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { text: string }).text),
      ...EXTRA_REQUESTS,
    ];
    if (evidence > 0) await teach(db, engine, requests.slice(0, evidence));

    // The real portal (server.ts, as `npm start` runs it) on this database.
    const portal = await startPortal(
      { DATABASE_URL: database.url, DEMO_DATA: "off", API_RATE_LIMIT: values["rate-limit"] },
      {
        nodeArguments: [
          ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values.profile)}`] : []),
          ...values["node-arguments"].split(" ").filter(Boolean),
        ],
      },
    );
    const port = Number(new URL(portal.url).port);
    const ask = async (text: string, options: { busyIsOk?: boolean } = {}) => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/api/match?q=${encodeURIComponent(text)}&limit=10`);
      const body: unknown = await response.json();
      if (response.status === 503 && options.busyIsOk) return { ms: performance.now() - started, busy: true, body };
      if (!response.ok) throw new Error(`${response.status} for ${text}`);
      return { ms: performance.now() - started, busy: false, body };
    };
    // Warm-up (caches, plans, connections); its answers hashed, so a change meant to keep every answer can show that it does.
    const answers = createHash("sha256");
    for (const text of requests) answers.update(JSON.stringify((await ask(text)).body));
    const times: number[] = [];
    const byRequest = new Map<string, number[]>();
    for (let i = 0; i < Number(values.requests); i++) {
      const text = requests[i % requests.length];
      const { ms } = await ask(text);
      times.push(ms);
      byRequest.set(text, [...(byRequest.get(text) ?? []), ms]);
    }

    // Throughput: `concurrency` connections, each asking the next request as soon as it has its
    // answer. CPU is the server's and PostgreSQL's (all its processes) over the phase.
    const concurrency = Number(values.concurrency);
    const total = Number(values["concurrent-requests"]);
    const serverBefore = cpuSeconds([portal.process.pid!]);
    const serverKernelBefore = cpuSeconds([portal.process.pid!], "kernel");
    const postgresBefore = cpuSeconds(postgresPids());
    const statementsBefore = await statementsRun(database.url);
    const loadTimes: number[] = [];
    let busy = 0;
    let next = 0;
    const phaseStarted = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const text = requests[next++ % requests.length];
          const answer = await ask(text, { busyIsOk: true });
          if (answer.busy) busy += 1;
          else loadTimes.push(answer.ms);
        }
      }),
    );
    const phaseSeconds = (performance.now() - phaseStarted) / 1000;
    const serverCpu = cpuSeconds([portal.process.pid!]) - serverBefore;
    const serverKernelCpu = cpuSeconds([portal.process.pid!], "kernel") - serverKernelBefore;
    const postgresCpu = cpuSeconds(postgresPids()) - postgresBefore;
    const cpu = serverCpu + postgresCpu;
    // A backend reports its counts at most once a second, and when it goes idle.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const statements = (await statementsRun(database.url)) - statementsBefore - 1;
    const memory = readFileSync(`/proc/${portal.process.pid}/status`, "utf8");
    const kilobytes = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(memory)?.[1] ?? 0);
    await portal.stop();
    if (values["server-log"]) writeFileSync(values["server-log"], portal.output());

    const sorted = [...times].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
    const slowest = [...byRequest]
      .map(([text, ms]) => [text, Math.max(...ms)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5);
    console.log(`\nAnswers to the ${requests.length} requests (sha256 of /api/match's JSON): ${answers.digest("hex").slice(0, 16)}`);
    console.log(`\n${times.length} requests over HTTP, one at a time, ${target} datasets:`);
    console.log(
      `  p50 ${at(50).toFixed(1)} ms   p95 ${at(95).toFixed(1)} ms   p99 ${at(99).toFixed(1)} ms   max ${sorted.at(-1)!.toFixed(1)} ms`,
    );
    console.log(`  server memory: RSS ${Math.round(kilobytes("VmRSS") / 1024)} MB, peak ${Math.round(kilobytes("VmHWM") / 1024)} MB`);
    console.log("  slowest requests:");
    for (const [text, ms] of slowest) console.log(`    ${ms.toFixed(1)} ms  ${text.slice(0, 90)}`);
    const loadSorted = loadTimes.sort((a, b) => a - b);
    const loadAt = (p: number) => loadSorted[Math.min(loadSorted.length - 1, Math.ceil((p / 100) * loadSorted.length) - 1)] ?? NaN;
    console.log(`\n${total} requests from ${concurrency} connections at once, ${target} datasets:`);
    console.log(
      `  ${(loadTimes.length / phaseSeconds).toFixed(1)} matches/s   ${busy} answered 503 (busy)   ` +
        `CPU ${((cpu * 1000) / Math.max(1, loadTimes.length)).toFixed(1)} ms per match (server + PostgreSQL)   ` +
        `p50 ${loadAt(50).toFixed(1)} ms   p95 ${loadAt(95).toFixed(1)} ms   max ${loadSorted.at(-1)?.toFixed(1)} ms`,
    );
    const perMatch = (seconds: number) => ((seconds * 1000) / Math.max(1, loadTimes.length)).toFixed(1);
    console.log(
      `  of which server ${perMatch(serverCpu)} ms (in the kernel ${perMatch(serverKernelCpu)} ms), PostgreSQL ${perMatch(postgresCpu)} ms per match; ` +
        `${(statements / Math.max(1, loadTimes.length + busy)).toFixed(2)} statements per request (background work included)`,
    );
  } finally {
    await database.stop({ keep: values.keep || values.reuse });
  }
}

/**
 * Two simulated people accept the built-in engine's best dataset for each text, through the portal's
 * own command (as test/bench/match-learning.ts teaches); then the time to learn from it all, as a
 * server process does at its first match and whenever the evidence changes.
 */
async function teach(
  db: (typeof import("../../db/client.server"))["db"],
  engine: import("../../search/engines/engine").SearchEngine,
  texts: string[],
) {
  const { acceptDatasetAsAnswer } = await import("../../app/models/request.server");
  const { createUser } = await import("../../app/models/user.server");
  const { createLearnedIndex } = await import("../../search/learning/learned.server");
  type LearningTables = import("../../search/learning/tables").LearningTables;
  const count = async () =>
    Number(
      (
        await db
          .withTables<LearningTables>()
          .selectFrom("search_match_evidence")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  if ((await count()) === 0)
    for (const [i, text] of texts.entries()) {
      const best = (await engine.match(text, { limit: 1, kinds: ["dataset"] })).datasets[0];
      if (!best) continue;
      for (let person = 0; person < 2; person++) {
        const user = await createUser({
          name: `Simulerad ${i}-${person}`,
          email: `bench-${i}-${person}@bench.example`,
          passwordHash: "!",
          locale: "sv",
        });
        await acceptDatasetAsAnswer({
          requesterUserId: user.id,
          request: {
            kind: "data",
            title: text.slice(0, 200),
            body: text.length > 200 ? text : "",
            purpose: "",
            requesterType: "company",
            shownAs: "name",
            requesterOrganisationName: null,
            targetScope: "all",
            targetOrganisationIds: [],
            wishedFormat: null,
            updateFrequency: null,
          },
          datasetUri: best.uri,
        });
      }
    }
  const started = performance.now();
  const loaded = await createLearnedIndex(db).loaded();
  console.log(
    `Evidence: ${await count()} rows; learned ${loaded?.words ?? 0} words and ${loaded?.kinds ?? 0} kinds in ${(performance.now() - started).toFixed(0)} ms (a server process's rebuild).`,
  );
}

/**
 * User + system CPU seconds of these processes so far (/proc/<pid>/stat, clock ticks of 1/100 s);
 * with "kernel" the system part alone (sockets, memory): a CPU profile counts a thread preempted in
 * a system call as busy there, this does not.
 */
function cpuSeconds(pids: number[], only?: "kernel"): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += (only === "kernel" ? 0 : Number(fields[11])) + Number(fields[12]);
    } catch {
      // A backend that ended in between.
    }
  }
  return ticks / 100;
}

/** Transactions PostgreSQL committed or rolled back in this database so far: one per statement run outside a transaction. */
async function statementsRun(url: string): Promise<number> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = current_database()",
    );
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** This benchmark's PostgreSQL: the postmaster under its data directory and every child of it. */
function postgresPids(): number[] {
  const pidFile = path.join(root, ".data/bench-match-latency/postmaster.pid");
  if (!existsSync(pidFile)) return [];
  const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(postmaster);
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/** The eval catalogue's datasets, published again by other municipalities until `target`. */
async function loadCatalogue(db: (typeof import("../../db/client.server"))["db"], target: number) {
  const { parseCatalogue } = await import("../../app/catalogue/dcat.server");
  const { createReadStream } = await import("node:fs");
  const parsed = await parseCatalogue(createReadStream(catalogueFile), { sourceName: catalogueFile });
  const municipalities = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("type", "=", "municipality")
    .orderBy("kommunkod")
    .execute();
  const names = new Set(municipalities.map((m) => m.name));
  const source = await db
    .insertInto("catalogue_sources")
    .values({ name: "Benchmark", kind: "dcat", location: "bench://match-latency" })
    .returning("id")
    .executeTakeFirstOrThrow();

  const rows = [];
  for (let n = 0; n < target; n++) {
    const original = parsed.datasets[n % parsed.datasets.length];
    const copy = Math.floor(n / parsed.datasets.length);
    const publisherName = original.publisher ? (original.publisher.name.sv ?? original.publisher.name[""] ?? "") : "";
    // "Mölndals stad" → Mölndal, "Borås stad" → Borås.
    const stripped = publisherName.replace(/ (stad|kommun)$/i, "");
    const place = names.has(stripped) ? stripped : names.has(stripped.replace(/s$/, "")) ? stripped.replace(/s$/, "") : "";
    const publisher = municipalities[(n + copy * 7) % municipalities.length];
    const swap = (text: string) => (place ? text.replaceAll(place, publisher.name) : text);
    const swapMap = (map: Record<string, string>) => Object.fromEntries(Object.entries(map).map(([k, v]) => [k, swap(v)]));
    rows.push({
      uri: `${original.uri}/copy-${copy}`,
      source_id: source.id,
      publisher_organisation_id: publisher.id,
      title: JSON.stringify(swapMap(original.title)),
      description: JSON.stringify(swapMap(original.description)),
      keywords: JSON.stringify(Object.fromEntries(Object.entries(original.keywords).map(([k, words]) => [k, words.map(swap)]))),
      themes: original.themes,
      formats: [...new Set(original.distributions.map((d) => d.format).filter((f): f is string => Boolean(f)))],
      conforms_to: original.conformsTo,
      content_hash: createHash("sha256").update(`${n}`).digest("hex"),
    });
    if (rows.length === 1000 || n === target - 1) {
      await db.insertInto("datasets").values(rows.splice(0)).execute();
      process.stdout.write(`\r  loaded ${n + 1}`);
    }
  }
  process.stdout.write("\n");
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
