/**
 * The coverage grid of issue 14: 100 specifications × the 49 municipalities and the region over a
 * catalogue of 100,000 datasets, of which a fifth declare a specification (the exact address,
 * another version, or the address written with http, www or a trailing slash) and 5,000 more are
 * judged of a specification's kind. Times getCoverageGrid (the page's and the CSV's and the API's
 * one query path) one at a time after a warm-up; the budget is p95 ≤ 100 ms.
 *
 *   node --import tsx test/bench/specification-grid.ts [--datasets 100000] [--specifications 100] [--rounds 60] [--keep] [--reuse]
 */
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { benchDatabase } from "./match-database";
import { percentile, timingLine } from "./timing";

async function main() {
  const { values } = parseArgs({
    options: {
      datasets: { type: "string", default: "100000" },
      specifications: { type: "string", default: "100" },
      rounds: { type: "string", default: "60" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
    },
  });
  const datasetCount = Number(values.datasets);
  const specCount = Number(values.specifications);
  const database = await benchDatabase("bench_specification_grid", { reuse: values.reuse });
  const { db } = await import("../../db/client.server");
  const { getCoverageGrid } = await import("../../app/models/specification-coverage.server");

  const loaded = await db
    .selectFrom("datasets")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(loaded.n) < datasetCount) {
    const started = performance.now();
    const source = await db
      .insertInto("catalogue_sources")
      .values({ name: "Bench", kind: "dcat", location: "bench://specification-grid" })
      .onConflict((oc) => oc.column("location").doUpdateSet({ name: "Bench" }))
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`
      INSERT INTO specifications (name, version, uri, origin, status)
      SELECT 'Benchspecifikation ' || i, '1.0', 'https://dataportal.se/specifications/bench-' || i || '/1.0', 'national', 'adopted'
      FROM generate_series(1, ${specCount}) i`.execute(db);
    // Raw SQL: 100,000 rows in one statement. Every fifth dataset declares one of the specifications,
    // written four ways; the publisher is one of the 50 organisations in turn.
    await sql`
      WITH orgs AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM organisations WHERE type IN ('municipality', 'region')),
           count AS (SELECT count(*) AS c FROM orgs)
      INSERT INTO datasets (uri, source_id, publisher_organisation_id, title, conforms_to, content_hash)
      SELECT 'https://bench.example.se/dataset/' || i, ${source.id}, orgs.id,
             jsonb_build_object('sv', 'Datamängd ' || i),
             CASE WHEN i % 5 = 0 THEN ARRAY[
               CASE (i / 5) % 4
                 WHEN 0 THEN 'https://dataportal.se/specifications/bench-' || ((i / 5) % ${specCount} + 1) || '/1.0'
                 WHEN 1 THEN 'https://dataportal.se/specifications/bench-' || ((i / 5) % ${specCount} + 1) || '/2.0'
                 WHEN 2 THEN 'http://www.dataportal.se/specifications/bench-' || ((i / 5) % ${specCount} + 1) || '/1.0/'
                 ELSE 'https://example.se/another-profile/' || i END]
             ELSE '{}'::text[] END,
             md5(i::text)
      FROM generate_series(1, ${datasetCount}) i CROSS JOIN count
      JOIN orgs ON orgs.n = abs(hashtext(i::text)) % count.c`.execute(db);
    await sql`
      INSERT INTO specification_kind_matches (specification_id, dataset_id, organisation_id, score)
      SELECT s.id, d.id, d.publisher_organisation_id, 0.5
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM specifications) s
      JOIN (SELECT id, publisher_organisation_id, row_number() OVER (ORDER BY id) AS n FROM datasets WHERE cardinality(conforms_to) = 0 LIMIT 5000) d
        ON d.n % ${specCount} = s.n % ${specCount}`.execute(db);
    await sql`VACUUM ANALYZE`.execute(db);
    console.log(
      `Loaded ${datasetCount} datasets and ${specCount} specifications in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    );
  }

  const cases: [string, () => Promise<unknown>][] = [
    ["grid: everything", () => getCoverageGrid()],
    ["grid: one municipality (Borås)", () => getCoverageGrid({ kommunkod: "1490" })],
    ["grid: only those that lack", () => getCoverageGrid({ onlyLacking: true })],
  ];
  const rounds = Number(values.rounds);
  const all: number[] = [];
  console.log(`${"case".padEnd(38)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
  for (const [name, run] of cases) {
    for (let i = 0; i < 5; i++) await run();
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      await run();
      times.push(performance.now() - started);
    }
    all.push(...times);
    console.log(timingLine(name, times));
  }
  const grid = await getCoverageGrid();
  const cells = grid.rows.flatMap((row) => row.cells);
  console.log(
    `${grid.rows.length} rows × ${grid.specifications.length} specifications: ${cells.filter((c) => c.kind === "conforming").length} conforming, ` +
      `${cells.filter((c) => c.kind === "same_kind").length} same kind, ${cells.filter((c) => c.kind === "none").length} none`,
  );
  const p95 = percentile(
    [...all].sort((a, b) => a - b),
    95,
  );
  console.log(`over all: p95 ${p95.toFixed(1)} ms (budget 100 ms) ${p95 <= 100 ? "— within" : "— OVER"}`);
  await database.stop({ keep: values.keep });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
