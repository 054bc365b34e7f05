import { sql, type Kysely } from "kysely";
import type { Concept, RequestConcepts } from "../../language/concepts";
import type { DocumentKind, SearchFilters } from "../engine";
import type { SearchDatabase } from "./tables";
import type { Candidate, Field } from "../../matching/scoring";

/**
 * The built-in engine's candidates for a request: the documents its GIN index finds, ranked
 * roughly (ts_rank) so the matcher scores a few hundred instead of everything that shares a word.
 *
 * Cost grows with the documents a tsquery matches, so the global query uses only the request's
 * most telling lexemes up to a budget of documents (a lexeme's document count is known from the
 * vocabulary); the rest still count in scoring for the documents found. A request that names
 * municipalities also gets their documents by a query of their own, with every lexeme.
 */

/** Documents the global query may match, summed over its lexemes' document counts. */
const RETRIEVAL_BUDGET = 6_000;
const SCOPED_LIMIT = 300;
const GLOBAL_LIMIT = 300;
/** With municipalities named, the others' documents are only a fallback under the threshold. */
const FALLBACK_LIMIT = 60;
/** A tsquery of thousands of lexemes is slow and says nothing more. */
const MAX_QUERY_LEXEMES = 600;

export interface CandidateRow {
  id: string;
  entity_id: string;
  kind: DocumentKind;
  uri: string | null;
  title: string;
  publisher: string | null;
  publisher_kommunkod: string | null;
  themes: string[];
  formats: string[];
  specifications: string[];
  matched: string[] | null;
}

export type RetrievedCandidate = Candidate & { row: CandidateRow };

export async function retrieveCandidates(
  db: Kysely<SearchDatabase>,
  request: RequestConcepts,
  options: { kind: DocumentKind; kommunkoder: string[]; filters?: SearchFilters },
): Promise<RetrievedCandidate[]> {
  const lexemes = lexemesByValue(request.concepts).slice(0, MAX_QUERY_LEXEMES);
  if (lexemes.length === 0) return [];
  const scoped = options.kommunkoder.length > 0;
  const globalLexemes = withinBudget(request, lexemes);

  const queries = [
    query(db, { ...options, all: lexemes, retrieve: globalLexemes, limit: scoped ? FALLBACK_LIMIT : GLOBAL_LIMIT, kommunkoder: [] }),
  ];
  if (scoped) queries.push(query(db, { ...options, all: lexemes, retrieve: lexemes, limit: SCOPED_LIMIT }));
  const found = new Map<string, RetrievedCandidate>();
  for (const rows of await Promise.all(queries))
    for (const row of rows)
      found.set(row.id, {
        id: row.id,
        uri: row.uri,
        title: row.title,
        publisher: row.publisher,
        publisherKommunkod: row.publisher_kommunkod,
        lexemes: bestFields(row.matched ?? []),
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
    /** Every lexeme of the request: the ones each document holds come back for scoring. */
    all: string[];
    /** The lexemes that find documents. */
    retrieve: string[];
    limit: number;
  },
) {
  const tsquery = options.retrieve.map(quoteLexeme).join(" | ");
  // unnest(tsvector) gives each lexeme with its weights (fields); only the request's come back.
  const { rows } = await sql<CandidateRow>`
    SELECT d.id, d.entity_id, d.kind, d.uri, d.title, d.publisher, d.publisher_kommunkod,
           d.themes, d.formats, d.specifications,
           ARRAY(
             SELECT l.lexeme || ':' || array_to_string(l.weights, '')
             FROM unnest(d.lexemes) AS l
             WHERE l.lexeme = ANY(${options.all}::text[])
           ) AS matched
    FROM search_documents d
    WHERE d.kind = ${options.kind}
      AND d.lexemes @@ ${tsquery}::tsquery
      ${options.kommunkoder.length ? sql`AND d.publisher_kommunkod = ANY(${options.kommunkoder}::text[])` : sql``}
      ${filterSql(options.filters ?? {})}
    ORDER BY ts_rank(d.lexemes, ${tsquery}::tsquery) DESC, d.id
    LIMIT ${options.limit}`.execute(db);
  return rows;
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
 * The most valuable lexemes whose documents add up to the budget; each concept's best lexeme
 * comes first, so every concept can find documents. A small catalogue takes them all.
 */
function withinBudget(request: RequestConcepts, lexemes: string[]): string[] {
  if (request.total <= RETRIEVAL_BUDGET) return lexemes;
  const count = (lexeme: string) => request.documentCounts.get(lexeme) ?? 0;
  const conceptHeads = new Set(
    request.concepts.map((concept) => lexemes.find((lexeme) => concept.alternatives.some((a) => a.parts.some((p) => p.has(lexeme))))),
  );
  const chosen: string[] = [];
  let spent = 0;
  for (const lexeme of lexemes.filter((l) => conceptHeads.has(l))) {
    if (chosen.length > 0 && spent + count(lexeme) > 2 * RETRIEVAL_BUDGET) continue;
    chosen.push(lexeme);
    spent += count(lexeme);
  }
  for (const lexeme of lexemes) {
    if (chosen.includes(lexeme) || spent + count(lexeme) > RETRIEVAL_BUDGET) continue;
    chosen.push(lexeme);
    spent += count(lexeme);
  }
  return chosen;
}

/** A lexeme as a tsquery operand: quoted, so it is taken as it is (no parsing, no stemming). */
function quoteLexeme(lexeme: string) {
  return `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

const FIELD_ORDER: Field[] = ["A", "B", "C", "D"];

/** "badplats:AC" → badplats in A (the title), its best field. */
function bestFields(matched: string[]): Map<string, Field> {
  const fields = new Map<string, Field>();
  for (const entry of matched) {
    const at = entry.lastIndexOf(":");
    const weights = entry.slice(at + 1);
    fields.set(entry.slice(0, at), FIELD_ORDER.find((field) => weights.includes(field)) ?? "D");
  }
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
