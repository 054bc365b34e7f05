import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../db/connection.server";

/**
 * The pool's connections (db/connection.server.ts). pg 8 warns, and pg 9 will refuse, when a
 * client is given a query while another waits on it: every new connection of the pool used to
 * queue its session setting in the pool's "connect" event, and the first query then queued behind
 * it. The warning is said once per process, so this file, in a process of its own, checks the first
 * connections a pool opens, one query at a time and several at once.
 */
const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
process.on("warning", onWarning);
const { db, pool } = createDatabase(process.env.DATABASE_URL!, { max: 4 });

afterAll(async () => {
  process.off("warning", onWarning);
  await db.destroy();
});

describe("a pooled connection", () => {
  it("is never given a second query while one waits, and still reads the sample of a common word the same every time", async () => {
    // The driver's own pool.query (the test setup's) hands a new client its query at once.
    await Promise.all([pool.query("SELECT 1"), pool.query("SELECT 2")]);
    const settings = await Promise.all(
      Array.from({ length: 6 }, () => sql<{ synchronize_seqscans: string }>`SHOW synchronize_seqscans`.execute(db)),
    );
    // Deprecation warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settings.map((s) => s.rows[0]!.synchronize_seqscans)).toEqual(new Array(6).fill("off"));
    expect(pool.totalCount).toBeGreaterThan(1);
    expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
  });
});
