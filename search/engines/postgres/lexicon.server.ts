import { sql, type Kysely } from "kysely";
import type { Lexicon, TermCount } from "../../language/concepts";
import type { DocumentKind } from "../engine";
import type { SearchDatabase } from "./tables";
import { editDistance } from "../../language/text";
import { createTranslationIndex } from "../../meaning/translation-index.server";

/** Expansions kept per stem: the most frequent; "skol…" has hundreds in a national catalogue. */
const EXPANSIONS_PER_STEM = 40;
const SIMILAR_PER_STEM = 8;
const DOCUMENT_COUNT_TTL_MS = 10_000;
/** How long another process's change to the requests may go unseen by this one's matcher. */
const REQUEST_VOCABULARY_TTL_MS = 10_000;

/**
 * Swedish and English stems of words, by the text search configurations the documents are indexed
 * with (see the migration); both engines' lexemes are made by them.
 */
export async function stemWords<DB>(db: Kysely<DB>, words: string[]) {
  if (words.length === 0) return new Map<string, Stems>();
  const { rows } = await sql<{ word: string; sv: string | null; en: string | null }>`
    SELECT w.word,
           (tsvector_to_array(to_tsvector('fraga_swedish', w.word)))[1] AS sv,
           (tsvector_to_array(to_tsvector('fraga_english', w.word)))[1] AS en
    FROM unnest(${words}::text[]) AS w(word)`.execute(db);
  return new Map(rows.map((row) => [row.word, { sv: row.sv, en: row.en }]));
}

type Stems = { sv: string | null; en: string | null };

/** Words whose stems a process keeps; a word's stems never change (they depend on the configurations only). */
const STEMS_KEPT = 50_000;

/**
 * stemWords with the answers kept: a match reads the same words for datasets, requests and answers,
 * and requesters type the same words again and again. A word asked for while its stems are on the
 * way waits for that query instead of sending another.
 */
export function cachedStemmer<DB>(db: Kysely<DB>) {
  const kept = new Map<string, Promise<Stems>>();
  return async function stems(words: string[]): Promise<Map<string, Stems>> {
    const missing = [...new Set(words.filter((word) => !kept.has(word)))];
    if (missing.length > 0) {
      if (kept.size + missing.length > STEMS_KEPT) kept.clear();
      const query = stemWords(db, missing);
      for (const word of missing)
        kept.set(
          word,
          query.then((found) => found.get(word) ?? { sv: null, en: null }),
        );
      query.catch(() => missing.forEach((word) => kept.delete(word)));
    }
    return new Map(await Promise.all(words.map(async (word) => [word, await kept.get(word)!] as const)));
  };
}

/**
 * Answers about the dataset vocabulary kept for a short while, per term: the same words come back in
 * request after request (and while one is typed). This process's own writes empty it at once
 * (`forget`); another process's (a reindex) are seen within TERMS_TTL_MS.
 */
const TERMS_TTL_MS = 10_000;
const TERMS_KEPT = 20_000;

function termCache<V>() {
  let kept = new Map<string, { value: V; at: number }>();
  /** Raised by clear(): an answer read before it may be stale and is not kept. */
  let generation = 0;
  return {
    get generation() {
      return generation;
    },
    /** The kept answers for these keys, and the keys to look up. */
    split(keys: string[]): { found: Map<string, V>; missing: string[] } {
      const found = new Map<string, V>();
      const missing: string[] = [];
      const now = Date.now();
      for (const key of new Set(keys)) {
        const entry = kept.get(key);
        if (entry && now - entry.at < TERMS_TTL_MS) found.set(key, entry.value);
        else missing.push(key);
      }
      return { found, missing };
    },
    keep(key: string, value: V, readIn: number) {
      if (readIn !== generation) return;
      if (kept.size >= TERMS_KEPT) kept = new Map();
      kept.set(key, { value, at: Date.now() });
    },
    clear() {
      kept = new Map();
      generation += 1;
    },
  };
}

/**
 * The built-in engine's vocabularies, one per kind of document, as the matcher's Lexicons.
 *
 * `search_terms` (kept by trigger) counts the lexemes of every document, whatever its kind. Requests
 * must not change how datasets are matched: one request with a typo ("badplaster") would make the
 * typo a known word, so the typo would no longer be corrected towards the datasets' "badplatser",
 * and thousands of requests would shift every weight. And earlier requests are matched by the words
 * of requests, including words no dataset has ("matsvinn"). So the request documents' vocabulary
 * is held in memory (read from `search_documents`), the dataset vocabulary is `search_terms` minus
 * it, and each kind's concepts are built against its own. Answered survey questions (`answer`)
 * keep a vocabulary of their own in the same way. A per-kind `search_terms` (a migration)
 * would make the subtraction unnecessary; see the register's report to the lead.
 */
