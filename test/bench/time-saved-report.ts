/**
 * How fast the time-saved report answers over a large ledger (issue 10, ADR 025): 1,000,000 ledger
 * rows over five years (every reason, 49 municipalities and the region, 20,000 requests from every
 * kind of requester, 2,000 datasets, a thousand reversals), written in bulk as the commands write
 * them, so the summary trigger does its work as it would. Starts the portal as `npm start` does and
 * asks `GET /api/reports/time-saved` (all years and one year), the home page and the coordinators'
 * report page one at a time after a warm-up, interleaved, printing p50/p95/max per case. Target:
 * p95 ≤ 200 ms.
 *
 *   node --import tsx test/bench/time-saved-report.ts [--rows 1000000] [--rounds 40] [--csv] [--keep] [--reuse]
 *
 * `--csv` also streams the whole ledger as CSV once and prints its time and the server's memory.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { startPortal } from "../support/portal";
import { benchDatabase } from "./match-database";
import { percentile, timingLine } from "./timing";

const CASES: [string, string][] = [
  ["json: all years", "/api/reports/time-saved"],
  ["json: one year", "/api/reports/time-saved?year=2025"],
  ["home page (this year's summary)", "/"],
  ["/admin/tidsbesparing (coordinator)", "/admin/tidsbesparing"],
  ["/admin/tidsbesparing?year=2025", "/admin/tidsbesparing?year=2025"],
];

async function main() {
  const { values } = parseArgs({
    options: {
      rows: { type: "string", default: "1000000" },
      rounds: { type: "string", default: "40" },
      csv: { type: "boolean", default: false },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
    },
  });
  const rowCount = Number(values.rows);
  const database = await benchDatabase("fraga_bench_time_saved", { reuse: values.reuse, dataDir: ".data/bench-time-saved" });
  try {
    const { db } = await import("../../db/client.server");
    const { sql } = await import("kysely");
    const existing = await db
      .selectFrom("time_saved")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) < rowCount) {
      const started = performance.now();
      await loadLedger(db, sql, rowCount);
      console.log(`Loaded ${rowCount} ledger rows in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      await sql`VACUUM ANALYZE`.execute(db);
    } else {
      console.log(`Reusing ${existing.n} ledger rows.`);
    }
    const summaryRows = await db
      .selectFrom("time_saved_monthly")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();

    const { createTestUser, sessionCookieFor } = await import("../factories/user");
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);

    const portal = await startPortal({ DATABASE_URL: database.url, DEMO_DATA: "off" });
    const ask = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie } });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${response.status} for ${path}`);
      return performance.now() - started;
    };
    for (const [, path] of CASES) for (let i = 0; i < 5; i++) await ask(path);
    const rounds = Number(values.rounds);
    const byCase = new Map<string, number[]>(CASES.map(([name]) => [name, []]));
    for (let round = 0; round < rounds; round++) for (const [name, path] of CASES) byCase.get(name)!.push(await ask(path));

    let csvLine = "";
    if (values.csv) {
      const started = performance.now();
      const response = await fetch(`${portal.url}/api/reports/time-saved.csv`);
      let bytes = 0;
      const reader = response.body!.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.length;
      const status = readFileSync(`/proc/${portal.process.pid}/status`, "utf8");
      const mb = (field: string) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
      csvLine = `  CSV of every ledger row: ${((performance.now() - started) / 1000).toFixed(1)} s, ${Math.round(bytes / 1024 ** 2)} MB; server RSS ${mb("VmRSS")} MB (peak ${mb("VmHWM")} MB)`;
    }
    await portal.stop();

    console.log(`\n${rowCount} ledger rows (${summaryRows.n} monthly summary rows); each case ${rounds} times over HTTP, one at a time:`);
    console.log(`  ${"case".padEnd(38)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
    for (const [name] of CASES) console.log(`  ${timingLine(name, byCase.get(name)!)}`);
    if (csvLine) console.log(csvLine);
    const worst = Math.max(
      ...CASES.map(([name]) =>
        percentile(
          [...byCase.get(name)!].sort((a, b) => a - b),
          95,
        ),
      ),
    );
    console.log(`  target p95 ≤ 200 ms: ${worst <= 200 ? "met" : "NOT met"} (worst p95 ${worst.toFixed(1)} ms)`);
  } finally {
    await database.stop({ keep: values.keep || values.reuse });
  }
}

/**
 * Requests, datasets and ledger rows in bulk with generate_series (a bench fixture, not app code:
 * the ledger rows are what the commands would write, in batches so each statement's transition
 * table stays a few hundred thousand rows).
 */
