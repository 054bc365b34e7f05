import { jsonArrayFrom } from "kysely/helpers/postgres";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { Locale } from "../../db/schema";
import { signUpExistingMail } from "../mail/templates";
import { recordEvent } from "./event.server";
import { enqueueMail } from "./mail.server";

export class EmailTakenError extends Error {}

function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/** For sign-in only: the one query that returns a password hash. */
export async function getUserCredentialsByEmail(email: string) {
  return db
    .selectFrom("users")
    .select(["id", "password_hash as passwordHash"])
    .where(sql`lower(email)`, "=", normaliseEmail(email))
    .executeTakeFirst();
}

export async function getUserCredentialsById(id: string) {
  return db
    .selectFrom("users")
    .select(["id", "password_hash as passwordHash"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

export async function getUserByEmail(email: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where(sql`lower(email)`, "=", normaliseEmail(email))
    .executeTakeFirst();
}

export async function createUser(input: { name: string; email: string; passwordHash: string; locale: Locale }) {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto("users")
      .values({
        name: input.name.trim(),
        email: normaliseEmail(input.email),
        password_hash: input.passwordHash,
        locale: input.locale,
      })
      // The unique index on lower(email) decides; checking first would race.
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(["id", "name", "email"])
      .executeTakeFirst();
    if (!user) throw new EmailTakenError(input.email);
    await recordEvent(trx, {
      actorUserId: user.id,
      entityType: "user",
      entityId: user.id,
      action: "sign_up",
      toState: "active",
    });
    return user;
  });
}

/**
 * Sign-up that does not tell whether the e-mail has an account: a new e-mail creates the account;
 * a known one changes nothing and tells its owner by e-mail ("someone tried to create an account
 * with your address"), in the same transaction as the audit event. The caller answers both alike.
 */
export async function signUp(input: {
  name: string;
  email: string;
  passwordHash: string;
  locale: Locale;
  portalUrl: string;
}): Promise<{ user: { id: string; name: string; email: string } | null }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto("users")
      .values({
        name: input.name.trim(),
        email: normaliseEmail(input.email),
        password_hash: input.passwordHash,
        locale: input.locale,
      })
      // The unique index on lower(email) decides; checking first would race.
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(["id", "name", "email"])
      .executeTakeFirst();
    if (user) {
      await recordEvent(trx, { actorUserId: user.id, entityType: "user", entityId: user.id, action: "sign_up", toState: "active" });
      return { user };
    }
    const owner = await trx
      .selectFrom("users")
      .select(["id", "name", "email", "locale"])
      .where(sql`lower(email)`, "=", normaliseEmail(input.email))
      .executeTakeFirstOrThrow();
    await enqueueMail(trx, signUpExistingMail({ to: owner.email, name: owner.name, locale: owner.locale, portalUrl: input.portalUrl }));
    await recordEvent(trx, { actorUserId: null, entityType: "user", entityId: owner.id, action: "sign_up_with_existing_email" });
    return { user: null };
  });
}

export async function updateUserPassword(input: { userId: string; passwordHash: string }) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: input.passwordHash, updated_at: new Date() })
      .where("id", "=", input.userId)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "user",
      entityId: input.userId,
      action: "change_password",
    });
  });
}

export async function updateUserLocale(input: { userId: string; locale: Locale }) {
  await db.updateTable("users").set({ locale: input.locale }).where("id", "=", input.userId).execute();
}

/** Users with their memberships for the admin page, searched by name or e-mail, paged. */
export async function listUsersWithMemberships(input: { query?: string; page: number; pageSize: number }) {
  const pattern = input.query ? `%${input.query.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  const rows = await db
    .selectFrom("users")
    .select((eb) => [
      "users.id",
      "users.name",
      "users.email",
      jsonArrayFrom(
        eb
          .selectFrom("memberships")
          .innerJoin("organisations", "organisations.id", "memberships.organisation_id")
          .select([
            "memberships.id",
            "memberships.role",
            "organisations.name as organisationName",
          ])
          .whereRef("memberships.user_id", "=", "users.id")
          .orderBy("organisations.name"),
      ).as("memberships"),
    ])
    .$if(pattern !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb("users.name", "ilike", pattern!), eb("users.email", "ilike", pattern!)])),
    )
    .orderBy("users.name")
    .orderBy("users.id")
    .limit(input.pageSize + 1)
    .offset((input.page - 1) * input.pageSize)
    .execute();
  return { users: rows.slice(0, input.pageSize), hasMore: rows.length > input.pageSize };
}
