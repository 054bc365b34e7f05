import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Credit for a published dataset that others then received (issue 9, ADR 023): a ledger row may
 * name the task whose publication spared the answer, and says on what basis it was counted (a
 * duplicate request merged into the task's request, or another requester's vote). The reason
 * `published_dataset` joins the ledger's reasons. Coordinators edit the decline reasons, so each
 * reason records when it was last changed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("time_saved")
    .addColumn("task_id", "uuid", (c) => c.references("tasks.id"))
    .addColumn("basis", "text", (c) => c.check(sql`basis IN ('vote', 'merged_duplicate')`))
    .execute();
  // Raw SQL: the check was created inline with its column, and Kysely has no builder for replacing it.
  await sql`ALTER TABLE time_saved DROP CONSTRAINT time_saved_reason_check`.execute(db);
  await sql`ALTER TABLE time_saved ADD CONSTRAINT time_saved_reason_check
    CHECK (reason IN ('existing_dataset', 'reused_answer', 'duplicate_merged', 'published_dataset'))`.execute(db);
  await db.schema.createIndex("time_saved_task_idx").on("time_saved").column("task_id").where("task_id", "is not", null).execute();

  await db.schema
    .alterTable("decline_reasons")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("decline_reasons").dropColumn("updated_at").execute();
  await db.schema.dropIndex("time_saved_task_idx").execute();
  await sql`ALTER TABLE time_saved DROP CONSTRAINT time_saved_reason_check`.execute(db);
  await sql`ALTER TABLE time_saved ADD CONSTRAINT time_saved_reason_check
    CHECK (reason IN ('existing_dataset', 'reused_answer', 'duplicate_merged'))`.execute(db);
  await db.schema.alterTable("time_saved").dropColumn("basis").dropColumn("task_id").execute();
}
