import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { buildConcepts } from "../../language/concepts";
import {
  answerMatch,
  documentKinds,
  matchLimit,
  matchWants,
  type DocumentKind,
  type FacetCount,
  type MatchResult,
  type SearchDocument,
  type SearchEngine,
  type SearchQuery,
  type SearchHit,
  type SearchResult,
} from "../engine";
import { placeFinderFor } from "../../language/places.server";
import { createPostgresLexicons } from "./lexicon.server";
import { filterSql, retrieveCandidates, type CandidateRow } from "./retrieval.server";
import { analyseRequest, meaningText } from "../../language/request-analysis";
import { wordLanguages } from "../../language/word-languages.server";
import { scoreRequestCandidates } from "../../matching/request-matches.server";
import type { SearchDatabase, SearchTables } from "./tables";
import { MATCH_THRESHOLD, scoreCandidates } from "../../matching/scoring";
import { fuseDatasets, MEANING_CANDIDATES, MEANING_FUSION, type FusionOptions } from "../../matching/fusion";
import { createMeaningIndex } from "../../meaning/model.server";
import { calibrateDatasets, type ScoreCalibration } from "../../matching/calibration";
import { LEARNED_CANDIDATES, LEARNING_SHARE } from "../../matching/fusion";
import { createLearnedIndex } from "../../learning/learned.server";

/**
 * The built-in engine: PostgreSQL full-text search in the portal's own database. Documents are
 * stored with weighted lexemes (Swedish stemming of unaccented words, English for English text);
 * a request is turned into concepts against the index's vocabulary (search/language/concepts.ts), the GIN
 * index finds the candidates, and search/matching/scoring.ts scores them.
 */

const WRITE_BATCH = 500;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export interface PostgresEngineOptions {
  /** How meaning joins the lexical score; null: the lexical matcher alone (for measuring). */
  fusion?: Omit<FusionOptions, "kommunkoder"> | null;
  /** What use taught: its share of the score (ADR 032); 0 or null: not used (for measuring). */
  learning?: number | null;
  /** The score's calibration (ADR 034); null: the uncalibrated evidence (for fitting the calibration). */
  calibration?: ScoreCalibration | null;
}

