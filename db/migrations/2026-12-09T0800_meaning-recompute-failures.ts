import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * A meaning recompute that failed (its retries spent) was only in the job queue's own tables, which
 * no page reads: the model silently stayed the one before. Each failure is kept here with what went
 * wrong; /admin/search shows the latest one newer than the model, with a button to try again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_meaning_failures")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("failed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("error", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_meaning_failures").execute();
}
