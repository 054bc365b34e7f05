import { jsonArrayFrom } from "kysely/helpers/postgres";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { Locale } from "../../db/schema";
import { signUpConfirmMail, signUpExistingMail } from "../mail/templates";
import { ConflictError } from "./errors.server";
import { recordEvent } from "./event.server";
import { countRecentMail, enqueueMail } from "./mail.server";

export class EmailTakenError extends ConflictError {
  constructor() {
    super("errors.emailTaken");
  }
}

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
  return db.selectFrom("users").select(["id", "password_hash as passwordHash"]).where("id", "=", id).executeTakeFirstOrThrow();
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
    if (!user) throw new EmailTakenError();
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

/** Confirmation links stay valid this long (and the mail says so). */
const CONFIRMATION_HOURS = 24;
/** At most this many mails of each sign-up kind to one address a day, so nobody is mail-bombed. */
const EXISTING_NOTICES_PER_DAY = 1;
const CONFIRMATIONS_PER_DAY = 3;

/**
 * Sign-up that does not tell whether the e-mail has an account (docs/decisions/008): nothing is
 * created yet. A new e-mail gets a single-use link (`confirmationId` is the SHA-256 of its token)
 * that creates the account; a known one changes nothing and tells its owner ("someone tried to
 * create an account with your address"), at most once a day. The caller answers both alike.
 * Returns whether a confirmation link was mailed.
 */
export async function requestSignUp(input: {
  name: string;
  email: string;
  passwordHash: string;
  locale: Locale;
  confirmationId: string;
  confirmUrl: string | null;
  loginOrigin: string | null;
}): Promise<{ confirmationSent: boolean }> {
  const email = normaliseEmail(input.email);
  return db.transaction().execute(async (trx) => {
    const owner = await trx
      .selectFrom("users")
      .select(["id", "name", "email", "locale"])
      .where(sql`lower(email)`, "=", email)
      .executeTakeFirst();
    if (owner) {
      const sent = await countRecentMail(trx, { to: owner.email, kind: "sign_up_existing", hours: 24 });
      if (sent < EXISTING_NOTICES_PER_DAY) {
        await enqueueMail(
          trx,
          signUpExistingMail({ to: owner.email, name: owner.name, locale: owner.locale, portalUrl: input.loginOrigin }),
        );
      }
      await recordEvent(trx, {
        actorUserId: null,
        entityType: "user",
        entityId: owner.id,
        action: "sign_up_with_existing_email",
        data: { ownerTold: sent < EXISTING_NOTICES_PER_DAY },
      });
      return { confirmationSent: false };
    }
    if ((await countRecentMail(trx, { to: email, kind: "sign_up_confirm", hours: 24 })) >= CONFIRMATIONS_PER_DAY) {
      return { confirmationSent: false };
    }
    await trx
      .insertInto("sign_up_confirmations")
      .values({
        id: input.confirmationId,
        email,
        name: input.name.trim(),
        password_hash: input.passwordHash,
        locale: input.locale,
        expires_at: sql<Date>`now() + make_interval(hours => ${CONFIRMATION_HOURS})`,
      })
      .execute();
    await enqueueMail(trx, signUpConfirmMail({ to: email, name: input.name.trim(), locale: input.locale, confirmUrl: input.confirmUrl }));
    // Expired links of earlier sign-ups go; they can no longer be used.
    await trx
      .deleteFrom("sign_up_confirmations")
      .where("expires_at", "<", sql<Date>`now()`)
      .execute();
    return { confirmationSent: true };
  });
}

/** The e-mail a valid, unused confirmation is for (to show before it is used), or undefined. */
export async function getPendingSignUp(confirmationId: string) {
  return db
    .selectFrom("sign_up_confirmations")
    .select(["email"])
    .where("id", "=", confirmationId)
    .where("expires_at", ">", sql<Date>`now()`)
    .executeTakeFirst();
}

/**
 * Uses a confirmation link: once, before it expires. Creates the account with what was typed at
 * sign-up, records the event, and drops every other pending link for the address. Undefined when
 * the link is unknown, used or expired, or the address got an account meanwhile.
 */
export async function confirmSignUp(confirmationId: string) {
  return db.transaction().execute(async (trx) => {
    const pending = await trx
      .deleteFrom("sign_up_confirmations")
      .where("id", "=", confirmationId)
      .where("expires_at", ">", sql<Date>`now()`)
      .returning(["email", "name", "password_hash", "locale"])
      .executeTakeFirst();
    if (!pending) return undefined;
    const user = await trx
      .insertInto("users")
      .values({ name: pending.name, email: pending.email, password_hash: pending.password_hash, locale: pending.locale })
      // The unique index on lower(email) decides; checking first would race.
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning(["id", "name", "email"])
      .executeTakeFirst();
    if (!user) return undefined;
    await trx
      .deleteFrom("sign_up_confirmations")
      .where(sql`lower(email)`, "=", pending.email)
      .execute();
    await recordEvent(trx, { actorUserId: user.id, entityType: "user", entityId: user.id, action: "sign_up", toState: "active" });
    return user;
  });
}

/**
 * A new password: every session and every browser trusted with the old one end with it, in its
 * transaction, so no stolen session outlives the change (docs/decisions/008). The caller starts
 * this browser's fresh session.
 */
export async function updateUserPassword(input: { userId: string; passwordHash: string }) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("users")
      .set({ password_hash: input.passwordHash, updated_at: new Date() })
      .where("id", "=", input.userId)
      .execute();
    await trx.deleteFrom("sessions").where("user_id", "=", input.userId).execute();
    await trx.deleteFrom("trusted_devices").where("user_id", "=", input.userId).execute();
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
          .select(["memberships.id", "memberships.role", "organisations.name as organisationName"])
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
