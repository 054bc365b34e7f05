import { CompiledQuery, Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

// PostgreSQL bigint (int8) comes back as a string by default; our ids and counts fit in a number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// A date column is a calendar day (a due date), not an instant: keep "2026-12-01" as it is,
// rather than letting it become midnight in the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function createDatabase(connectionString: string, options: { max?: number } = {}) {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on("error", (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool,
      // A synchronized scan starts where another scan of the table is, so the matcher's sample of a
      // common word's documents (the first few hundred, ADR 029) would change from one request to
      // the next. Awaited before the connection's first query: a setting queued in the pool's
      // "connect" event made that query wait on the same client, which pg 8 warns of and pg 9 refuses.
      onCreateConnection: (connection) => connection.executeQuery(CompiledQuery.raw("SET synchronize_seqscans = off")).then(() => {}),
    }),
  });
  return { db, pool };
}

// The one pool of a process; kept on globalThis so a re-evaluated module (tests, the server build
// next to tsx-loaded tools) reuses it instead of opening another.
const globalForDb = globalThis as unknown as { __fragaDb?: ReturnType<typeof createDatabase> };

export function sharedDatabase(connectionString: string) {
  return (globalForDb.__fragaDb ??= createDatabase(connectionString));
}

/** Closes the shared pool, so a process can end (or a test file hand its worker on). */
export async function closeSharedDatabase() {
  const shared = globalForDb.__fragaDb;
  delete globalForDb.__fragaDb;
  await shared?.db.destroy();
}