export interface PostgresLexicons {
  dataset: Lexicon;
  request: Lexicon;
  /** Answered survey questions (issue 10): matched by the words of questions, apart from datasets and requests. */
  answer: Lexicon;
  /** After this process changed documents of these kinds: the next lookups read them fresh. */
  forget(kinds: DocumentKind[]): void;
}

export function createPostgresLexicons(db: Kysely<SearchDatabase>): PostgresLexicons {
  const requestTerms = kindVocabulary(db, "request");
  const answerTerms = kindVocabulary(db, "answer");
  // What the dataset vocabulary is `search_terms` minus: the lexemes of the other kinds' documents.
  const requests = {
    async get() {
      const [request, answer] = await Promise.all([requestTerms.get(), answerTerms.get()]);
      if (answer.counts.size === 0) return request;
      const counts = new Map(request.counts);
      for (const [term, count] of answer.counts) counts.set(term, (counts.get(term) ?? 0) + count);
      return { counts };
    },
  };
  let datasetCount: { value: number; at: number } | null = null;
  const stems = cachedStemmer(db);
  const counted = termCache<number>();
  const expanded = termCache<{ prefixed: TermCount[]; suffixed: TermCount[] }>();
  const alike = termCache<TermCount[]>();
  // English → Swedish, learned from the datasets' parallel titles (ADR 033); Swedish text of any kind reads it.
  const { translations } = createTranslationIndex(db);

  const datasetTerms: Omit<Lexicon, "documentCount"> = {
    stems,
    translations,

    async documentCounts(terms) {
      const { found, missing } = counted.split(terms);
      if (missing.length > 0) {
        const readIn = counted.generation;
        const fresh = await datasetDocumentCounts(missing);
        for (const term of missing) {
          const count = fresh.get(term) ?? 0;
          counted.keep(term, count, readIn);
          found.set(term, count);
        }
      }
      return new Map([...found].filter(([, count]) => count > 0));
    },

    async expansions(stems) {
      const { found, missing } = expanded.split(stems);
      if (missing.length > 0) {
        const readIn = expanded.generation;
        for (const [stem, expansion] of await datasetExpansions(missing)) {
          expanded.keep(stem, expansion, readIn);
          found.set(stem, expansion);
        }
      }
      return found;
    },

    async similar(stems) {
      const { found, missing } = alike.split(stems);
      if (missing.length > 0) {
        const readIn = alike.generation;
        const fresh = await datasetSimilar(missing);
        for (const stem of missing) {
          const list = fresh.get(stem) ?? [];
          alike.keep(stem, list, readIn);
          found.set(stem, list);
        }
      }
      return found;
    },
  };

  async function datasetDocumentCounts(terms: string[]) {
    if (terms.length === 0) return new Map<string, number>();
    const [rows, vocabulary] = await Promise.all([
      db
        .selectFrom("search_terms")
        .select(["term", "document_count"])
        // One array parameter rather than hundreds of IN placeholders.
        .where("term", "=", sql<string>`ANY(${terms}::text[])`)
        .where("document_count", ">", 0)
        .execute(),
      requests.get(),
    ]);
    return new Map(
      rows.map((row) => [row.term, row.document_count - (vocabulary.counts.get(row.term) ?? 0)] as const).filter(([, count]) => count > 0),
    );
  }

  async function datasetExpansions(stems: string[]) {
    const result = new Map<string, { prefixed: TermCount[]; suffixed: TermCount[] }>();
    if (stems.length === 0) return result;
    for (const stem of stems) result.set(stem, { prefixed: [], suffixed: [] });
    // Room for terms only requests hold, which are taken out below.
    const limit = 2 * EXPANSIONS_PER_STEM;
    // Range conditions on the text_pattern_ops indexes rather than LIKE: LIKE with a pattern
    // built per row cannot use an index. chr(1114111) sorts after every character. Parenthesised:
    // PostgreSQL gives || and ~<~ the same precedence.
    const [{ rows }, vocabulary] = await Promise.all([
      sql<{ stem: string; kind: "prefixed" | "suffixed"; term: string; document_count: number }>`
        SELECT s.stem, 'prefixed' AS kind, t.term, t.document_count
        FROM unnest(${stems}::text[]) AS s(stem)
        CROSS JOIN LATERAL (
          SELECT term, document_count FROM search_terms
          WHERE term ~>=~ s.stem AND term ~<~ (s.stem || chr(1114111)) AND term <> s.stem AND document_count > 0
          ORDER BY document_count DESC, term LIMIT ${limit}
        ) t
        UNION ALL
        SELECT s.stem, 'suffixed' AS kind, t.term, t.document_count
        FROM unnest(${stems}::text[]) AS s(stem)
        CROSS JOIN LATERAL (
          SELECT term, document_count FROM search_terms
          WHERE reverse(term) ~>=~ reverse(s.stem) AND reverse(term) ~<~ (reverse(s.stem) || chr(1114111))
            AND term <> s.stem AND document_count > 0
          ORDER BY document_count DESC, term LIMIT ${limit}
        ) t`.execute(db),
      requests.get(),
    ]);
    for (const row of rows) {
      const count = row.document_count - (vocabulary.counts.get(row.term) ?? 0);
      if (count > 0) result.get(row.stem)?.[row.kind].push({ term: row.term, documentCount: count });
    }
    for (const expansion of result.values()) {
      expansion.prefixed = mostFrequent(expansion.prefixed, EXPANSIONS_PER_STEM);
      expansion.suffixed = mostFrequent(expansion.suffixed, EXPANSIONS_PER_STEM);
    }
    return result;
  }

  async function datasetSimilar(stems: string[]) {
    const result = new Map<string, TermCount[]>();
    if (stems.length === 0) return result;
    // pg_trgm's % (similarity above pg_trgm.similarity_threshold, 0.3) finds candidates by index;
    // the matcher then keeps those within the allowed edit distance. Equally alike and frequent
    // words are taken in their own order, not the table's (which a reindex changes).
    const [{ rows }, vocabulary] = await Promise.all([
      sql<{ stem: string; term: string; document_count: number }>`
        SELECT s.stem, t.term, t.document_count
        FROM unnest(${stems}::text[]) AS s(stem)
        CROSS JOIN LATERAL (
          SELECT term, document_count FROM search_terms
          WHERE term % s.stem AND document_count > 0
          ORDER BY similarity(term, s.stem) DESC, document_count DESC, term LIMIT ${2 * SIMILAR_PER_STEM}
        ) t`.execute(db),
      requests.get(),
    ]);
    for (const row of rows) {
      const count = row.document_count - (vocabulary.counts.get(row.term) ?? 0);
      const list = result.get(row.stem) ?? [];
      if (count > 0 && list.length < SIMILAR_PER_STEM) list.push({ term: row.term, documentCount: count });
      result.set(row.stem, list);
    }
    return result;
  }

  const dataset: Lexicon = {
    ...datasetTerms,
    async documentCount() {
      if (datasetCount && Date.now() - datasetCount.at < DOCUMENT_COUNT_TTL_MS) return datasetCount.value;
      const row = await db
        .selectFrom("search_documents")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("kind", "=", "dataset")
        .executeTakeFirstOrThrow();
      datasetCount = { value: Number(row.count), at: Date.now() };
      return datasetCount.value;
    },
  };

  const kindLexicon = (vocabularyOf: ReturnType<typeof kindVocabulary>): Lexicon => ({
    stems,
    translations,

    async documentCounts(terms) {
      const { counts } = await vocabularyOf.get();
      return new Map(terms.flatMap((term) => (counts.has(term) ? [[term, counts.get(term)!] as const] : [])));
    },

    async expansions(stems) {
      const vocabulary = await vocabularyOf.get();
      const result = new Map<string, { prefixed: TermCount[]; suffixed: TermCount[] }>();
      for (const stem of stems) {
        const prefixed = withPrefix(vocabulary.terms, stem).filter((term) => term !== stem);
        const suffixed = withPrefix(vocabulary.reversed, reversed(stem))
          .map(reversed)
          .filter((term) => term !== stem);
        const counted = (terms: string[]) =>
          mostFrequent(
            terms.map((term) => ({ term, documentCount: vocabulary.counts.get(term)! })),
            EXPANSIONS_PER_STEM,
          );
        result.set(stem, { prefixed: counted(prefixed), suffixed: counted(suffixed) });
      }
      return result;
    },

    async similar(stems) {
      const vocabulary = await vocabularyOf.get();
      const result = new Map<string, TermCount[]>();
      for (const stem of stems) {
        // The same candidates pg_trgm would offer for a typo: close in length and spelling. The
        // matcher keeps those within the allowed edit distance and with the same first letter.
        const candidates = withPrefix(vocabulary.terms, stem[0] ?? "")
          .filter((term) => term !== stem && Math.abs(term.length - stem.length) <= 2)
          .map((term) => ({ term, distance: editDistance(stem, term, 2) }))
          .filter((candidate) => candidate.distance <= 2)
          .sort((a, b) => a.distance - b.distance || vocabulary.counts.get(b.term)! - vocabulary.counts.get(a.term)!)
          .slice(0, SIMILAR_PER_STEM);
        result.set(
          stem,
          candidates.map(({ term }) => ({ term, documentCount: vocabulary.counts.get(term)! })),
        );
      }
      return result;
    },

    async documentCount() {
      return (await vocabularyOf.get()).documents;
    },
  });

  return {
    dataset,
    request: kindLexicon(requestTerms),
    answer: kindLexicon(answerTerms),
    forget(kinds) {
      if (kinds.includes("dataset")) datasetCount = null;
      // The dataset vocabulary is search_terms minus the other kinds' lexemes: any write changes it.
      if (kinds.length > 0) [counted, expanded, alike].forEach((cache) => cache.clear());
      if (kinds.includes("request")) requestTerms.forget();
      if (kinds.includes("answer")) answerTerms.forget();
    },
  };
}

