import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The public accountability pages (issue 9) count working days to answer in SQL: one row per
 * calendar day holding how many Swedish working days have passed up to and including it, so the
 * working days between two dates are a subtraction of two joined rows. The app fills the rows
 * from the same holiday library its deadlines use (app/models/working-day-calendar.server.ts);
 * a migration imports no app code, so it only makes the table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("working_day_calendar")
    .addColumn("day", "date", (c) => c.primaryKey())
    .addColumn("working_days", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("working_day_calendar").execute();
}