async function loadLedger(db: (typeof import("../../db/client.server"))["db"], sql: (typeof import("kysely"))["sql"], rowCount: number) {
  const user = await db
    .insertInto("users")
    .values({ email: "bench-requester@bench.example", name: "Bänk", password_hash: "no sign-in in the benchmark" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const source = await db
    .insertInto("catalogue_sources")
    .values({ name: "Bänkkatalog", kind: "dcat", location: "bench://time-saved" })
    .returning("id")
    .executeTakeFirstOrThrow();
  // Raw SQL throughout: generate_series fills a million rows in seconds, which row-by-row inserts would not.
  await sql`
    INSERT INTO requests (kind, title, body, purpose, requester_user_id, requester_type, requester_shown_as, requester_organisation_name,
                          target_scope, status, created_at, answered_at)
    SELECT 'data', 'Bänkförfrågan ' || g, 'Text', 'Syfte', ${user.id},
           (ARRAY['company', 'research', 'authority', 'citizen'])[1 + g % 4],
           CASE WHEN g % 3 = 0 THEN 'organisation' ELSE 'name' END,
           CASE WHEN g % 3 = 0 THEN 'Organisation ' || (g % 150) END,
           'all', (ARRAY['answered_by_existing_data', 'closed', 'answered', 'open'])[1 + g % 4],
           now() - (g % 1800) * interval '1 day', now() - (g % 1800) * interval '1 day'
    FROM generate_series(1, 20000) g`.execute(db);
  await sql`
    INSERT INTO datasets (uri, source_id, publisher_organisation_id, title, description, keywords, themes, formats, conforms_to, content_hash)
    SELECT 'https://bench.example/dataset/' || g, ${source.id},
           (SELECT id FROM organisations WHERE type IN ('municipality', 'region') ORDER BY kommunkod OFFSET g % 50 LIMIT 1),
           jsonb_build_object('sv', 'Datamängd ' || g), '{}'::jsonb, '{}'::jsonb, '{}', '{}', '{}', md5(g::text)
    FROM generate_series(1, 2000) g`.execute(db);
  await sql`CREATE TEMP TABLE bench_orgs AS SELECT row_number() OVER (ORDER BY kommunkod) - 1 AS i, id FROM organisations WHERE type IN ('municipality', 'region')`.execute(
    db,
  );
  await sql`CREATE TEMP TABLE bench_requests AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM requests`.execute(db);
  await sql`CREATE TEMP TABLE bench_datasets AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id FROM datasets`.execute(db);
  const batch = 200_000;
  for (let start = 0; start < rowCount; start += batch) {
    const end = Math.min(rowCount, start + batch);
    await sql`
      INSERT INTO time_saved (occurred_at, request_id, question_id, organisation_id, minutes, minutes_low, minutes_high, reason, basis,
                              basis_detail, dataset_id, assumption_version)
      SELECT now() - ((g::bigint * 7919) % (5 * 365 * 24)) * interval '1 hour',
             CASE WHEN r.reason LIKE 'survey%' THEN NULL ELSE q.id END,
             CASE WHEN r.reason LIKE 'survey%' THEN gen_random_uuid() END,
             o.id,
             CASE WHEN r.reason LIKE 'survey%' THEN 30 ELSE 240 END,
             CASE WHEN r.reason LIKE 'survey%' THEN 15 ELSE 120 END,
             CASE WHEN r.reason LIKE 'survey%' THEN 45 ELSE 480 END,
             r.reason, r.basis, '{}'::jsonb,
             CASE WHEN r.reason IN ('existing_dataset', 'survey_question_open_data') THEN d.id END,
             2
      FROM generate_series(${start + 1}::int, ${end}::int) g
      CROSS JOIN LATERAL (SELECT (ARRAY['existing_dataset', 'existing_dataset', 'duplicate_merged', 'published_dataset',
                                        'survey_question_reused', 'survey_question_open_data', 'survey_question_open_data'])[1 + g % 7] AS reason,
                                 (ARRAY['own_dataset', 'regional_dataset', 'asked_by_both', 'vote',
                                        'earlier_answer', 'open_data', 'open_data'])[1 + g % 7] AS basis) r
      JOIN bench_orgs o ON o.i = (g * 31) % 50
      JOIN bench_requests q ON q.i = (g * 17) % 20000
      JOIN bench_datasets d ON d.i = ((g * 13) % 2000 * (g % 5 + 1)) % 2000`.execute(db);
  }
  // A thousand corrections, as reverseTimeSaved writes them.
  await sql`
    INSERT INTO time_saved (occurred_at, request_id, question_id, organisation_id, minutes, minutes_low, minutes_high, reason, basis,
                            basis_detail, dataset_id, assumption_version, reverses_id)
    SELECT t.occurred_at, t.request_id, t.question_id, t.organisation_id, -t.minutes, -t.minutes_low, -t.minutes_high, t.reason, 'reversal',
           '{"why": "bänk"}'::jsonb, t.dataset_id, t.assumption_version, t.id
    FROM time_saved t WHERE t.id % 1000 = 0 AND t.id <= ${rowCount}`.execute(db);
}

await main();
