import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The matcher's judgement that a dataset is of a specification's kind without declaring it
 * (issue 14, ADR 042): kept, not asked for on every view of the coverage grid, since a match costs
 * 10–20 ms and the grid shows a hundred specifications. Written by a job after each harvest and
 * after a specification is proposed or changed; derived data, so it is replaced whole per
 * specification and carries no events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("specification_kind_matches")
    .addColumn("specification_id", "uuid", (c) => c.notNull().references("specifications.id").onDelete("cascade"))
    .addColumn("dataset_id", "uuid", (c) => c.notNull().references("datasets.id").onDelete("cascade"))
    .addColumn("organisation_id", "uuid", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("score", "real", (c) => c.notNull())
    .addColumn("judged_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("specification_kind_matches_pkey", ["specification_id", "dataset_id"])
    .execute();
  await db.schema
    .createIndex("specification_kind_matches_organisation_idx")
    .on("specification_kind_matches")
    .columns(["organisation_id", "specification_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("specification_kind_matches").execute();
}
