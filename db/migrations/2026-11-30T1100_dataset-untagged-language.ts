import type { Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

export async function up(db: Kysely<any>): Promise<void> {
  // The language of a dataset's untagged title, description and keywords, taken from the
  // catalogue's dct:language; null when unknown, and the page then marks that text lang="".
  await db.schema.alterTable("datasets").addColumn("untagged_language", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("datasets").dropColumn("untagged_language").execute();
}