interface RequestVocabulary {
  counts: Map<string, number>;
  /** Every term, sorted: a prefix is a range. */
  terms: string[];
  /** Every term spelt backwards, sorted: a suffix is a range. */
  reversed: string[];
  documents: number;
  at: number;
}

/**
 * One kind's documents' lexemes (requests, answered survey questions) with their document counts,
 * read in one statement and kept until this process writes documents of the kind, or for
 * REQUEST_VOCABULARY_TTL_MS (another process may have written; the old one serves while the new
 * one loads). A lookup after this process's own
 * write always waits for a vocabulary read after it.
 */
function kindVocabulary(db: Kysely<SearchDatabase>, kind: "request" | "answer") {
  /** Raised by every write of this process; a vocabulary read before it is stale. */
  let generation = 0;
  let current: (RequestVocabulary & { generation: number }) | null = null;
  let loading: { generation: number; promise: Promise<RequestVocabulary> } | null = null;

  function load(): Promise<RequestVocabulary> {
    if (loading && loading.generation === generation) return loading.promise;
    const started = generation;
    const promise = (async () => {
      // Raw SQL: unnest of a tsvector's lexemes, counted per lexeme.
      const [{ rows }, documents] = await Promise.all([
        sql<{ term: string; count: number }>`
          SELECT term, count(*)::int AS count
          FROM search_documents d, unnest(tsvector_to_array(d.lexemes)) AS term
          WHERE d.kind = ${kind}
          GROUP BY term`.execute(db),
        db
          .selectFrom("search_documents")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .where("kind", "=", kind)
          .executeTakeFirstOrThrow(),
      ]);
      const terms = rows.map((row) => row.term).sort(byCodePoint);
      const vocabulary = {
        counts: new Map(rows.map((row) => [row.term, row.count])),
        terms,
        reversed: terms.map(reversed).sort(byCodePoint),
        documents: Number(documents.count),
        at: Date.now(),
        generation: started,
      };
      if (!current || current.generation <= started) current = vocabulary;
      return vocabulary;
    })();
    loading = { generation: started, promise };
    const done = () => {
      if (loading?.promise === promise) loading = null;
    };
    promise.then(done, done);
    return promise;
  }

  return {
    forget() {
      generation += 1;
    },
    async get(): Promise<RequestVocabulary> {
      if (!current || current.generation !== generation) return load();
      if (Date.now() - current.at > REQUEST_VOCABULARY_TTL_MS) load().catch(() => {});
      return current;
    },
  };
}

/** Sorted strings that start with the prefix, by binary search for the first. */
function withPrefix(sorted: string[], prefix: string): string[] {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byCodePoint(sorted[middle], prefix) < 0) low = middle + 1;
    else high = middle;
  }
  const found: string[] = [];
  for (let i = low; i < sorted.length && sorted[i].startsWith(prefix); i++) found.push(sorted[i]);
  return found;
}

function byCodePoint(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function reversed(text: string) {
  return [...text].reverse().join("");
}

/** The most frequent terms; equal counts keep the order they came in (a stable sort). */
function mostFrequent(terms: TermCount[], limit: number): TermCount[] {
  return terms.sort((a, b) => b.documentCount - a.documentCount).slice(0, limit);
}
