import { sql } from "kysely";
import { db } from "../../db/client.server";

/** A trusted device lasts this long after its last sign-in (as long as its cookie). */
const TRUST_DAYS = 365;

/** Whether the browser's device id was trusted for this user by an earlier sign-in (and marks its use). */
export async function useTrustedDevice(input: { deviceId: string; userId: string }) {
  const row = await db
    .updateTable("trusted_devices")
    .set({ last_used_at: new Date() })
    .where("id", "=", input.deviceId)
    .where("user_id", "=", input.userId)
    .where("expires_at", ">", sql<Date>`now()`)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers that this browser signed in to the user's account with the right password. */
export async function trustDevice(input: { deviceId: string; userId: string }) {
  const expiresAt = sql<Date>`now() + make_interval(days => ${TRUST_DAYS})`;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("trusted_devices")
      .values({ id: input.deviceId, user_id: input.userId, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(["id", "user_id"]).doUpdateSet({ last_used_at: new Date(), expires_at: expiresAt }))
      .execute();
    // The user's expired rows go when a new one is written, so the table keeps only live trust.
    await trx
      .deleteFrom("trusted_devices")
      .where("user_id", "=", input.userId)
      .where("expires_at", "<=", sql<Date>`now()`)
      .execute();
  });
}
