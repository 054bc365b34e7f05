import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Issue 7, security review of the accounts hardening (ADR 008):
 * - sign_in_throttle: failure counts and waits per key, checked and counted in one locked step
 *   before the password is verified, so parallel requests cannot outrun the throttle;
 * - sign_up_confirmations: sign-up finishes through a single-use, expiring link sent by e-mail
 *   (only the SHA-256 of its token is stored), so the sign-up answer tells nothing;
 * - trusted_devices expire, and are revoked with the password and "sign out elsewhere";
 * - mail_outbox.kind, so notices to one recipient can be limited per day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sign_in_throttle")
    // Hex SHA-256 of scope, account and client or address: no e-mail address is stored.
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_ends_at", "timestamptz", (c) => c.notNull())
    .addColumn("wait_until", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sign_in_throttle_window_idx").on("sign_in_throttle").column("window_ends_at").execute();

  await db.schema
    .createTable("sign_up_confirmations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sign_up_confirmations_email_idx")
    .on("sign_up_confirmations")
    .expression(sql`lower(email)`)
    .execute();
  await db.schema.createIndex("sign_up_confirmations_expires_idx").on("sign_up_confirmations").column("expires_at").execute();

  await db.schema
    .alterTable("trusted_devices")
    .addColumn("expires_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now() + interval '365 days'`))
    .execute();

  await db.schema.alterTable("mail_outbox").addColumn("kind", "text").execute();
  await db.schema
    .createIndex("mail_outbox_recipient_kind_idx")
    .on("mail_outbox")
    .columns(["to_address", "kind", "created_at"])
    .where(sql.ref("kind"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("mail_outbox_recipient_kind_idx").execute();
  await db.schema.alterTable("mail_outbox").dropColumn("kind").execute();
  await db.schema.alterTable("trusted_devices").dropColumn("expires_at").execute();
  await db.schema.dropTable("sign_up_confirmations").execute();
  await db.schema.dropTable("sign_in_throttle").execute();
}
