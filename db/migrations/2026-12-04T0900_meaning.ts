import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * Meaning learned from the catalogue (issue 11, ADR 031): the latent semantic model recomputed
 * after each harvest. One row per model build; the features (stems and in-word character
 * 4-grams) and the datasets' vectors of the current build, as little-endian float32 bytes, with
 * the cells a large catalogue's match reads instead of every vector. A
 * recompute replaces all three in one transaction, so a match reads one whole model or the
 * previous one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_meaning_models")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("built_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("dimensions", "integer", (c) => c.notNull())
    .addColumn("documents", "integer", (c) => c.notNull())
    .addColumn("features", "integer", (c) => c.notNull())
    .addColumn("build_ms", "integer", (c) => c.notNull())
    // The cells' centroids (search/meaning/cells.ts), float32 bytes; null: a match reads every vector.
    .addColumn("centroids", "bytea")
    .execute();
  await db.schema
    .createTable("search_meaning_features")
    .addColumn("feature", "text", (c) => c.primaryKey())
    .addColumn("vector", "bytea", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("search_meaning_documents")
    // The search document id ("dataset:<id>"), with what a match shows and the scope needs.
    .addColumn("document_id", "text", (c) => c.primaryKey())
    .addColumn("uri", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("publisher", "text")
    .addColumn("publisher_kommunkod", "text")
    .addColumn("vector", "bytea", (c) => c.notNull())
    .addColumn("cell", "integer")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_meaning_documents").execute();
  await db.schema.dropTable("search_meaning_features").execute();
  await db.schema.dropTable("search_meaning_models").execute();
}
