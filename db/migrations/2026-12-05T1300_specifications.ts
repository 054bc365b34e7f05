import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The register of specifications (issue 14, ADR 042): the national ones (seeded from
 * db/seed/data/specifications.csv on every start) and those the region's coordinators propose for
 * demanded kinds of data that have none yet. Status proposed → adopted → retired; the history is
 * the events of entity_type 'specification'. A request or survey question may name the
 * specification it asks for.
 *
 * `specification_keys` reads a list of dct:conformsTo addresses as the coverage grid compares them:
 * each address without its scheme, a leading "www." and trailing slashes, in lower case (so
 * http://www.dataportal.se/specifications/badplatser/1.0/ and https://dataportal.se/… are one), and
 * each also as its family, prefixed "~", without a trailing version segment ("/1.0", "/v2"): a
 * dataset that follows another version of a specification conforms to the specification. IMMUTABLE
 * so a GIN index over the datasets' keys answers "which datasets follow this one" at any size.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION specification_key(uri text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN lower(regexp_replace(regexp_replace(btrim(uri), '^[a-zA-Z]+://(www\\.)?', ''), '/+$', ''))`.execute(db);
  await sql`
    CREATE FUNCTION specification_family(uri text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN '~' || regexp_replace(specification_key(uri), '/v?[0-9]+(\\.[0-9]+)*$', '')`.execute(db);
  await sql`
    CREATE FUNCTION specification_keys(uris text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ARRAY(SELECT specification_key(u) FROM unnest(uris) u UNION SELECT specification_family(u) FROM unnest(uris) u)`.execute(db);
  await sql`CREATE INDEX datasets_specification_keys_idx ON datasets USING gin (specification_keys(conforms_to))
            WHERE removed_at IS NULL AND cardinality(conforms_to) > 0`.execute(db);

  await db.schema
    .createTable("specifications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull().defaultTo(""))
    // The address datasets name in dct:conformsTo; a proposed specification may have none yet.
    .addColumn("uri", "text", (c) => c.check(sql`uri ~* '^https?://[^/\\s]+'`))
    .addColumn("schema_url", "text", (c) => c.check(sql`schema_url ~* '^https?://[^/\\s]+'`))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("fields", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("maintainer", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("proposed")
        .check(sql`status IN ('proposed', 'adopted', 'retired')`),
    )
    .addColumn("origin", "text", (c) => c.notNull().check(sql`origin IN ('national', 'regional')`))
    // The seed's own key for a national row (its identifier), so a restart updates rather than adds.
    .addColumn("seed_key", "text", (c) => c.unique())
    .addColumn("source_url", "text")
    .addColumn("replaced_by_id", "uuid", (c) => c.references("specifications.id").onDelete("set null"))
    .addColumn("created_by", "uuid", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE UNIQUE INDEX specifications_name_version_idx ON specifications (lower(name), lower(version))`.execute(db);
  await sql`CREATE UNIQUE INDEX specifications_uri_idx ON specifications (specification_key(uri)) WHERE uri IS NOT NULL`.execute(db);

  await db.schema
    .alterTable("requests")
    .addColumn("specification_id", "uuid", (c) => c.references("specifications.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("requests_specification_idx").on("requests").column("specification_id").execute();
  await db.schema
    .alterTable("survey_questions")
    .addColumn("specification_id", "uuid", (c) => c.references("specifications.id").onDelete("set null"))
    .execute();
  await db.schema.createIndex("survey_questions_specification_idx").on("survey_questions").column("specification_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_questions").dropColumn("specification_id").execute();
  await db.schema.alterTable("requests").dropColumn("specification_id").execute();
  await db.schema.dropTable("specifications").execute();
  await sql`DROP INDEX IF EXISTS datasets_specification_keys_idx`.execute(db);
  await sql`DROP FUNCTION specification_keys(text[])`.execute(db);
  await sql`DROP FUNCTION specification_family(text)`.execute(db);
  await sql`DROP FUNCTION specification_key(text)`.execute(db);
}
