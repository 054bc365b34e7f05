import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { db } from "../../db/client.server";
import { recordEvent } from "./event.server";

export async function createSession(session: { id: string; userId: string; expiresAt: Date }) {
  await db.insertInto("sessions").values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt }).execute();
}

/** The session with its user and the user's memberships, or undefined. */
export async function getSessionWithUser(sessionId: string) {
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select((eb) => [
      "sessions.id as sessionId",
      "sessions.expires_at as expiresAt",
      "users.id",
      "users.email",
      "users.name",
      "users.locale",
      jsonArrayFrom(
        eb
          .selectFrom("memberships")
          .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
          .select([
            "memberships.organisation_id as organisationId",
            "memberships.role",
            "organisations.name as organisationName",
            "organisations.slug as organisationSlug",
          ])
          .whereRef("memberships.user_id", "=", "users.id")
          .orderBy("organisations.name"),
      ).as("memberships"),
    ])
    .where("sessions.id", "=", sessionId)
    .executeTakeFirst();
}

export async function updateSessionExpiry(sessionId: string, expiresAt: Date) {
  await db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
}

export async function deleteSession(sessionId: string) {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Every session and trusted browser that ran out, by the database's clock; how many of each went. */
export async function deleteExpiredSignIns() {
  return db.transaction().execute(async (trx) => {
    const sessions = await trx
      .deleteFrom("sessions")
      .where("expires_at", "<=", sql<Date>`now()`)
      .executeTakeFirst();
    const devices = await trx
      .deleteFrom("trusted_devices")
      .where("expires_at", "<=", sql<Date>`now()`)
      .executeTakeFirst();
    return { sessions: Number(sessions.numDeletedRows), trustedDevices: Number(devices.numDeletedRows) };
  });
}

/**
 * Ends every session of the user but the one given (sign out everywhere else), and takes the trust
 * away from every browser but this one (docs/decisions/008); returns how many sessions ended.
 */
export async function deleteOtherUserSessions(input: { userId: string; keepSessionId: string; keepDeviceId: string | null }) {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .deleteFrom("sessions")
      .where("user_id", "=", input.userId)
      .where("id", "!=", input.keepSessionId)
      .returning("id")
      .execute();
    await trx
      .deleteFrom("trusted_devices")
      .where("user_id", "=", input.userId)
      .$if(input.keepDeviceId !== null, (qb) => qb.where("id", "!=", input.keepDeviceId!))
      .execute();
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "user",
      entityId: input.userId,
      action: "sign_out_other_sessions",
      data: { sessions: ended.length },
    });
    return ended.length;
  });
}
