import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Issue 7, accounts: the mail outbox (written in the transaction of the state change that sends
 * it, delivered by a job when SMTP is configured, shown to admins otherwise) and the browsers a
 * user has signed in from (OWASP's device cookies), so someone else's failed sign-ins never
 * lock the owner's own browser out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mail_outbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("queued")
        .check(sql`status IN ('queued','sent','failed')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .execute();
  // The delivery job's query: queued mail that is due, oldest first.
  await db.schema
    .createIndex("mail_outbox_due_idx")
    .on("mail_outbox")
    .columns(["next_attempt_at", "id"])
    .where(sql.ref("status"), "=", "queued")
    .execute();
  await db.schema.createIndex("mail_outbox_created_idx").on("mail_outbox").column("created_at").execute();

  await db.schema
    .createTable("trusted_devices")
    // Hex SHA-256 of the cookie's random token; the token itself is never stored.
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("trusted_devices_pkey", ["id", "user_id"])
    .execute();
  await db.schema.createIndex("trusted_devices_user_idx").on("trusted_devices").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("trusted_devices").execute();
  await db.schema.dropTable("mail_outbox").execute();
}
