import type { ColumnType, Generated } from "kysely";
import type { Database } from "../../../db/schema";

/**
 * The built-in engine's own tables (db/migrations/2026-11-22T1400_search.ts). Typed here rather
 * than in db/schema.ts: nothing outside search/ reads them.
 */
export interface SearchDocumentsTable {
  id: string;
  kind: string;
  entity_id: string;
  uri: string | null;
  title: string;
  publisher: string | null;
  publisher_kommunkod: string | null;
  publisher_type: string | null;
  themes: ColumnType<string[], string[] | undefined, string[]>;
  formats: ColumnType<string[], string[] | undefined, string[]>;
  specifications: ColumnType<string[], string[] | undefined, string[]>;
  /** A tsvector; read as its text form. */
  lexemes: string;
  /** 0–1023, a hash of the id (generated): common words' samples read the documents of the first slots (ADR 048). */
  sample_slot: ColumnType<number, never, never>;
  indexed_at: Generated<Date>;
}

export interface SearchTermsTable {
  term: string;
  document_count: number;
}

export type SearchTables = {
  search_documents: SearchDocumentsTable;
  search_terms: SearchTermsTable;
};

/** The app's schema with the engine's tables, as `db.withTables<SearchTables>()` gives it. */
export type SearchDatabase = Database & SearchTables;
