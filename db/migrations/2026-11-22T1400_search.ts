import { sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one.

/**
 * The built-in search engine (search/postgres-engine.server.ts): its own documents table, the
 * vocabulary it expands requests against, and text search configurations. The SQL here is the
 * engine's; the app reads these tables only through search/.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Swedish (and, for English titles, English) stemming of unaccented words, so "Skövde" and
  // "skovde", "återvinning" and "atervinning" give the same lexeme. Kysely has no builder for these.
  await sql`CREATE TEXT SEARCH CONFIGURATION fraga_swedish (COPY = pg_catalog.swedish)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION fraga_swedish ALTER MAPPING FOR hword, hword_part, word WITH unaccent, swedish_stem`.execute(
    db,
  );
  await sql`CREATE TEXT SEARCH CONFIGURATION fraga_english (COPY = pg_catalog.english)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION fraga_english ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem`.execute(
    db,
  );

  await db.schema
    .createTable("search_documents")
    // "<kind>:<entity id>", e.g. "dataset:5b0c…".
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('dataset','request','answer')`))
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("uri", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("publisher", "text")
    .addColumn("publisher_kommunkod", "text")
    .addColumn("publisher_type", "text")
    .addColumn("themes", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("formats", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("specifications", sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // Weighted lexemes: A title, B keywords, C description, D publisher.
    .addColumn("lexemes", sql`tsvector`, (c) => c.notNull())
    .addColumn("indexed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`CREATE INDEX search_documents_lexemes_idx ON search_documents USING gin (lexemes)`.execute(db);
  await db.schema
    .createIndex("search_documents_kind_publisher_idx")
    .on("search_documents")
    .columns(["kind", "publisher_kommunkod"])
    .execute();

  // Every lexeme of the index with the number of documents holding it: weights for the matcher,
  // and the words a request is expanded against (compound parts, inflections, typos).
  await db.schema
    .createTable("search_terms")
    .addColumn("term", "text", (c) => c.primaryKey())
    .addColumn("document_count", "integer", (c) => c.notNull())
    .execute();
  // Prefix lookups (term LIKE 'skol%') and suffix lookups via the reversed term ('stalp%' for
  // 'plats'); C collation so LIKE can use the b-tree.
  await sql`CREATE INDEX search_terms_prefix_idx ON search_terms (term text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX search_terms_suffix_idx ON search_terms (reverse(term) text_pattern_ops)`.execute(db);
  await sql`CREATE INDEX search_terms_trigram_idx ON search_terms USING gin (term gin_trgm_ops)`.execute(db);

  // The vocabulary follows the documents by trigger, whatever writes them, with one statement-level
  // update per write (transition tables) rather than one per row.
  await sql`
    CREATE FUNCTION search_terms_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE search_terms t SET document_count = t.document_count - gone.n
        FROM (
          SELECT term, count(*) AS n FROM old_documents, unnest(tsvector_to_array(old_documents.lexemes)) AS term
          GROUP BY term
        ) gone
        WHERE t.term = gone.term;
      END IF;
      IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO search_terms AS t (term, document_count)
        SELECT term, count(*) FROM new_documents, unnest(tsvector_to_array(new_documents.lexemes)) AS term
        GROUP BY term ORDER BY term
        ON CONFLICT (term) DO UPDATE SET document_count = t.document_count + excluded.document_count;
      END IF;
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER search_terms_on_insert AFTER INSERT ON search_documents
    REFERENCING NEW TABLE AS new_documents FOR EACH STATEMENT EXECUTE FUNCTION search_terms_count()`.execute(db);
  await sql`CREATE TRIGGER search_terms_on_update AFTER UPDATE ON search_documents
    REFERENCING OLD TABLE AS old_documents NEW TABLE AS new_documents FOR EACH STATEMENT EXECUTE FUNCTION search_terms_count()`.execute(db);
  await sql`CREATE TRIGGER search_terms_on_delete AFTER DELETE ON search_documents
    REFERENCING OLD TABLE AS old_documents FOR EACH STATEMENT EXECUTE FUNCTION search_terms_count()`.execute(db);

  // Wakes the outbox worker when a transaction enqueues work, instead of it polling constantly.
  await sql`
    CREATE FUNCTION search_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('search_outbox', '');
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER search_outbox_notify AFTER INSERT ON search_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_notify()`.execute(db);
  await db.schema.createIndex("search_outbox_entity_idx").on("search_outbox").columns(["entity_type", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("search_outbox_entity_idx").execute();
  await sql`DROP TRIGGER search_outbox_notify ON search_outbox`.execute(db);
  await sql`DROP FUNCTION search_outbox_notify()`.execute(db);
  await db.schema.dropTable("search_documents").execute();
  await sql`DROP FUNCTION search_terms_count()`.execute(db);
  await db.schema.dropTable("search_terms").execute();
  await sql`DROP TEXT SEARCH CONFIGURATION fraga_english`.execute(db);
  await sql`DROP TEXT SEARCH CONFIGURATION fraga_swedish`.execute(db);
}
