import { sql } from "kysely";
import { db } from "../../db/client.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";

export async function checkDatabase() {
  const started = performance.now();
  try {
    // A round trip is the check; no table is needed for it.
    await sql`SELECT 1`.execute(db);
    return { status: "ok" as const, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: "error" as const, message: error instanceof Error ? error.message : String(error) };
  }
}

export async function checkSearchEngine() {
  return getSearchEngine().health();
}

/**
 * Whether every catalogue source has finished its first harvest (the demo catalogue after a fresh
 * start), so scripts can wait for a filled catalogue. A failed run counts as finished: a broken
 * source must not keep a waiting script waiting for ever. Null when the database does not answer.
 */
export async function checkCatalogue() {
  try {
    const row = await db
      .selectFrom("catalogue_sources as s")
      .select((eb) => eb.fn.countAll<string>().as("pending"))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("harvest_runs as h").select("h.id").whereRef("h.source_id", "=", "s.id").where("h.finished_at", "is not", null),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    const sourcesPending = Number(row.pending);
    return { firstHarvestDone: sourcesPending === 0, sourcesPending };
  } catch {
    return null;
  }
}
