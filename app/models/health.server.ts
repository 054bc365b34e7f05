import { sql } from "kysely";
import { db } from "../../db/client.server";
import { getSearchEngine } from "../../search/select-engine.server";

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
