/**
 * How fast the portal's own open data answers over HTTP at 10,000 requests (issue 12: p95 ≤ 100 ms):
 * `GET /api/requests` pages, the Atom feeds (new requests, filtered, one request's history, a
 * municipality's) and `/catalog.rdf` / `.ttl` / `.jsonld` over them, each case one at a time after a
 * warm-up, interleaved. The whole register as CSV is timed apart: it is a download of every row.
 * Loads the register as test/bench/request-list.ts does (test/bench/register-seed.ts), with
 * tasks for a third of the routed requests, some answered, and closed surveys for the catalogue.
 *
 *   node --import tsx test/bench/open-data.ts [--requests 10000] [--votes 20000] [--rounds 60] [--keep] [--reuse]
 */
import { parseArgs } from "node:util";
import { startPortal } from "../support/portal";
import { benchDatabase } from "./match-database";
import { loadRegister } from "./register-seed";
import { timingLine } from "./timing";

const BUDGET_MS = 100;

async function main() {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "10000" },
      votes: { type: "string", default: "20000" },
      rounds: { type: "string", default: "60" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
    },
  });
  const requestCount = Number(values.requests);
  const database = await benchDatabase("fraga_bench_open_data", { reuse: values.reuse, dataDir: ".data/bench-open-data" });
  try {
    const { db } = await import("../../db/client.server");
    const { sql } = await import("kysely");
    const existing = await db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) < requestCount) {
      const started = performance.now();
      await loadRegister(db, requestCount, Number(values.votes));
      await loadTasksAndSurveys(db);
      await sql`VACUUM ANALYZE`.execute(db);
      console.log(`Loaded ${requestCount} requests, their tasks and surveys in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
    } else {
      console.log(`Reusing ${existing.n} requests.`);
    }
    const middle = await db
      .selectFrom("requests")
      .select("number")
      .orderBy("number")
      .offset(Math.floor(requestCount / 2))
      .limit(1)
      .executeTakeFirstOrThrow();

    const cases: [string, string][] = [
      ["api: page 1", "/api/requests"],
      ["api: page 50, newest", "/api/requests?page=50&sort=newest"],
      ["api: 100 per page, Borås", "/api/requests?pageSize=100&kommunkod=1490"],
      ["api: past the end", "/api/requests?page=9999"],
      ["feed: new requests", "/requests.atom"],
      ["feed: Borås, open, data", "/requests.atom?kommunkod=1490&status=open&kind=data"],
      ["feed: text (badplatser)", "/requests.atom?q=badplatser"],
      ["feed: tag trafik", "/requests.atom?tag=trafik"],
      ["feed: one request's history", `/requests/${middle.number}/events.atom`],
      ["feed: Borås's requests and answers", "/organisationer/boras/flode.atom"],
      ["catalog.rdf", "/catalog.rdf"],
      ["catalog.ttl", "/catalog.ttl"],
      ["catalog.jsonld", "/catalog.jsonld"],
    ];

    const portal = await startPortal({ DATABASE_URL: database.url, DEMO_DATA: "off", API_RATE_LIMIT: "off" });
    const ask = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${portal.url}${path}`);
      const body = await response.arrayBuffer();
      if (!response.ok) throw new Error(`${response.status} for ${path}`);
      return { ms: performance.now() - started, bytes: body.byteLength };
    };
    for (const [, path] of cases) for (let i = 0; i < 5; i++) await ask(path); // warm-up: plans, caches, connections

    const rounds = Number(values.rounds);
    const byCase = new Map<string, number[]>(cases.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) for (const [name, path] of cases) byCase.get(name)!.push((await ask(path)).ms);
    const csvTimes: number[] = [];
    let csvBytes = 0;
    for (let round = 0; round < 5; round++) {
      const { ms, bytes } = await ask("/requests.csv");
      csvTimes.push(ms);
      csvBytes = bytes;
    }
    await portal.stop();

    const group = (prefix: string) => cases.filter(([name]) => name.startsWith(prefix)).flatMap(([name]) => byCase.get(name)!);
    console.log(`\n${requestCount} requests; each case ${rounds} times over HTTP, one at a time (budget p95 ≤ ${BUDGET_MS} ms):`);
    console.log(`  ${"case".padEnd(38)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
    for (const [name] of cases) console.log(`  ${timingLine(name, byCase.get(name)!)}`);
    console.log(`  ${timingLine("all /api/requests", group("api"))}`);
    console.log(`  ${timingLine("all feeds", group("feed"))}`);
    console.log(`  ${timingLine("all catalogue serialisations", group("catalog"))}`);
    console.log(`  ${timingLine(`/requests.csv, all (${Math.round(csvBytes / 1024)} KB)`, csvTimes)}`);
  } finally {
    await database.stop({ keep: values.keep || values.reuse });
  }
}

/**
 * Tasks for every third routed request (the organisations it asked), half of them answered with a
 * text, and ten closed surveys: enough that the organisation feed and the catalogue read real rows.
 */
async function loadTasksAndSurveys(db: (typeof import("../../db/client.server"))["db"]) {
  const routed = await db
    .selectFrom("requests")
    .innerJoin("request_targets", "request_targets.request_id", "requests.id")
    .select(["requests.id", "requests.number", "requests.created_at", "request_targets.organisation_id"])
    .where("requests.status", "in", ["open", "partly_answered", "answered", "closed"])
    .execute();
  const rows = routed
    .filter((row) => row.number % 3 === 0)
    .map((row, i) => ({
      request_id: row.id,
      organisation_id: row.organisation_id,
      due_date: new Date(row.created_at.getTime() + 30 * 86_400_000).toISOString().slice(0, 10),
      status: i % 2 === 0 ? ("answered" as const) : ("pending" as const),
      answer_text: i % 2 === 0 ? "Uppgifterna finns som öppna data; se länken." : null,
      created_at: row.created_at,
      answered_at: i % 2 === 0 ? new Date(row.created_at.getTime() + 10 * 86_400_000) : null,
    }));
  for (let start = 0; start < rows.length; start += 5000)
    await db
      .insertInto("tasks")
      .values(rows.slice(start, start + 5000))
      .execute();
  // A sent survey has its request (surveys_sent_has_request): the register's survey requests.
  const surveyRequests = await db
    .selectFrom("requests")
    .select(["id", "requester_user_id"])
    .where("kind", "=", "survey")
    .orderBy("number")
    .limit(10)
    .execute();
  await db
    .insertInto("surveys")
    .values(
      surveyRequests.map((request, i) => ({
        sender_user_id: request.requester_user_id,
        request_id: request.id,
        sent_at: new Date(Date.now() - (i + 30) * 86_400_000),
        title: `Enkät ${i + 1} om kommunernas verksamhet`,
        purpose: "Statistik till en nationell uppföljning.",
        status: "closed" as const,
        closed_at: new Date(Date.now() - i * 86_400_000),
      })),
    )
    .execute();
  console.log(`  ${rows.length} tasks, 10 closed surveys`);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
