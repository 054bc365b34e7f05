import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Issue 7: one document the search engine refuses must not block the outbox. A row that fails
 * alone waits (`next_attempt_at`, growing) and, after a number of attempts, is parked as dead
 * (`dead_at`) with its error for an admin to see and retry; the worker only takes live rows that
 * are due.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("search_outbox")
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("dead_at", "timestamptz")
    .execute();
  // The worker's query: live rows that are due, oldest first.
  await db.schema
    .createIndex("search_outbox_due_idx")
    .on("search_outbox")
    .columns(["next_attempt_at", "id"])
    .where(sql.ref("dead_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("search_outbox_dead_idx")
    .on("search_outbox")
    .column("dead_at")
    .where(sql.ref("dead_at"), "is not", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("search_outbox_dead_idx").execute();
  await db.schema.dropIndex("search_outbox_due_idx").execute();
  await db.schema.alterTable("search_outbox").dropColumn("dead_at").dropColumn("next_attempt_at").execute();
}
