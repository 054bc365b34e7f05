import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * English → Swedish translations learned from the catalogue's parallel titles and keywords (issue
 * 11, ADR 033), replaced with the meaning model after each harvest, in the same transaction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("search_meaning_translations")
    .addColumn("english", "text", (c) => c.notNull())
    .addColumn("swedish", "text", (c) => c.notNull())
    // Dice coefficient over the datasets with text in both languages, 0..1.
    .addColumn("score", "real", (c) => c.notNull())
    .addColumn("datasets", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("search_meaning_translations_pkey", ["english", "swedish"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("search_meaning_translations").execute();
}
