import { sql, type Kysely } from "kysely";
import type { Concept, RequestConcepts } from "../../language/concepts";
import type { DocumentKind, SearchFilters } from "../engine";
import type { SearchDatabase } from "./tables";
import type { Candidate, Field } from "../../matching/scoring";

/**
 * The built-in engine's candidates for a request: the documents its GIN index finds, ranked
 * roughly (ts_rank) so the matcher scores a few hundred instead of everything that shares a word.
 *
 * Cost grows with the documents a query reads and ranks, so every query reads a bounded number of
 * them, however large the catalogue (issue 11, ADR 029): the global query uses the request's most
 * telling lexemes up to a budget by the vocabulary's counts, and each concept's best lexeme, which
 * must find documents even when it is common, reads a sample of its documents (the first it
 * finds) instead of all of them; a very common one from a fixed share of the documents, whose own
 * index lists only theirs (ADR 048). A request that names municipalities also gets their documents by
 * a query of their own, by the telling lexemes, up to SCOPED_SAMPLE documents. The lexemes not
 * used to find documents still count in scoring for the documents found. In a catalogue no larger
 * than the budget (the evaluation sets) the candidates are exactly those of ranking every document
 * that holds a lexeme.
 */

/**
 * Documents the global query may read and rank, over all its lexemes: five times the candidates it
 * returns. Reading a document costs about as much as a page of the table, so this bounds a match.
 */
const RETRIEVAL_BUDGET = 1_000;
/** The same with municipalities named, when the others' documents are only a fallback. */
const FALLBACK_BUDGET = 500;
/** A common concept's best lexeme reads at least this many of its documents. */
const MIN_HEAD_SAMPLE = 100;
/** The telling lexemes of the named municipalities' query, by the whole index's counts. */
const SCOPED_BUDGET = 3_000;
/** Documents of the named municipalities the scoped query reads at most. */
const SCOPED_SAMPLE = 1_000;
/**
 * The named municipalities' candidates scored: three times the most a match shows (MAX_MATCH_LIMIT).
 * 300 until 2026-12-02: at 300,000 datasets 150 costs 3.6 ms less CPU per match and finds the
 * same kinds of data (docs/benchmarks.md); a catalogue as small as the evaluation's never reaches it.
 */
const SCOPED_LIMIT = 150;
const GLOBAL_LIMIT = 300;
/** With municipalities named, the others' documents are only a fallback under the threshold. */
const FALLBACK_LIMIT = 60;
/** A tsquery of thousands of lexemes is slow and says nothing more. */
const MAX_QUERY_LEXEMES = 600;

/** Documents have a sample slot of this many (db/migrations/2026-12-08T0800_sample-slots.ts). */
const SAMPLE_SLOTS = 1_024;
/**
 * The shares a sample may be read from, smallest first, as the slots below which their documents
 * lie: each has a partial index of its own holding only their postings (ADR 048).
 */
const SAMPLE_SHARES = [16, 128] as const;

export interface CandidateRow {
  id: string;
  entity_id: string;
  kind: DocumentKind;
  uri: string | null;
  title: string;
  publisher: string | null;
  publisher_kommunkod: string | null;
  /** Read only when the facets were asked for (a search; a match never shows them). */
  themes?: string[];
  formats?: string[];
  specifications?: string[];
  /** The request's lexemes this document holds, each with its weights ("AC"); null for none. */
  matched: Record<string, string> | null;
}

export type RetrievedCandidate = Candidate & { row: CandidateRow };

