import { Readable } from "node:stream";
import { Kysely, PostgresDialect, sql } from "kysely";
import { expect, it } from "vitest";
import { pool } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { generateCatalogueRdfXml } from "../../db/seed/demo-catalogue";
import { mappedBatches, stageCatalogue } from "../../app/models/harvest-staging.server";

/**
 * Issue 7: the streamed harvest ran at a sixth of the parser's speed because each batch of
 * datasets scanned the whole staging table (a recursive query the planner could not estimate),
 * which made a harvest quadratic in the catalogue's size. Reading the batches must touch the
 * staging table through its index: the rows read by sequential scans stay within a small
 * multiple of the table, however many batches there are.
 */
it("maps a catalogue batch by batch without scanning the staging table per batch", async () => {
  const datasets = 5_000;
  const client = await pool.connect();
  const lent = { query: client.query.bind(client), release: () => {} };
  const connection = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: { connect: async () => lent, end: async () => {} } as never }),
  });
  try {
    await connection.transaction().execute(async (trx) => {
      const found = await stageCatalogue(trx, client, Readable.from([generateCatalogueRdfXml(datasets)]), {
        format: "rdfxml",
        onNul: () => {},
        onWarning: () => {},
      });
      expect(found).toBe(datasets);
      let mapped = 0;
      let batches = 0;
      for await (const batch of mappedBatches(trx, null)) {
        mapped += batch.datasets.length;
        batches++;
        expect(batch.failures).toEqual([]);
      }
      expect(mapped).toBe(datasets);
      expect(batches).toBeGreaterThan(1);
      const { rows } = await sql<{ rows: number; read: number }>`
        SELECT n_tup_ins AS rows, coalesce(seq_tup_read, 0) AS read FROM pg_stat_xact_user_tables
        WHERE relname = 'harvest_triples'`.execute(trx);
      expect(rows[0].rows).toBeGreaterThan(datasets * 10);
      expect(rows[0].read).toBeLessThanOrEqual(rows[0].rows * 3);
    });
  } finally {
    client.release(true);
    await connection.destroy();
  }
});
