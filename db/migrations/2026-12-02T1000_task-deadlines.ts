import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Deadlines and their reminders (issue 9, ADR 022): the coordinators' default answer time and how
 * many working days before a due date a reminder goes, kept as one row; and on each task when its
 * reminder and its overdue notice were sent, so each goes exactly once (cleared again when the
 * due date moves later).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("deadline_settings")
    // One row only: the key can hold nothing but true.
    .addColumn("id", "boolean", (c) => c.primaryKey().defaultTo(true))
    .addColumn("default_working_days", "integer", (c) => c.notNull().defaultTo(20))
    .addColumn("reminder_working_days", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("deadline_settings_single_row", sql`id`)
    .addCheckConstraint("deadline_settings_default_range", sql`default_working_days BETWEEN 1 AND 120`)
    .addCheckConstraint("deadline_settings_reminder_range", sql`reminder_working_days BETWEEN 0 AND 60`)
    .execute();
  await db.insertInto("deadline_settings").values({ id: true }).execute();

  await db.schema.alterTable("tasks").addColumn("reminder_sent_at", "timestamptz").addColumn("overdue_sent_at", "timestamptz").execute();
  // The reminder job's scan: open tasks whose overdue notice has not gone yet, by due date.
  await db.schema
    .createIndex("tasks_deadline_notice_idx")
    .on("tasks")
    .column("due_date")
    .where(sql.ref("status"), "in", ["pending", "in_progress"])
    .where(sql.ref("overdue_sent_at"), "is", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("tasks_deadline_notice_idx").execute();
  await db.schema.alterTable("tasks").dropColumn("overdue_sent_at").dropColumn("reminder_sent_at").execute();
  await db.schema.dropTable("deadline_settings").execute();
}
