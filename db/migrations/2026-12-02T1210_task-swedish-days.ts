import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The statistics count working days from the day a task was routed to the day it was answered,
 * both in Swedish time. Converting two timestamps per task on every page view cost more than the
 * rest of the query together (50,000 tasks: ~70 of ~105 ms), so PostgreSQL keeps each day beside
 * its timestamp as a generated column: always equal to it, never written by the app (ADR 024).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("tasks")
    .addColumn("routed_day", "date", (c) => c.generatedAlwaysAs(sql`(created_at AT TIME ZONE 'Europe/Stockholm')::date`).stored())
    .addColumn("answered_day", "date", (c) => c.generatedAlwaysAs(sql`(answered_at AT TIME ZONE 'Europe/Stockholm')::date`).stored())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("tasks").dropColumn("answered_day").dropColumn("routed_day").execute();
}
