import { sql, type Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";

/**
 * The sign-in throttle's counts (docs/decisions/008). One attempt is checked and counted in a
 * single short transaction that holds an advisory lock per key, before its password is verified:
 * parallel requests queue on the lock for milliseconds (not for the password hashing), so each
 * sees the failures and waits of those before it and N requests at once get no more guesses than
 * N in a row would.
 */
const WINDOW = sql`interval '24 hours'`;

export interface ThrottleKey {
  key: string;
  /** Whether this key's wait holds the attempt back (otherwise it is only counted). */
  gating: boolean;
  /** The wait, in seconds, that the n-th failure on this key starts. */
  waitAfter: (failures: number) => number;
}

export interface Reservation {
  keys: { key: string; failures: number; previousWaitUntil: Date | null }[];
}

async function lockKeys(trx: Transaction<Database>, keys: string[]) {
  // Sorted, so two attempts sharing keys always lock them in the same order (no deadlock).
  for (const key of [...new Set(keys)].sort()) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 8008))`.execute(trx);
  }
}

/**
 * Either the seconds the attempt must wait (nothing counted), or the attempt counted as a failure
 * on every key, each key's next wait already set, and what to give back if the password is right.
 */
export async function reserveSignInAttempt(keys: ThrottleKey[]): Promise<{ waitSeconds: number } | { reservation: Reservation }> {
  return db.transaction().execute(async (trx) => {
    await lockKeys(
      trx,
      keys.map((k) => k.key),
    );
    const { now } = await sql<{ now: Date }>`select now() as now`.execute(trx).then((r) => r.rows[0]);
    const rows = await trx
      .selectFrom("sign_in_throttle")
      .select(["key", "failures", "window_ends_at", "wait_until"])
      .where(
        "key",
        "in",
        keys.map((k) => k.key),
      )
      .execute();
    const current = new Map(rows.filter((row) => row.window_ends_at > now).map((row) => [row.key, row]));

    let waitMs = 0;
    for (const key of keys) {
      const row = current.get(key.key);
      if (key.gating && row && row.wait_until > now) waitMs = Math.max(waitMs, row.wait_until.getTime() - now.getTime());
    }
    if (waitMs > 0) return { waitSeconds: Math.ceil(waitMs / 1000) };

    const reserved: Reservation["keys"] = [];
    for (const key of keys) {
      const row = current.get(key.key);
      const failures = (row?.failures ?? 0) + 1;
      const waitUntil = new Date(now.getTime() + key.waitAfter(failures) * 1000);
      await trx
        .insertInto("sign_in_throttle")
        .values({ key: key.key, failures, window_ends_at: sql`${now}::timestamptz + ${WINDOW}`, wait_until: waitUntil })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            failures,
            wait_until: waitUntil,
            // A window that ran out starts again with this failure.
            window_ends_at: row ? row.window_ends_at : sql`${now}::timestamptz + ${WINDOW}`,
          }),
        )
        .execute();
      reserved.push({ key: key.key, failures, previousWaitUntil: row?.wait_until ?? null });
    }
    // Bounded clean-up of windows that ended, so the table stays the size of the last day's failures.
    await sql`delete from sign_in_throttle where key in (
      select key from sign_in_throttle where window_ends_at < ${now} limit 20 for update skip locked)`.execute(trx);
    return { reservation: { keys: reserved } };
  });
}

/**
 * A right password: the reserved failure is given back on each key, and its wait undone unless
 * another attempt has been counted since. `forget` keys (the client's own) start over entirely.
 */
export async function releaseSignInAttempt(input: { reservation: Reservation; forget: string[] }) {
  await db.transaction().execute(async (trx) => {
    await lockKeys(
      trx,
      input.reservation.keys.map((k) => k.key),
    );
    if (input.forget.length > 0) await trx.deleteFrom("sign_in_throttle").where("key", "in", input.forget).execute();
    for (const reserved of input.reservation.keys) {
      if (input.forget.includes(reserved.key)) continue;
      const row = await trx.selectFrom("sign_in_throttle").select(["failures"]).where("key", "=", reserved.key).executeTakeFirst();
      if (!row) continue;
      const untouched = row.failures === reserved.failures;
      await trx
        .updateTable("sign_in_throttle")
        .set({
          failures: Math.max(0, row.failures - 1),
          ...(untouched ? { wait_until: reserved.previousWaitUntil ?? new Date(0) } : {}),
        })
        .where("key", "=", reserved.key)
        .execute();
    }
  });
}
