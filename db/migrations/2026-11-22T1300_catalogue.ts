import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<any>): Promise<void> {
  // Publishers found by a harvest are matched to organisations by URI; unknown ones are created
  // unconfirmed, for a coordinator to confirm or merge.
  await db.schema
    .alterTable("organisations")
    .addColumn("uri", "text", (c) => c.unique())
    .addColumn("confirmed", "boolean", (c) => c.notNull().defaultTo(true))
    .execute();

  await db.schema
    .createTable("catalogue_sources")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('dcat','ckan')`))
    // An http(s) URL, or a file path for sources harvested from disk (the CLI, the demo seed).
    .addColumn("location", "text", (c) => c.notNull().unique())
    .addColumn("publisher_organisation_id", "uuid", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("schedule", "text", (c) =>
      c
        .notNull()
        .defaultTo("manual")
        .check(sql`schedule IN ('manual','daily')`),
    )
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("harvest_runs")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("source_id", "uuid", (c) => c.notNull().references("catalogue_sources.id").onDelete("cascade"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("running")
        .check(sql`status IN ('running','succeeded','failed')`),
    )
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("finished_at", "timestamptz")
    .addColumn("added", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("updated", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("unchanged", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("removed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed", "integer", (c) => c.notNull().defaultTo(0))
    // The whole run's error (unparseable file, timeout) in `error`; per-dataset errors in `errors`.
    .addColumn("error", "text")
    .addColumn("errors", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema.createIndex("harvest_runs_source_idx").on("harvest_runs").columns(["source_id", "started_at"]).execute();

  await db.schema
    .createTable("datasets")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("uri", "text", (c) => c.notNull().unique())
    .addColumn("uri_is_derived", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("source_id", "uuid", (c) => c.notNull().references("catalogue_sources.id").onDelete("cascade"))
    .addColumn("publisher_organisation_id", "uuid", (c) => c.references("organisations.id").onDelete("set null"))
    // Language maps: { "sv": "...", "en": "...", "": "untagged" }.
    .addColumn("title", "jsonb", (c) => c.notNull())
    .addColumn("description", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("keywords", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("formats", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("conforms_to", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("distributions", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("contact_point", "jsonb")
    .addColumn("licence", "text")
    .addColumn("landing_page", "text")
    .addColumn("modified", "text")
    // Hash of the mapped record: a re-harvest rewrites (and re-indexes) only what changed.
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("removed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("datasets_source_idx").on("datasets").column("source_id").execute();
  await db.schema.createIndex("datasets_publisher_idx").on("datasets").column("publisher_organisation_id").execute();

  // The outbox: written in the same transaction as the data, drained by the search worker, so an
  // index is never ahead of the database and nothing is lost while the engine is down.
  await db.schema
    .createTable("search_outbox")
    .addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("enqueued_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["search_outbox", "datasets", "harvest_runs", "catalogue_sources"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable("organisations").dropColumn("uri").dropColumn("confirmed").execute();
}