export function createPostgresEngine(db: Kysely<Database>, options: PostgresEngineOptions = {}): SearchEngine {
  const searchDb = db.withTables<SearchTables>();
  const lexicons = createPostgresLexicons(searchDb);
  const fusion = options.fusion === undefined ? MEANING_FUSION : options.fusion;
  const calibration = options.calibration;
  // Meaning learned from the catalogue (search/meaning), kept in memory between matches.
  const meaning = createMeaningIndex(db);
  // What use taught (search/learning), kept in memory between matches; like meaning, it knows no places.
  const learningShare = options.learning === undefined ? LEARNING_SHARE : (options.learning ?? 0);
  const learned = createLearnedIndex(db);
  // Each kind is read against its own vocabulary (see lexicon.server.ts).
  const lexiconOf = (kind: DocumentKind) => lexicons[kind];

  async function conceptsOf(text: string, kind: DocumentKind) {
    const request = analyseRequest(text, await placeFinderFor(db), await wordLanguages());
    return { request, ...(await buildConcepts(request, lexiconOf(kind))) };
  }

  const engine: SearchEngine = {
    name: "postgres",

    async upsert(documents) {
      const latest = [...new Map(documents.map((d) => [d.id, d])).values()];
      for (let start = 0; start < latest.length; start += WRITE_BATCH) {
        const batch = latest.slice(start, start + WRITE_BATCH).map(documentRecord);
        await db.transaction().execute(async (trx) => {
          await lockIndex(trx);
          // One statement per batch: the documents travel as JSON, the lexemes are made here with
          // the engine's text search configurations, and the vocabulary trigger runs once.
          await sql`
            INSERT INTO search_documents AS s
              (id, kind, entity_id, uri, title, publisher, publisher_kommunkod, publisher_type,
               themes, formats, specifications, lexemes, indexed_at)
            SELECT d.id, d.kind, d.entity_id, d.uri, d.title, d.publisher, d.publisher_kommunkod, d.publisher_type,
                   d.themes, d.formats, d.specifications,
                   setweight(to_tsvector('fraga_swedish', d.title_sv), 'A') ||
                   setweight(to_tsvector('fraga_english', d.title_en), 'A') ||
                   setweight(to_tsvector('fraga_swedish', d.keywords_sv), 'B') ||
                   setweight(to_tsvector('fraga_english', d.keywords_en), 'B') ||
                   setweight(to_tsvector('fraga_swedish', d.description_sv), 'C') ||
                   setweight(to_tsvector('fraga_english', d.description_en), 'C') ||
                   setweight(to_tsvector('fraga_swedish', coalesce(d.publisher, '')), 'D'),
                   now()
            FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS d(
              id text, kind text, entity_id text, uri text, title text, publisher text,
              publisher_kommunkod text, publisher_type text, themes text[], formats text[],
              specifications text[], title_sv text, title_en text, keywords_sv text, keywords_en text,
              description_sv text, description_en text)
            ON CONFLICT (id) DO UPDATE SET
              kind = excluded.kind, entity_id = excluded.entity_id, uri = excluded.uri, title = excluded.title,
              publisher = excluded.publisher, publisher_kommunkod = excluded.publisher_kommunkod,
              publisher_type = excluded.publisher_type, themes = excluded.themes, formats = excluded.formats,
              specifications = excluded.specifications, lexemes = excluded.lexemes, indexed_at = excluded.indexed_at`.execute(trx);
        });
      }
      lexicons.forget([...new Set(documents.map((d) => d.kind))]);
    },

    async delete(ids) {
      if (ids.length === 0) return;
      await db.transaction().execute(async (trx) => {
        await lockIndex(trx);
        await trx.withTables<SearchTables>().deleteFrom("search_documents").where("id", "in", ids).execute();
      });
      lexicons.forget(documentKinds.filter((kind) => ids.some((id) => id.startsWith(`${kind}:`))));
    },

    async clear() {
      await db.transaction().execute(async (trx) => {
        await lockIndex(trx);
        // TRUNCATE skips the vocabulary trigger, so the vocabulary goes with it.
        await sql`TRUNCATE search_documents, search_terms`.execute(trx);
      });
      lexicons.forget([...documentKinds]);
    },

    async match(text, options = {}) {
      const limit = matchLimit(options.limit);
      const empty: MatchResult = { datasets: [], requests: [], answers: [], threshold: MATCH_THRESHOLD };
      const request = analyseRequest(text, await placeFinderFor(db), await wordLanguages());
      const kommunkoder = request.places.municipalities.map((m) => m.kommunkod);
      const [datasets, requests, answers] = await Promise.all([
        (async () => {
          if (!matchWants(options, "dataset")) return [];
          const [lexical, similar, taught] = await Promise.all([
            (async () => {
              const concepts = await buildConcepts(request, lexicons.dataset);
              if (concepts.concepts.length === 0) return [];
              const found = await retrieveCandidates(searchDb, concepts, { kind: "dataset", kommunkoder });
              return scoreCandidates(concepts.concepts, found, { kommunkoder });
            })(),
            fusion && fusion.weight > 0 ? meaning.similar(meaningText(request), MEANING_CANDIDATES, { kommunkoder }) : Promise.resolve([]),
            learningShare > 0 ? learned.similar(request, { limit: LEARNED_CANDIDATES, kommunkoder }) : Promise.resolve([]),
          ]);
          const ranked = fuseDatasets(lexical, similar, taught, { fusion, learning: learningShare, kommunkoder });
          return calibrateDatasets(ranked.slice(0, limit), { kommunkoder, calibration }).map((hit) => ({
            uri: hit.uri ?? hit.id,
            title: hit.title,
            publisher: hit.publisher,
            score: hit.score,
          }));
        })(),
        (async () => {
          if (!matchWants(options, "request")) return [];
          const concepts = await buildConcepts(request, lexicons.request);
          if (concepts.concepts.length === 0) return [];
          // Earlier requests are retrieved without the municipality scope: a request may ask several
          // municipalities or all of them, which its one indexed publisher cannot say; the scoring
          // reads its targets instead (search/matching/request-matches.server.ts).
          const found = await retrieveCandidates(searchDb, concepts, { kind: "request", kommunkoder: [] });
          return scoreRequestCandidates(db, concepts.concepts, found, { kommunkoder, limit });
        })(),
        (async () => {
          // Answered survey questions (issue 10): a question answers for no one place, so no scope.
          if (!matchWants(options, "answer")) return [];
          const concepts = await buildConcepts(request, lexicons.answer);
          if (concepts.concepts.length === 0) return [];
          const found = await retrieveCandidates(searchDb, concepts, { kind: "answer", kommunkoder: [] });
          return scoreCandidates(concepts.concepts, found, { kommunkoder: [] }).slice(0, limit).map(answerMatch);
        })(),
      ]);
      return { ...empty, datasets, requests, answers };
    },

    async search(query) {
      const kind = query.kind ?? "dataset";
      const pageSize = Math.min(Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
      const page = Math.max(1, query.page ?? 1);
      const filters = query.filters ?? {};
      const { request, ...concepts } = await conceptsOf(query.text, kind);
      if (concepts.concepts.length === 0) return browse(searchDb, kind, filters, page, pageSize);

      const kommunkoder = request.places.municipalities.map((m) => m.kommunkod);
      const found = await retrieveCandidates(searchDb, concepts, { kind, kommunkoder, filters, facets: true });
      const scored = scoreCandidates(concepts.concepts, found, { kommunkoder });
      const rows = new Map(found.map((c) => [c.id, c.row]));
      const hits = scored.map((hit) => rows.get(hit.id)!);
      return {
        hits: scored.slice((page - 1) * pageSize, page * pageSize).map((hit) => hitOf(rows.get(hit.id)!, hit.score)),
        total: scored.length,
        page,
        pageSize,
        facets: {
          publisher: countValues(hits.map((row) => (row.publisher ? [row.publisher] : []))),
          theme: countValues(hits.map((row) => row.themes ?? [])),
          format: countValues(hits.map((row) => row.formats ?? [])),
          specification: countValues(hits.map((row) => row.specifications ?? [])),
        },
      };
    },

    async health() {
      const started = performance.now();
      try {
        const row = await searchDb
          .selectFrom("search_documents")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .executeTakeFirstOrThrow();
        return {
          engine: "postgres",
          status: "ok",
          documents: Number(row.count),
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        return { engine: "postgres", status: "error", message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
  return engine;
}

/** Writers take turns: the vocabulary counts of two concurrent writes would otherwise interleave. */
async function lockIndex(trx: Kysely<Database>) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('fraga:search_documents'))`.execute(trx);
}

function documentRecord(document: SearchDocument) {
  return {
    id: document.id,
    kind: document.kind,
    entity_id: document.entityId,
    uri: document.uri,
    title: document.title,
    publisher: document.publisher?.name ?? null,
    publisher_kommunkod: document.publisher?.kommunkod ?? null,
    publisher_type: document.publisher?.type ?? null,
    themes: document.themes,
    formats: document.formats,
    specifications: document.specifications,
    title_sv: document.text.title.sv,
    title_en: document.text.title.en,
    keywords_sv: document.text.keywords.sv,
    keywords_en: document.text.keywords.en,
    description_sv: document.text.description.sv,
    description_en: document.text.description.en,
  };
}

function countValues(lists: string[][]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const value of new Set(list)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "sv"));
}

/** No words to search for: everything that passes the filters, by title, with facet counts. */
/** A search document's row as a hit, with the score it was given (0 when browsing). */
function hitOf(row: CandidateRow, score: number): SearchHit {
  return {
    id: row.id,
    kind: row.kind,
    entityId: row.entity_id,
    uri: row.uri,
    title: row.title,
    publisher: row.publisher,
    score,
  };
}

async function browse(
  db: Kysely<SearchDatabase>,
  kind: DocumentKind,
  filters: NonNullable<SearchQuery["filters"]>,
  page: number,
  pageSize: number,
): Promise<SearchResult> {
  // Raw SQL: the filters are the retrieval queries' fragments, and the facet counts (unnest of
  // array columns, grouped) come in one statement that Kysely's builder would only obscure.
  const where = sql`d.kind = ${kind} ${filterSql(filters)}`;
  const [rows, total, facets] = await Promise.all([
    sql<CandidateRow>`
      SELECT d.id, d.entity_id, d.kind, d.uri, d.title, d.publisher
      FROM search_documents d WHERE ${where}
      ORDER BY d.title, d.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db),
    sql<{ count: number }>`SELECT count(*)::int AS count FROM search_documents d WHERE ${where}`.execute(db),
    sql<{ facet: string; value: string; count: number }>`
      SELECT 'publisher' AS facet, d.publisher AS value, count(*)::int AS count
        FROM search_documents d WHERE ${where} AND d.publisher IS NOT NULL GROUP BY d.publisher
      UNION ALL
      SELECT 'theme', v, count(*)::int FROM search_documents d, unnest(d.themes) v WHERE ${where} GROUP BY v
      UNION ALL
      SELECT 'format', v, count(*)::int FROM search_documents d, unnest(d.formats) v WHERE ${where} GROUP BY v
      UNION ALL
      SELECT 'specification', v, count(*)::int FROM search_documents d, unnest(d.specifications) v WHERE ${where} GROUP BY v`.execute(db),
  ]);
  const facet = (name: string) =>
    facets.rows
      .filter((row) => row.facet === name)
      .map((row) => ({ value: row.value, count: row.count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "sv"));
  return {
    hits: rows.rows.map((row) => hitOf(row, 0)),
    total: total.rows[0]?.count ?? 0,
    page,
    pageSize,
    facets: {
      publisher: facet("publisher"),
      theme: facet("theme"),
      format: facet("format"),
      specification: facet("specification"),
    },
  };
}
