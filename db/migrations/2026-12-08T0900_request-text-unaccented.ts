import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The request register's text search finds words with or without å, ä and ö ("Boras" finds
 * "Borås"): many type on keyboards without them, and English visitors always do. The requests'
 * full-text index holds the words unaccented (`fraga_simple`: the 'simple' configuration after the
 * unaccent dictionary, as `fraga_swedish` does for the matcher); the query's stems are unaccented
 * too (app/models/request-register.server.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TEXT SEARCH CONFIGURATION fraga_simple (COPY = pg_catalog.simple)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION fraga_simple ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`.execute(db);
  await sql`CREATE INDEX requests_text_unaccented_idx ON requests USING gin (to_tsvector('fraga_simple', title || ' ' || body))`.execute(
    db,
  );
  await sql`DROP INDEX requests_text_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX requests_text_idx ON requests USING gin (to_tsvector('simple', title || ' ' || body))`.execute(db);
  await sql`DROP INDEX requests_text_unaccented_idx`.execute(db);
  await sql`DROP TEXT SEARCH CONFIGURATION fraga_simple`.execute(db);
}
