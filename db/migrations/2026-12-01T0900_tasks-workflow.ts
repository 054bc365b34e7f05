import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The municipalities' workflow (issue 9): a task's version for optimistic concurrency, when it was
 * done, the decline reason chosen from a coordinator-kept list, and the datasets an answer links —
 * a catalogue dataset, or a dataset address the catalogue does not hold yet (a pending link that a
 * harvest bringing that URI turns into a real one).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("decline_reasons")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("label_sv", "text", (c) => c.notNull())
    .addColumn("label_en", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    // Retired, never deleted: declined tasks keep pointing at the reason they gave.
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto("decline_reasons")
    .values([
      { position: 1, label_sv: "Uppgifterna omfattas av sekretess", label_en: "The information is confidential" },
      { position: 2, label_sv: "Uppgifterna innehåller personuppgifter", label_en: "The information contains personal data" },
      {
        position: 3,
        label_sv: "Det kräver för stort arbete att ta fram uppgifterna",
        label_en: "Producing the information would take too much work",
      },
      {
        position: 4,
        label_sv: "En annan myndighet ansvarar för uppgifterna",
        label_en: "Another authority is responsible for the information",
      },
      { position: 5, label_sv: "Annat skäl (se förklaringen)", label_en: "Another reason (see the explanation)" },
    ])
    .execute();

  await db.schema
    .alterTable("tasks")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("answered_at", "timestamptz")
    .addColumn("decline_reason_id", "uuid", (c) => c.references("decline_reasons.id"))
    .execute();
  await db.schema.createIndex("tasks_organisation_due_idx").on("tasks").columns(["organisation_id", "due_date"]).execute();
  await db.schema.createIndex("tasks_assignee_idx").on("tasks").column("assignee_user_id").execute();

  await db.schema
    .createTable("task_datasets")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("task_id", "uuid", (c) => c.notNull().references("tasks.id").onDelete("cascade"))
    .addColumn("dataset_id", "uuid", (c) => c.references("datasets.id"))
    .addColumn("pending_uri", "text")
    .addColumn("linked_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("task_datasets_one_target", sql`(dataset_id IS NULL) <> (pending_uri IS NULL)`)
    .addUniqueConstraint("task_datasets_task_dataset_key", ["task_id", "dataset_id"])
    .addUniqueConstraint("task_datasets_task_pending_key", ["task_id", "pending_uri"])
    .execute();
  await db.schema
    .createIndex("task_datasets_pending_idx")
    .on("task_datasets")
    .column("pending_uri")
    .where("pending_uri", "is not", null)
    .execute();
  await db.schema.createIndex("task_datasets_dataset_idx").on("task_datasets").column("dataset_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("task_datasets").execute();
  await db.schema.dropIndex("tasks_assignee_idx").execute();
  await db.schema.dropIndex("tasks_organisation_due_idx").execute();
  await db.schema.alterTable("tasks").dropColumn("decline_reason_id").dropColumn("answered_at").dropColumn("version").execute();
  await db.schema.dropTable("decline_reasons").execute();
}
