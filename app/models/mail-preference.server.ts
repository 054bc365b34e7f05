import { randomBytes } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { db } from "../../db/client.server";
import { config } from "../../db/config.server";
import type { Database, Locale } from "../../db/schema";
import {
  DEFAULT_MAIL_DELIVERY,
  DIGEST_MAIL_KIND,
  isPreferenceMailKind,
  preferenceMailKinds,
  type MailDelivery,
  type PreferenceMailKind,
  type UnsubscribeScope,
} from "../domain/mail";
import { readUnsubscribeToken, signUnsubscribeToken, type UnsubscribeClaim } from "../mail/unsubscribe-token.server";
import { recordEvent } from "./event.server";
import { inTransaction } from "./transaction.server";

/**
 * Who gets which mail how (issue 9, ADR 021): a user's choice per kind (at once, a daily digest,
 * never; no row means at once), and the signed one-click unsubscribe that sets a kind to never
 * without signing in.
 */

export type MailPreferences = Record<PreferenceMailKind, MailDelivery>;

type Executor = Transaction<Database> | Kysely<Database>;

const SECRET_NAME = "mail_signing";

// One read per process and database; the key never changes once made.
let storedSecret: { databaseUrl: string | null; value: Promise<string> } | null = null;

/**
 * The key that signs unsubscribe links: MAIL_SIGNING_SECRET, or else a random one the portal
 * makes on first use and keeps in the database, so every server process (and every restart)
 * signs and checks with the same key, and a newcomer's portal needs no setting.
 *
 * Mail is written in its caller's transaction (`trx`), and then the key is read there too: read on
 * another connection of the pool, as many transactions at once as the pool has connections each
 * held one and waited for the key, which waited for a connection. A key a transaction makes itself
 * is not remembered until a later reading finds it committed: the transaction may still roll back.
 */
export async function mailSigningSecret(trx?: Transaction<Database>): Promise<string> {
  const configured = config().mailSigningSecret;
  if (configured) return configured;
  const databaseUrl = config().databaseUrl;
  if (storedSecret?.databaseUrl === databaseUrl) return storedSecret.value;
  if (trx) {
    const { value, ours } = await readOrMakeSecret(trx);
    if (!ours) storedSecret = { databaseUrl, value: Promise.resolve(value) };
    return value;
  }
  const value = readOrMakeSecret(db).then((secret) => secret.value);
  // A failed read (database down) is tried again next time rather than remembered.
  value.catch(() => (storedSecret = null));
  storedSecret = { databaseUrl, value };
  return value;
}

/** The stored key, made first if there is none; `ours` when the executor's own transaction made it. */
async function readOrMakeSecret(executor: Executor): Promise<{ value: string; ours: boolean }> {
  const read = () =>
    executor
      .selectFrom("portal_secrets")
      // Made by this transaction: the row's xmin is its id. One that assigned none made nothing (and gets none here).
      .select(["value", sql<boolean>`coalesce(xmin = pg_current_xact_id_if_assigned()::xid, false)`.as("ours")])
      .where("name", "=", SECRET_NAME)
      .executeTakeFirst();
  const found = await read();
  if (found) return found;
  // Two makers at once: the first insert wins (the second waits for it to commit) and both read it back.
  await executor
    .insertInto("portal_secrets")
    .values({ name: SECRET_NAME, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const made = await read();
  if (!made) throw new Error("The mail signing key could not be stored.");
  return made;
}

/** An unsubscribe link's token; `trx`: the transaction the mail carrying it is written in. */
export async function makeUnsubscribeToken(claim: UnsubscribeClaim, issuedAt?: Date, trx?: Transaction<Database>) {
  return signUnsubscribeToken(await mailSigningSecret(trx), claim, issuedAt);
}

/** Every kind with the user's choice, the default where they made none. */
export async function getMailPreferences(userId: string, trx: Executor = db): Promise<MailPreferences> {
  const rows = await trx.selectFrom("mail_preferences").select(["kind", "delivery"]).where("user_id", "=", userId).execute();
  const preferences = Object.fromEntries(preferenceMailKinds.map((kind) => [kind, DEFAULT_MAIL_DELIVERY])) as MailPreferences;
  for (const row of rows) if (isPreferenceMailKind(row.kind)) preferences[row.kind] = row.delivery;
  return preferences;
}

/**
 * The recipient as mail to them needs them: their language and how they want mail of the kind.
 * Undefined for a user who no longer exists.
 */
export async function mailRecipient(trx: Executor, input: { userId: string; kind: PreferenceMailKind | null }) {
  const user = await trx.selectFrom("users").select(["id", "locale"]).where("id", "=", input.userId).executeTakeFirst();
  if (!user) return undefined;
  let delivery: MailDelivery = DEFAULT_MAIL_DELIVERY;
  if (input.kind) {
    const row = await trx
      .selectFrom("mail_preferences")
      .select("delivery")
      .where("user_id", "=", input.userId)
      .where("kind", "=", input.kind)
      .executeTakeFirst();
    delivery = row?.delivery ?? DEFAULT_MAIL_DELIVERY;
  }
  return { locale: user.locale as Locale, delivery };
}

async function writePreferences(trx: Transaction<Database>, userId: string, changes: Partial<MailPreferences>) {
  const entries = Object.entries(changes) as [PreferenceMailKind, MailDelivery][];
  if (entries.length === 0) return;
  await trx
    .insertInto("mail_preferences")
    .values(entries.map(([kind, delivery]) => ({ user_id: userId, kind, delivery })))
    .onConflict((oc) =>
      oc.columns(["user_id", "kind"]).doUpdateSet((eb) => ({ delivery: eb.ref("excluded.delivery"), updated_at: new Date() })),
    )
    .execute();
}

/** What changed between two sets of choices, for the event. */
function changesOf(before: MailPreferences, after: Partial<MailPreferences>) {
  const changes: Partial<MailPreferences> = {};
  for (const kind of preferenceMailKinds) {
    const to = after[kind];
    if (to && to !== before[kind]) changes[kind] = to;
  }
  return changes;
}

/** The user's own choices from the account page; the event holds what changed. */
export async function setMailPreferences(input: { userId: string; preferences: Partial<MailPreferences> }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    // Serialises two saves of one user's choices, so the event's "from" is what was replaced.
    await trx.selectFrom("users").select("id").where("id", "=", input.userId).forNoKeyUpdate().executeTakeFirstOrThrow();
    const before = await getMailPreferences(input.userId, trx);
    const changes = changesOf(before, input.preferences);
    if (Object.keys(changes).length === 0) return { changed: false };
    await writePreferences(trx, input.userId, changes);
    await recordEvent(trx, {
      actorUserId: input.userId,
      entityType: "user",
      entityId: input.userId,
      action: "mail_preferences",
      data: { from: Object.fromEntries(Object.keys(changes).map((kind) => [kind, before[kind as PreferenceMailKind]])), to: changes },
    });
    return { changed: true };
  });
}

