import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Mail preferences, daily digests and signed unsubscribe links (issue 9, ADR 021):
 * - mail_preferences: a user's choice per kind of mail (at once, a daily digest, never); no row
 *   means "at once".
 * - mail_digest_items: mail kept for the user's next daily digest; the digest job deletes the
 *   items in the transaction that writes the digest, so each item is mailed once.
 * - mail_outbox.user_id and .headers: whom a mail is for (preferences, the unsubscribe link) and
 *   the headers it is sent with (RFC 8058 List-Unsubscribe and List-Unsubscribe-Post).
 * - portal_secrets: a secret the portal makes for itself when the operator sets none (the key
 *   that signs unsubscribe links), shared by every server process on the database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mail_preferences")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind IN ('new_task','task_change','comment','merge','task_reminder','task_overdue','deadline_changed')`),
    )
    .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery IN ('immediately','daily','never')`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("mail_preferences_pkey", ["user_id", "kind"])
    .execute();

  await db.schema
    .createTable("mail_digest_items")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("mail_digest_items_user_idx").on("mail_digest_items").columns(["user_id", "id"]).execute();

  await db.schema
    .alterTable("mail_outbox")
    .addColumn("user_id", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("headers", "jsonb")
    .execute();

  await db.schema
    .createTable("portal_secrets")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("portal_secrets").execute();
  await db.schema.alterTable("mail_outbox").dropColumn("headers").dropColumn("user_id").execute();
  await db.schema.dropTable("mail_digest_items").execute();
  await db.schema.dropTable("mail_preferences").execute();
}
