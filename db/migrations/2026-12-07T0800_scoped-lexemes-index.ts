import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The full-text index also holds each document's municipality (issue 11, ADR 047). A match that
 * names a municipality asks for its documents holding the request's words; with the words alone in
 * the index, PostgreSQL read every municipality's postings of those words and then kept the named
 * one's (25,641 postings for one request at 300,000 datasets, 6,121 of them Borås's). With both in
 * one GIN index it reads the named municipality's part only. Queries on the words alone use it as
 * they used the old index, which it replaces. btree_gin lets a GIN index hold a text column; it is
 * a contrib extension PostgreSQL marks trusted, so a database owner may create it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db);
  await sql`CREATE INDEX search_documents_scope_lexemes_idx ON search_documents USING gin (publisher_kommunkod, lexemes)`.execute(db);
  await sql`DROP INDEX search_documents_lexemes_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX search_documents_lexemes_idx ON search_documents USING gin (lexemes)`.execute(db);
  await sql`DROP INDEX search_documents_scope_lexemes_idx`.execute(db);
}