export type UnsubscribeCheck =
  { ok: true; scope: UnsubscribeScope; kinds: PreferenceMailKind[] } | { ok: false; reason: "invalid" | "expired" };

/** The kinds a link switches off: its kind, or from a digest every kind the user gets daily. */
function kindsOf(scope: UnsubscribeScope, preferences: MailPreferences): PreferenceMailKind[] {
  if (scope !== DIGEST_MAIL_KIND) return [scope];
  return preferenceMailKinds.filter((kind) => preferences[kind] === "daily");
}

/** What an unsubscribe link would do, for its confirmation page; changes nothing. */
export async function checkUnsubscribeToken(token: string): Promise<UnsubscribeCheck> {
  const claim = readUnsubscribeToken(await mailSigningSecret(), token);
  if (!claim.ok) return claim;
  const user = await db.selectFrom("users").select("id").where("id", "=", claim.userId).executeTakeFirst();
  // A signed link of a deleted account: nothing to switch off, and nothing to tell about it.
  if (!user) return { ok: false, reason: "invalid" };
  return { ok: true, scope: claim.scope, kinds: kindsOf(claim.scope, await getMailPreferences(claim.userId)) };
}

/**
 * The one-click unsubscribe (RFC 8058): a valid link sets its kinds to never, with an event; no
 * session needed. An altered, foreign or expired link changes nothing. Using a link again is a
 * success that changes nothing more.
 */
export async function unsubscribeWithToken(input: { token: string }): Promise<UnsubscribeCheck> {
  const claim = readUnsubscribeToken(await mailSigningSecret(), input.token);
  if (!claim.ok) return claim;
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom("users").select("id").where("id", "=", claim.userId).forNoKeyUpdate().executeTakeFirst();
    if (!user) return { ok: false as const, reason: "invalid" as const };
    const before = await getMailPreferences(claim.userId, trx);
    const kinds = kindsOf(claim.scope, before);
    const changes = changesOf(before, Object.fromEntries(kinds.map((kind) => [kind, "never"])) as Partial<MailPreferences>);
    if (Object.keys(changes).length > 0) {
      await writePreferences(trx, claim.userId, changes);
      await recordEvent(trx, {
        // Whoever holds the mail; the link, not a session, vouches for them.
        actorUserId: null,
        entityType: "user",
        entityId: claim.userId,
        action: "mail_unsubscribe",
        data: {
          scope: claim.scope,
          from: Object.fromEntries(Object.keys(changes).map((kind) => [kind, before[kind as PreferenceMailKind]])),
          to: changes,
        },
      });
    }
    return { ok: true as const, scope: claim.scope, kinds };
  });
}
