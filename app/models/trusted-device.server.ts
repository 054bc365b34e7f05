import { db } from "../../db/client.server";

/** Whether the browser's device id was trusted for this user by an earlier sign-in (and marks its use). */
export async function useTrustedDevice(input: { deviceId: string; userId: string }) {
  const row = await db
    .updateTable("trusted_devices")
    .set({ last_used_at: new Date() })
    .where("id", "=", input.deviceId)
    .where("user_id", "=", input.userId)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Remembers that this browser signed in to the user's account with the right password. */
export async function trustDevice(input: { deviceId: string; userId: string }) {
  await db
    .insertInto("trusted_devices")
    .values({ id: input.deviceId, user_id: input.userId })
    .onConflict((oc) => oc.columns(["id", "user_id"]).doUpdateSet({ last_used_at: new Date() }))
    .execute();
}
