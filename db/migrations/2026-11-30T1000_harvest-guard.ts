import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<any>): Promise<void> {
  // `held`: the run would remove more than the source's share of its datasets and waits for a
  // coordinator; `discarded`: a held run a coordinator (or a later run) set aside, nothing removed.
  await sql`ALTER TABLE harvest_runs DROP CONSTRAINT IF EXISTS harvest_runs_status_check`.execute(db);
  await sql`ALTER TABLE harvest_runs ADD CONSTRAINT harvest_runs_status_check
    CHECK (status IN ('running','succeeded','failed','held','discarded'))`.execute(db);
  await db.schema
    .alterTable("harvest_runs")
    // What the run would remove; `removed` stays 0 until a coordinator confirms.
    .addColumn("pending_removals", "integer", (c) => c.notNull().defaultTo(0))
    // Per-dataset notes that are not failures: a dataset another source already owns, and the like.
    .addColumn("warnings", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  await db.schema
    .alterTable("catalogue_sources")
    .addColumn("removal_threshold_percent", "integer", (c) =>
      c
        .notNull()
        .defaultTo(20)
        .check(sql`removal_threshold_percent BETWEEN 0 AND 100`),
    )
    .execute();

  // What a held run would remove, fixed when it was held: a coordinator confirms exactly this list.
  await db.schema
    .createTable("harvest_run_removals")
    .addColumn("run_id", "uuid", (c) => c.notNull().references("harvest_runs.id").onDelete("cascade"))
    .addColumn("dataset_id", "uuid", (c) => c.notNull().references("datasets.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("harvest_run_removals_pkey", ["run_id", "dataset_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("harvest_run_removals").execute();
  await db.schema.alterTable("catalogue_sources").dropColumn("removal_threshold_percent").execute();
  await db.schema.alterTable("harvest_runs").dropColumn("pending_removals").dropColumn("warnings").execute();
  await sql`ALTER TABLE harvest_runs DROP CONSTRAINT IF EXISTS harvest_runs_status_check`.execute(db);
  await sql`ALTER TABLE harvest_runs ADD CONSTRAINT harvest_runs_status_check
    CHECK (status IN ('running','succeeded','failed'))`.execute(db);
}
