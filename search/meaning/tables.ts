import type { Generated } from "kysely";

/**
 * The meaning model's tables (db/migrations/2026-12-04T0900_meaning.ts, 2026-12-05T0930_meaning-translations.ts);
 * only search/meaning reads them.
 */
export type MeaningTables = {
  search_meaning_models: {
    id: Generated<number>;
    built_at: Generated<Date>;
    dimensions: number;
    documents: number;
    features: number;
    build_ms: number;
    centroids: Buffer | null;
  };
  search_meaning_features: { feature: string; vector: Buffer };
  search_meaning_documents: {
    document_id: string;
    uri: string | null;
    title: string;
    publisher: string | null;
    publisher_kommunkod: string | null;
    vector: Buffer;
    cell: number | null;
  };
  /** Recomputes that failed, with why (db/migrations/2026-12-09T0800_meaning-recompute-failures.ts). */
  search_meaning_failures: { id: Generated<number>; failed_at: Generated<Date>; error: string };
  /** English → Swedish stems learned from parallel titles and keywords (ADR 033). */
  search_meaning_translations: { english: string; swedish: string; score: number; datasets: number };
};
