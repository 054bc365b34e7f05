import { sql, type Kysely } from "kysely";
import type { Lexicon, TermCount } from "./concepts";
import type { SearchDatabase } from "./postgres-tables";

/** Expansions kept per stem: the most frequent; "skol…" has hundreds in a national catalogue. */
const EXPANSIONS_PER_STEM = 40;
const SIMILAR_PER_STEM = 8;
const DOCUMENT_COUNT_TTL_MS = 10_000;

/**
 * Swedish and English stems of words, by the text search configurations the documents are indexed
 * with (see the migration); both engines' lexemes are made by them.
 */
export async function stemWords<DB>(db: Kysely<DB>, words: string[]) {
  if (words.length === 0) return new Map<string, { sv: string | null; en: string | null }>();
  const { rows } = await sql<{ word: string; sv: string | null; en: string | null }>`
    SELECT w.word,
           (tsvector_to_array(to_tsvector('fraga_swedish', w.word)))[1] AS sv,
           (tsvector_to_array(to_tsvector('fraga_english', w.word)))[1] AS en
    FROM unnest(${words}::text[]) AS w(word)`.execute(db);
  return new Map(rows.map((row) => [row.word, { sv: row.sv, en: row.en }]));
}

/**
 * The built-in engine's vocabulary (`search_terms`, kept by trigger) and PostgreSQL's stemming,
 * as the matcher's Lexicon. Every lookup is one statement for all the words of a request.
 */
export function createPostgresLexicon(db: Kysely<SearchDatabase>): Lexicon & { forget(): void } {
  let documentCount: { value: number; at: number } | null = null;

  return {
    forget() {
      documentCount = null;
    },

    stems: (words) => stemWords(db, words),

    async documentCounts(terms) {
      if (terms.length === 0) return new Map();
      const rows = await db
        .selectFrom("search_terms")
        .select(["term", "document_count"])
        // One array parameter rather than hundreds of IN placeholders.
        .where("term", "=", sql<string>`ANY(${terms}::text[])`)
        .where("document_count", ">", 0)
        .execute();
      return new Map(rows.map((row) => [row.term, row.document_count]));
    },

    async expansions(stems) {
      const result = new Map<string, { prefixed: TermCount[]; suffixed: TermCount[] }>();
      if (stems.length === 0) return result;
      for (const stem of stems) result.set(stem, { prefixed: [], suffixed: [] });
      // Range conditions on the text_pattern_ops indexes rather than LIKE: LIKE with a pattern
      // built per row cannot use an index. chr(1114111) sorts after every character. Parenthesised:
      // PostgreSQL gives || and ~<~ the same precedence.
      const { rows } = await sql<{ stem: string; kind: "prefixed" | "suffixed"; term: string; document_count: number }>`
        SELECT s.stem, 'prefixed' AS kind, t.term, t.document_count
        FROM unnest(${stems}::text[]) AS s(stem)
        CROSS JOIN LATERAL (
          SELECT term, document_count FROM search_terms
          WHERE term ~>=~ s.stem AND term ~<~ (s.stem || chr(1114111)) AND term <> s.stem AND document_count > 0
          ORDER BY document_count DESC, term LIMIT ${EXPANSIONS_PER_STEM}
        ) t
        UNION ALL
        SELECT s.stem, 'suffixed' AS kind, t.term, t.document_count
        FROM unnest(${stems}::text[]) AS s(stem)
        CROSS JOIN LATERAL (
          SELECT term, document_count FROM search_terms
          WHERE reverse(term) ~>=~ reverse(s.stem) AND reverse(term) ~<~ (reverse(s.stem) || chr(1114111))
            AND term <> s.stem AND document_count > 0
          ORDER BY document_count DESC, term LIMIT ${EXPANSIONS_PER_STEM}
        ) t`.execute(db);
      for (const row of rows) result.get(row.stem)?.[row.kind].push({ term: row.term, documentCount: row.document_count });
      return result;
    },

    async similar(stems) {
      const result = new Map<string, TermCount[]>();
      if (stems.length === 0) return result;
      // pg_trgm's % (similarity above pg_trgm.similarity_threshold, 0.3) finds candidates by index;
      // the matcher then keeps those within the allowed edit distance.
      const { rows } = await sql<{ stem: string; term: string; document_count: number }>`
        SELECT s.stem, t.term, t.document_count
        FROM unnest(${stems}::text[]) AS s(stem)
        CROSS JOIN LATERAL (
          SELECT term, document_count FROM search_terms
          WHERE term % s.stem AND document_count > 0
          ORDER BY similarity(term, s.stem) DESC, document_count DESC LIMIT ${SIMILAR_PER_STEM}
        ) t`.execute(db);
      for (const row of rows) {
        const list = result.get(row.stem) ?? [];
        list.push({ term: row.term, documentCount: row.document_count });
        result.set(row.stem, list);
      }
      return result;
    },

    async documentCount() {
      if (documentCount && Date.now() - documentCount.at < DOCUMENT_COUNT_TTL_MS) return documentCount.value;
      const row = await db
        .selectFrom("search_documents")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .executeTakeFirstOrThrow();
      documentCount = { value: Number(row.count), at: Date.now() };
      return documentCount.value;
    },
  };
}