export async function retrieveCandidates(
  db: Kysely<SearchDatabase>,
  request: RequestConcepts,
  options: {
    kind: DocumentKind;
    kommunkoder: string[];
    filters?: SearchFilters;
    /** Read each document's themes, formats and specifications (a search's facets); a match does without. */
    facets?: boolean;
  },
): Promise<RetrievedCandidate[]> {
  const lexemes = lexemesByValue(request.concepts).slice(0, MAX_QUERY_LEXEMES);
  if (lexemes.length === 0) return [];
  const scoped = options.kommunkoder.length > 0;
  // A filtered search keeps few of a share's documents: its samples read from all of them.
  const filtered = Object.values(options.filters ?? {}).some((values) => values?.length);
  const global = withinBudget(request, lexemes, scoped ? FALLBACK_BUDGET : RETRIEVAL_BUDGET, { shares: !filtered });

  const queries = [
    query(db, {
      ...options,
      all: lexemes,
      rankBy: quoteQuery(global.flatMap((sample) => sample.lexemes)),
      samples: global,
      limit: scoped ? FALLBACK_LIMIT : GLOBAL_LIMIT,
      kommunkoder: [],
    }),
  ];
  if (scoped) {
    // The municipalities' own documents, found by the telling lexemes: an OR of every lexeme, even
    // limited to one municipality, makes the GIN index list the documents of all of them.
    queries.push(
      query(db, {
        ...options,
        all: lexemes,
        rankBy: quoteQuery(lexemes),
        // One sample: each lexeme would repeat the municipalities' part of the bitmap.
        samples: [{ lexemes: withinBudget(request, lexemes, SCOPED_BUDGET).flatMap((sample) => sample.lexemes), limit: SCOPED_SAMPLE }],
        limit: SCOPED_LIMIT,
      }),
    );
  }
  const found = new Map<string, RetrievedCandidate>();
  for (const rows of await Promise.all(queries))
    for (const row of rows)
      found.set(row.id, {
        id: row.id,
        uri: row.uri,
        title: row.title,
        publisher: row.publisher,
        publisherKommunkod: row.publisher_kommunkod,
        lexemes: bestFields(row.matched ?? {}),
        row,
      });
  return [...found.values()];
}

async function query(
  db: Kysely<SearchDatabase>,
  options: {
    kind: DocumentKind;
    kommunkoder: string[];
    filters?: SearchFilters;
    facets?: boolean;
    /** Every lexeme of the request: the ones each document holds come back for scoring. */
    all: string[];
    /** The tsquery the documents read are ranked by. */
    rankBy: string;
    /** The lexemes that find documents, each group read up to its limit. */
    samples: Sample[];
    limit: number;
  },
) {
  const where = sql`d.kind = ${options.kind}
      ${options.kommunkoder.length ? sql`AND d.publisher_kommunkod = ANY(${options.kommunkoder}::text[])` : sql``}
      ${filterSql(options.filters ?? {})}`;
  // Each sample stops after its limit (a LIMIT over the bitmap scan, no ordering), so a common
  // lexeme costs its limit and not its document count; only the best `limit` documents of all the
  // samples are read again for their matched lexemes, by their place in the table (ctid: the same
  // statement, so it cannot move) rather than a second descent of the primary key's index.
  // unnest(tsvector) gives each lexeme with its weights (fields); only the request's come back,
  // as one JSON object: pg parses a text[] character by character in JavaScript, which was a third
  // of the memory a match allocated at 100,000 datasets (issue 11), JSON natively. The facets'
  // arrays only when asked for, for the same reason.
  const samples = options.samples.map(
    (sample) => sql`(SELECT d.id, d.ctid AS tid, ts_rank(d.lexemes, ${options.rankBy}::tsquery) AS rank
      FROM search_documents d
      WHERE ${where} AND d.lexemes @@ ${quoteQuery(sample.lexemes)}::tsquery
      ${sample.slots === undefined ? sql`` : sql`AND d.sample_slot < ${sql.lit(sample.slots)}`}
      LIMIT ${sample.limit})`,
  );
  const { rows } = await sql<CandidateRow>`
    SELECT d.id, d.entity_id, d.kind, d.uri, d.title, d.publisher, d.publisher_kommunkod,
           ${options.facets ? sql`d.themes, d.formats, d.specifications,` : sql``}
           (
             SELECT json_object_agg(l.lexeme, array_to_string(l.weights, ''))
             FROM unnest(d.lexemes) AS l
             WHERE l.lexeme = ANY(${options.all}::text[])
           ) AS matched
    FROM (
      SELECT id, tid, max(rank) AS rank FROM (${sql.join(samples, sql` UNION ALL `)}) s
      GROUP BY id, tid ORDER BY max(rank) DESC, id LIMIT ${options.limit}
    ) top
    JOIN search_documents d ON d.ctid = top.tid
    ORDER BY top.rank DESC, d.id`.execute(db);
  return rows;
}

