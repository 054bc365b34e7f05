import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * A specification's benefit summary, its "nyttobeskrivning" (issue 14, ADR 043): the text a
 * coordinator writes from what the requesters said they want the data for, and the requests whose
 * benefit texts are its sources. One row per specification; `version` counts the saves, so a save
 * made on an older version is refused rather than overwriting a colleague's. Every save's before
 * and after are in its event (entity_type 'specification', action 'benefit_summary').
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("specification_benefit_summaries")
    .addColumn("specification_id", "uuid", (c) => c.primaryKey().references("specifications.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("updated_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("specification_benefit_summaries_text_length", sql`char_length(text) <= 4000`)
    .execute();
  await db.schema
    .createTable("specification_benefit_sources")
    .addColumn("specification_id", "uuid", (c) =>
      c.notNull().references("specification_benefit_summaries.specification_id").onDelete("cascade"),
    )
    // A source is a request, kept even if the request later stops asking or is hidden: the summary
    // was written from it. Only deleting the request itself removes it.
    .addColumn("request_id", "uuid", (c) => c.notNull().references("requests.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("specification_benefit_sources_pkey", ["specification_id", "request_id"])
    .execute();
  await db.schema
    .createIndex("specification_benefit_sources_request_idx")
    .on("specification_benefit_sources")
    .column("request_id")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("specification_benefit_sources").execute();
  await db.schema.dropTable("specification_benefit_summaries").execute();
}