interface Sample {
  lexemes: string[];
  limit: number;
  /** Read only the documents whose sample slot is below this (a literal: the partial index's predicate must be proved from it). */
  slots?: number;
}

/**
 * The smallest share of the documents that holds, by the word's count, twice the sample's limit,
 * so that the sample is almost surely full; none when even the largest would not.
 */
export function sampleShare(count: number, limit: number): number | undefined {
  return SAMPLE_SHARES.find((slots) => (count * slots) / SAMPLE_SLOTS >= 2 * limit);
}

/** The request's lexemes, the best way of saying its weightiest concepts first. */
function lexemesByValue(concepts: Concept[]): string[] {
  const value = new Map<string, number>();
  for (const concept of concepts)
    for (const alternative of concept.alternatives)
      for (const part of alternative.parts)
        for (const [lexeme, quality] of part) {
          const v = concept.weight * alternative.quality * quality;
          if (v > (value.get(lexeme) ?? 0)) value.set(lexeme, v);
        }
  return [...value].sort((a, b) => b[1] - a[1]).map(([lexeme]) => lexeme);
}

/**
 * The lexemes the global query finds documents by, as samples: each concept's best lexeme first,
 * so every concept can find documents, a common one read only up to its share of the budget; then
 * the most valuable other lexemes whose documents fit in what is left, read whole. A small
 * catalogue takes them all, whole. With `shares`, a head common enough is sampled from a share of
 * the documents (`sampleShare`), so its sample costs about the same in any size of catalogue.
 */
export function withinBudget(
  request: Pick<RequestConcepts, "concepts" | "documentCounts" | "total">,
  lexemes: string[],
  budget: number,
  options: { shares?: boolean } = {},
): Sample[] {
  if (request.total <= budget) return [{ lexemes, limit: budget }];
  const count = (lexeme: string) => request.documentCounts.get(lexeme) ?? 0;
  const heads = [
    ...new Set(
      request.concepts
        .map((concept) => lexemes.find((lexeme) => concept.alternatives.some((a) => a.parts.some((p) => p.has(lexeme)))))
        .filter((lexeme): lexeme is string => lexeme !== undefined),
    ),
  ];
  const headSample = Math.max(MIN_HEAD_SAMPLE, Math.floor(budget / Math.max(1, heads.length)));
  const samples: Sample[] = [];
  const whole: string[] = [];
  let spent = 0;
  for (const head of heads) {
    if (count(head) <= headSample) whole.push(head);
    else samples.push({ lexemes: [head], limit: headSample, slots: options.shares ? sampleShare(count(head), headSample) : undefined });
    spent += Math.min(count(head), headSample);
  }
  for (const lexeme of lexemes) {
    if (heads.includes(lexeme) || spent + count(lexeme) > budget) continue;
    whole.push(lexeme);
    spent += count(lexeme);
  }
  if (whole.length > 0) samples.push({ lexemes: whole, limit: budget });
  return samples;
}

function quoteQuery(lexemes: string[]) {
  return lexemes.map(quoteLexeme).join(" | ");
}

/** A lexeme as a tsquery operand: quoted, so it is taken as it is (no parsing, no stemming). */
function quoteLexeme(lexeme: string) {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

const FIELD_ORDER: Field[] = ["A", "B", "C", "D"];

/** { badplats: "AC" } → badplats in A (the title), its best field. */
function bestFields(matched: Record<string, string>): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const [lexeme, weights] of Object.entries(matched)) fields.set(lexeme, FIELD_ORDER.find((field) => weights.includes(field)) ?? "D");
  return fields;
}

/** The search filters as SQL fragments for the raw queries on `search_documents d`. */
export function filterSql(filters: SearchFilters) {
  const parts = [];
  if (filters.publisher?.length) parts.push(sql`AND d.publisher = ANY(${filters.publisher}::text[])`);
  if (filters.theme?.length) parts.push(sql`AND d.themes && ${filters.theme}::text[]`);
  if (filters.format?.length) parts.push(sql`AND d.formats && ${filters.format}::text[]`);
  if (filters.specification?.length) parts.push(sql`AND d.specifications && ${filters.specification}::text[]`);
  return sql.join(parts, sql` `);
}
