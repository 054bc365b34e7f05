import { sql, type Kysely } from "kysely";
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
  type Index,
  type Settings,
} from "meilisearch";
import type { Database } from "../../db/schema";
import { buildConcepts, type Concept, type Lexicon, type TermCount } from "../language/concepts";
import {
  answerMatch,
  matchLimit,
  matchWants,
  type DocumentKind,
  type FacetCount,
  type MatchResult,
  type SearchDocument,
  type SearchEngine,
  type SearchQuery,
  SearchUnavailableError,
} from "./engine";
import { placeFinderFor } from "../language/places.server";
import { stemWords } from "./postgres/lexicon.server";
import { createTranslationIndex } from "../meaning/translation-index.server";
import { analyseRequest, meaningText } from "../language/request-analysis";
import { wordLanguages } from "../language/word-languages.server";
import { scoreRequestCandidates } from "../matching/request-matches.server";
import { STOP_WORDS } from "../language/request-language";
import { MATCH_THRESHOLD, scoreCandidates, type Candidate, type Field } from "../matching/scoring";
import { calibrateDatasets } from "../matching/calibration";
import { SYNONYM_GROUPS } from "../language/synonyms";
import {
  fuseDatasets,
  LEARNED_CANDIDATES,
  LEARNING_SHARE,
  MEANING_CANDIDATES,
  MEANING_FUSION,
  type FusionOptions,
} from "../matching/fusion";
import { createLearnedIndex } from "../learning/learned.server";
import { createMeaningIndex, type MeaningHit } from "../meaning/model.server";
import { pageMeaningVectors, readMeaningVectors, type MeaningVectors, type StoredMeaningModel } from "../meaning/vectors.server";
import {
  embedderUpdates,
  meaningFields,
  meaningHits,
  meaningQueries,
  nearestOfQueries,
  type MeaningVectorsField,
} from "./meilisearch-meaning";

/**
 * Meilisearch through its official client: the engine for a region or the whole country.
 * Meilisearch has no Swedish stemmer, so each document also carries its lexemes as PostgreSQL's
 * Swedish configuration makes them (the same as the built-in engine's); the matcher builds the
 * same concepts and scores with the same formula, so scores and the threshold mean the same on
 * both engines. Each dataset also carries its meaning vector (search/meaning) as a user-provided
 * embedding; a match adds the datasets nearest in meaning and fuses them as the built-in engine
 * does (ADR 035). Browsing (search) is Meilisearch's own, with its typo tolerance and synonyms.
 */

export interface MeilisearchConfig {
  host: string;
  apiKey?: string;
  /** One index for every kind of document; `kind` is a filter. */
  indexUid?: string;
  /** How meaning joins the lexical score, as in the built-in engine; null: the lexical matcher alone. */
  fusion?: Omit<FusionOptions, "kommunkoder"> | null;
  /** What use taught: its share of the score, as in the built-in engine (ADR 032); 0 or null: not used. */
  learning?: number | null;
  /** How long one read (a search, a facet lookup) may take before Meilisearch counts as not answering. */
  readTimeoutMs?: number;
}

/**
 * A read Meilisearch has not answered in this long is given up (SearchUnavailableError): a match
 * makes a few reads of a few milliseconds each, and a requester must not wait the minutes fetch
 * would (a hung or overloaded server). Writes (indexing) have no such limit: they wait for tasks.
 */
const READ_TIMEOUT_MS = 5_000;

export interface MeiliDocument {
  /** Meilisearch ids allow letters, digits, - and _: "dataset_<uuid>". */
  id: string;
  document_id: string;
  kind: DocumentKind;
  entity_id: string;
  uri: string | null;
  title: string;
  title_en: string;
  keywords: string;
  description: string;
  publisher: string | null;
  publisher_kommunkod: string | null;
  themes: string[];
  formats: string[];
  specifications: string[];
  lexemes: string[];
  lexemes_title: string[];
  lexemes_keywords: string[];
  lexemes_description: string[];
  lexemes_publisher: string[];
  /** Every lexeme spelt backwards: facet search by prefix finds the compounds a word ends. */
  lexemes_reversed: string[];
  /** The meaning model whose vector `_vectors` holds; null without one. */
  meaning_model: number | null;
  _vectors?: MeaningVectorsField;
}

const CANDIDATE_LIMIT = 600;
const MAX_FILTER_LEXEMES = 400;
const TASK_TIMEOUT_MS = 120_000;
/**
 * How long a write of the meaning vectors may take Meilisearch: adding the embedder or a refresh's
 * batch at a national catalogue builds its vector index over every dataset, which can outlast the
 * ordinary wait; a refresh given up too early would only be sent again, whole.
 */
const MEANING_TASK_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** Datasets whose vectors one write of a meaning refresh carries. */
const REFRESH_PAGE = 1_000;
/** A failing meaning query is said at most this often; the match goes on with the lexical score alone. */
const MEANING_WARNING_INTERVAL_MS = 60_000;

/** The index settings, in code so every deployment's index is the same. */
const MEILISEARCH_SETTINGS: Settings = {
  // Order is importance: a word in the title counts more than one in the description.
  searchableAttributes: [
    "title",
    "title_en",
    "keywords",
    "lexemes_title",
    "lexemes_keywords",
    "description",
    "lexemes_description",
    "publisher",
  ],
  filterableAttributes: [
    "kind",
    "publisher",
    "publisher_kommunkod",
    "themes",
    "formats",
    "specifications",
    "lexemes",
    "lexemes_reversed",
    "meaning_model",
  ],
  sortableAttributes: ["title"],
  displayedAttributes: ["*"],
  stopWords: [...STOP_WORDS],
  synonyms: synonymSetting(),
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
    // Lexemes are exact by construction; a typo there matches another word.
    disableOnAttributes: ["lexemes_title", "lexemes_keywords", "lexemes_description"],
  },
  localizedAttributes: [
    { attributePatterns: ["title_en"], locales: ["eng"] },
    { attributePatterns: ["title", "keywords", "description"], locales: ["swe"] },
  ],
  faceting: { maxValuesPerFacet: 200 },
  pagination: { maxTotalHits: 10_000 },
};

/** Every word of a group is a synonym of every other (Meilisearch wants the map spelt out). */
function synonymSetting(): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    const words = [...group.sv, ...group.en];
    for (const word of words) synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...words.filter((w) => w !== word)])];
  }
  return synonyms;
}

export function createMeilisearchEngine(db: Kysely<Database>, config: MeilisearchConfig): SearchEngine {
  const client = new Meilisearch({ host: config.host, apiKey: config.apiKey });
  // The same server for what a reader waits on, with a time limit.
  const reader = new Meilisearch({ host: config.host, apiKey: config.apiKey, timeout: config.readTimeoutMs ?? READ_TIMEOUT_MS });
  const indexUid = config.indexUid ?? "fraga_documents";
  const index: Index<MeiliDocument> = client.index<MeiliDocument>(indexUid);
  const readIndex: Index<MeiliDocument> = reader.index<MeiliDocument>(indexUid);
  let ready: Promise<void> | null = null;

  /** Creates the index and applies the settings once per process. */
  function ensureIndex() {
    ready ??= (async () => {
      // Only "no such index" means create it: a server that does not answer is not an empty one.
      const exists = await reader.getIndex(indexUid).then(
        () => true,
        (error: unknown) => {
          if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return false;
          throw error;
        },
      );
      if (!exists) await client.createIndex(indexUid, { primaryKey: "id" }).waitTask({ timeout: TASK_TIMEOUT_MS });
      const task = await index.updateSettings(MEILISEARCH_SETTINGS).waitTask({ timeout: TASK_TIMEOUT_MS });
      if (task.status !== "succeeded") throw new Error(`Meilisearch refused the settings: ${task.error?.message ?? task.status}`);
    })().catch((error) => {
      ready = null;
      throw error;
    });
    return ready;
  }

  async function waitFor(promise: ReturnType<Index["addDocuments"]>, timeout = TASK_TIMEOUT_MS) {
    const task = await promise.waitTask({ timeout });
    if (task.status !== "succeeded") throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ""}`);
  }

  /**
   * The index's embedder as the stored model needs it, asked of Meilisearch before every write of
   * vectors (one request): another process may have changed it since, and vectors of another
   * length than the embedder's are refused.
   */
  async function ensureEmbedder(model: StoredMeaningModel | null) {
    for (const embedders of embedderUpdates(await index.getEmbedders(), model?.dimensions ?? 0))
      await waitFor(index.updateSettings({ embedders }), MEANING_TASK_TIMEOUT_MS);
  }

  const fusion = config.fusion === undefined ? MEANING_FUSION : config.fusion;
  // Only the request's vector is made here; the datasets' vectors are Meilisearch's.
  const meaning = createMeaningIndex(db, { documents: false });
  let meaningWarnedAt = 0;
  // What use taught, from PostgreSQL's evidence by the same code and cache as the built-in engine's.
  const learningShare = config.learning === undefined ? LEARNING_SHARE : (config.learning ?? 0);
  const learned = createLearnedIndex(db);

  /**
   * The datasets nearest in meaning to the request, and the named municipalities' nearest, as the
   * built-in engine finds them (fusion.ts keeps the scope); one request to Meilisearch.
   */
  async function nearestInMeaning(text: string, kommunkoder: string[]): Promise<MeaningHit[]> {
    if (!fusion || fusion.weight <= 0) return [];
    const request = await meaning.requestVector(text);
    if (!request) return [];
    try {
      const { results } = await reader.multiSearch({
        queries: meaningQueries(request.model, request.vector, MEANING_CANDIDATES, kommunkoder).map((query) => ({ indexUid, ...query })),
      });
      return nearestOfQueries(
        results.map((result) => meaningHits(result.hits as unknown as MeiliDocument[], request.vector)),
        request.coverage,
      );
    } catch (error) {
      // Until the new model's vectors are in (its refresh, through the outbox), the embedder may
      // not take the request's vector: the lexical matcher answers alone meanwhile.
      if (Date.now() - meaningWarnedAt > MEANING_WARNING_INTERVAL_MS) {
        meaningWarnedAt = Date.now();
        console.warn(`[search] Meilisearch did not answer the meaning query (${error instanceof Error ? error.message : String(error)}).`);
      }
      return [];
    }
  }

  // Each kind is read against its own vocabulary: requests must not change how datasets are
  // matched (a typo in a request would become a known word), and earlier requests are matched by
  // the words of requests (search/engines/postgres/lexicon.server.ts says the same for the built-in engine).
  const lexicons = {
    dataset: meilisearchLexicon(db, reader, readIndex, "dataset"),
    request: meilisearchLexicon(db, reader, readIndex, "request"),
    answer: meilisearchLexicon(db, reader, readIndex, "answer"),
  };

  const engine: SearchEngine = {
    name: "meilisearch",

    async upsert(documents) {
      if (documents.length === 0) return;
      await ensureIndex();
      const meaningVectors = await readMeaningVectors(
        db,
        documents.filter((d) => d.kind === "dataset").map((d) => d.id),
      );
      await ensureEmbedder(meaningVectors.model);
      await waitFor(index.addDocuments(await toMeiliDocuments(db, documents, meaningVectors), { primaryKey: "id" }));
    },

    async refreshMeaning() {
      await ensureIndex();
      const { model } = await readMeaningVectors(db, []);
      await ensureEmbedder(model);
      if (!model || model.dimensions === 0) return { documents: 0 };
      let documents = 0;
      // Every page is sent before any is waited for: Meilisearch indexes consecutive updates as one
      // batch, and the outbox's lock (other updates wait behind the refresh) is held the shorter.
      const sent: ReturnType<Index["updateDocuments"]>[] = [];
      for (let after: string | null = null; ;) {
        const page = await pageMeaningVectors(db, { modelId: model.id, after, limit: REFRESH_PAGE });
        if (page.length === 0) break;
        after = page[page.length - 1]!.documentId;
        // Only the vector and its model's tag change: the rest of each document stays as indexed.
        const task = index.updateDocuments(
          page.map(({ documentId, vector }) => ({ id: meiliId(documentId), ...meaningFields(model, vector) })),
          { primaryKey: "id" },
        );
        await task;
        sent.push(task);
        documents += page.length;
      }
      for (const task of sent) await waitFor(task, MEANING_TASK_TIMEOUT_MS);
      return { documents };
    },

    async delete(ids) {
      if (ids.length === 0) return;
      await ensureIndex();
      await waitFor(index.deleteDocuments(ids.map(meiliId)));
    },

    async clear() {
      await ensureIndex();
      await waitFor(index.deleteAllDocuments());
    },

    async match(text, options = {}) {
      const limit = matchLimit(options.limit);
      const empty: MatchResult = { datasets: [], requests: [], answers: [], threshold: MATCH_THRESHOLD };
      await ensureIndex();
      const request = analyseRequest(text, await placeFinderFor(db), await wordLanguages());
      const [datasetConcepts, requestConcepts, answerConcepts] = await Promise.all([
        buildConcepts(request, lexicons.dataset),
        buildConcepts(request, lexicons.request),
        buildConcepts(request, lexicons.answer),
      ]);
      const lexemeFilter = (concepts: Concept[]) => {
        const lexemes = [...new Set(concepts.flatMap((c) => c.alternatives.flatMap((a) => a.parts.flatMap((p) => [...p.keys()]))))];
        return lexemes.length ? `lexemes IN [${lexemes.slice(0, MAX_FILTER_LEXEMES).map(quote).join(", ")}]` : null;
      };
      // A kind not asked for is not searched: without lexemes none of its searches below is made.
      const datasetLexemes = matchWants(options, "dataset") ? lexemeFilter(datasetConcepts.concepts) : null;
      const requestLexemes = matchWants(options, "request") ? lexemeFilter(requestConcepts.concepts) : null;
      const answerLexemes = matchWants(options, "answer") ? lexemeFilter(answerConcepts.concepts) : null;
      const kommunkoder = request.places.municipalities.map((m) => m.kommunkod);
      const scope = kommunkoder.length ? [`publisher_kommunkod IN [${kommunkoder.map(quote).join(", ")}]`] : [];
      const words = request.words.map((w) => w.lower).join(" ");
      // Candidates three ways, scored alike: documents holding the request's lexemes (the named
      // municipalities' and everyone's), and Meilisearch's own best for the request's words, with
      // its typo tolerance and synonyms (dropping the most frequent words first when needed).
      // Earlier requests the same ways, without the municipality scope: a request may ask several
      // municipalities or all, which its one indexed publisher cannot say; the scoring reads its
      // targets instead (search/matching/request-matches.server.ts).
      const searches = [
        ...(datasetLexemes
          ? [
              ...(scope.length ? [{ q: "", filter: [`kind = "dataset"`, datasetLexemes, ...scope] }] : []),
              { q: "", filter: [`kind = "dataset"`, datasetLexemes] },
              { q: words, filter: [`kind = "dataset"`, ...scope], matchingStrategy: "frequency" as const },
            ]
          : []),
        ...(requestLexemes
          ? [
              { q: "", filter: [`kind = "request"`, requestLexemes] },
              { q: words, filter: [`kind = "request"`], matchingStrategy: "frequency" as const },
            ]
          : []),
        // Answered survey questions (issue 10), the same two ways as requests.
        ...(answerLexemes
          ? [
              { q: "", filter: [`kind = "answer"`, answerLexemes] },
              { q: words, filter: [`kind = "answer"`], matchingStrategy: "frequency" as const },
            ]
          : []),
      ];
      // Meaning needs no lexeme: a request in other words than the catalogue's is found by it alone.
      // What use taught is read from PostgreSQL by the built-in engine's code (ADR 032): it needs no index.
      const [results, similar, taught] = await Promise.all([
        (async () =>
          searches.length
            ? (await reader.multiSearch({ queries: searches.map((s) => ({ indexUid, limit: CANDIDATE_LIMIT, ...s })) })).results
            : [])(),
        matchWants(options, "dataset") ? nearestInMeaning(meaningText(request), kommunkoder) : Promise.resolve([]),
        matchWants(options, "dataset") && learningShare > 0
          ? learned.similar(request, { limit: LEARNED_CANDIDATES, kommunkoder })
          : Promise.resolve([]),
      ]);
      const seen = { dataset: new Map<string, Candidate>(), request: new Map<string, Candidate>(), answer: new Map<string, Candidate>() };
      for (const result of results)
        for (const hit of result.hits as unknown as MeiliDocument[])
          if (!seen[hit.kind].has(hit.id)) seen[hit.kind].set(hit.id, toCandidate(hit));
      const lexical = scoreCandidates(datasetConcepts.concepts, [...seen.dataset.values()], { kommunkoder });
      const scored = fuseDatasets(lexical, similar, taught, { fusion, learning: learningShare, kommunkoder });
      return {
        ...empty,
        // The same calibrated scale as the built-in engine (ADR 034).
        datasets: calibrateDatasets<(typeof scored)[number]>(scored.slice(0, limit), { kommunkoder }).map((hit) => ({
          uri: hit.uri ?? hit.id,
          title: hit.title,
          publisher: hit.publisher,
          score: hit.score,
        })),
        requests: requestLexemes
          ? await scoreRequestCandidates(db, requestConcepts.concepts, [...seen.request.values()], { kommunkoder, limit })
          : [],
        answers: scoreCandidates(answerConcepts.concepts, [...seen.answer.values()], { kommunkoder: [] })
          .slice(0, limit)
          .map(answerMatch),
      };
    },

    async search(query: SearchQuery) {
      await ensureIndex();
      const pageSize = Math.min(Math.max(1, query.pageSize ?? DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
      const page = Math.max(1, query.page ?? 1);
      const filters = query.filters ?? {};
      const filter = [
        `kind = ${quote(query.kind ?? "dataset")}`,
        ...(
          [
            ["publisher", filters.publisher],
            ["themes", filters.theme],
            ["formats", filters.format],
            ["specifications", filters.specification],
          ] as const
        )
          .filter(([, values]) => values?.length)
          .map(([attribute, values]) => `${attribute} IN [${values!.map(quote).join(", ")}]`),
      ];
      const result = await readIndex.search(query.text, {
        filter,
        facets: ["publisher", "themes", "formats", "specifications"],
        page,
        hitsPerPage: pageSize,
        showRankingScore: true,
        attributesToRetrieve: ["document_id", "kind", "entity_id", "uri", "title", "publisher"],
      });
      const facet = (name: string): FacetCount[] =>
        Object.entries(result.facetDistribution?.[name] ?? {})
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, "sv"));
      return {
        hits: result.hits.map((hit) => ({
          id: hit.document_id,
          kind: hit.kind,
          entityId: hit.entity_id,
          uri: hit.uri,
          title: hit.title,
          publisher: hit.publisher,
          score: hit._rankingScore ?? 0,
        })),
        total: result.totalHits,
        page,
        pageSize,
        facets: { publisher: facet("publisher"), theme: facet("themes"), format: facet("formats"), specification: facet("specifications") },
      };
    },

    async health() {
      const started = performance.now();
      try {
        await reader.health();
        const stats = await readIndex.getStats().catch(() => null);
        return {
          engine: "meilisearch",
          status: "ok",
          documents: stats?.numberOfDocuments ?? 0,
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        return { engine: "meilisearch", status: "error", message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
  // What a reader waits on (the match as they type, the catalogue's search): Meilisearch not
  // answering is told as SearchUnavailableError, a "try again shortly" rather than the 500 page.
  return {
    ...engine,
    match: (text, options) => toldAsUnavailable(engine.match(text, options)),
    search: (query) => toldAsUnavailable(engine.search(query)),
  };
}

/** Meilisearch unreachable, timing out or failing inside (5xx) becomes SearchUnavailableError; anything else is rethrown. */
async function toldAsUnavailable<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    const unanswered =
      error instanceof MeilisearchRequestError ||
      error instanceof MeilisearchRequestTimeOutError ||
      // The index's settings, applied before a process's first search, were not done in time.
      error instanceof MeilisearchTaskTimeOutError ||
      (error instanceof MeilisearchApiError && (error.response.status ?? 0) >= 500);
    throw unanswered ? new SearchUnavailableError({ cause: error }) : error;
  }
}

function reversed(text: string) {
  return [...text].reverse().join("");
}

function meiliId(id: string) {
  return id.replace(/[^A-Za-z0-9_-]/g, "_");
}

/** A filter value: Meilisearch reads double-quoted strings with backslash escapes, as JSON writes them. */
function quote(value: string) {
  return JSON.stringify(value);
}

function toCandidate(hit: MeiliDocument): Candidate {
  const lexemes = new Map<string, Field>();
  // Weakest first, so a lexeme keeps its best field.
  for (const [field, list] of [
    ["D", hit.lexemes_publisher],
    ["C", hit.lexemes_description],
    ["B", hit.lexemes_keywords],
    ["A", hit.lexemes_title],
  ] as const)
    for (const lexeme of list ?? []) lexemes.set(lexeme, field);
  return {
    id: hit.document_id,
    uri: hit.uri,
    title: hit.title,
    publisher: hit.publisher,
    publisherKommunkod: hit.publisher_kommunkod,
    lexemes,
  };
}

/**
 * The documents with their lexemes, made by PostgreSQL's text search configurations, and each
 * dataset's meaning vector of the stored model (ADR 035).
 */
export async function toMeiliDocuments(
  db: Kysely<Database>,
  documents: SearchDocument[],
  meaning: MeaningVectors = { model: null, vectors: new Map() },
): Promise<MeiliDocument[]> {
  const input = documents.map((d) => ({
    id: d.id,
    title_sv: d.text.title.sv,
    title_en: d.text.title.en,
    keywords_sv: d.text.keywords.sv,
    keywords_en: d.text.keywords.en,
    description_sv: d.text.description.sv,
    description_en: d.text.description.en,
    publisher: d.publisher?.name ?? "",
  }));
  // The stemming must be the built-in engine's (fraga_swedish, fraga_english): the matcher's
  // vocabulary and scores depend on it.
  const { rows } = await sql<{ id: string; title: string[]; keywords: string[]; description: string[]; publisher: string[] }>`
    SELECT d.id,
           tsvector_to_array(to_tsvector('fraga_swedish', d.title_sv) || to_tsvector('fraga_english', d.title_en)) AS title,
           tsvector_to_array(to_tsvector('fraga_swedish', d.keywords_sv) || to_tsvector('fraga_english', d.keywords_en)) AS keywords,
           tsvector_to_array(to_tsvector('fraga_swedish', d.description_sv) || to_tsvector('fraga_english', d.description_en)) AS description,
           tsvector_to_array(to_tsvector('fraga_swedish', d.publisher)) AS publisher
    FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS d(
      id text, title_sv text, title_en text, keywords_sv text, keywords_en text,
      description_sv text, description_en text, publisher text)`.execute(db);
  const lexemes = new Map(rows.map((row) => [row.id, row]));
  return documents.map((d) => {
    const l = lexemes.get(d.id)!;
    const all = [...new Set([...l.title, ...l.keywords, ...l.description, ...l.publisher])];
    return {
      id: meiliId(d.id),
      document_id: d.id,
      kind: d.kind,
      entity_id: d.entityId,
      uri: d.uri,
      title: d.title,
      title_en: d.text.title.en,
      keywords: [d.text.keywords.sv, d.text.keywords.en].filter(Boolean).join(" ; "),
      description: [d.text.description.sv, d.text.description.en].filter(Boolean).join("\n"),
      publisher: d.publisher?.name ?? null,
      publisher_kommunkod: d.publisher?.kommunkod ?? null,
      themes: d.themes,
      formats: d.formats,
      specifications: d.specifications,
      lexemes: all,
      lexemes_reversed: all.map(reversed),
      lexemes_title: l.title,
      lexemes_keywords: l.keywords,
      lexemes_description: l.description,
      lexemes_publisher: l.publisher,
      ...meaningFields(meaning.model, meaning.vectors.get(d.id)),
    };
  });
}

/**
 * The matcher's vocabulary from Meilisearch: document counts by filtering on a lexeme, prefixes and
 * typos by facet search over the lexemes, suffixes by facet search over the reversed lexemes.
 * Stemming is PostgreSQL's.
 */
function meilisearchLexicon(db: Kysely<Database>, client: Meilisearch, index: Index<MeiliDocument>, kind: DocumentKind): Lexicon {
  const ofKind = `kind = ${quote(kind)}`;
  const facetSearch = async (facetName: "lexemes" | "lexemes_reversed", query: string) =>
    (await index.searchForFacetValues({ facetName, facetQuery: query, filter: ofKind })).facetHits.map((hit): TermCount => ({
      term: hit.value,
      documentCount: hit.count,
    }));
  return {
    // PostgreSQL's stemming, as the documents' lexemes were made (see toMeiliDocuments).
    stems: (words) => stemWords(db, words),
    // English → Swedish learned from the catalogue's parallel titles, as the built-in engine reads it (ADR 033).
    translations: createTranslationIndex(db).translations,
    async documentCounts(terms) {
      if (terms.length === 0) return new Map();
      // One request for all terms: a filtered search per term, no hits, only the count.
      const { results } = await client.multiSearch({
        queries: terms.map((term) => ({ indexUid: index.uid, q: "", filter: [ofKind, `lexemes = ${quote(term)}`], limit: 0 })),
      });
      const counts = new Map<string, number>();
      results.forEach((result, i) => {
        const count = result.estimatedTotalHits ?? 0;
        if (count > 0) counts.set(terms[i], count);
      });
      return counts;
    },
    async expansions(stems) {
      const result = new Map<string, { prefixed: TermCount[]; suffixed: TermCount[] }>();
      await Promise.all(
        stems.map(async (stem) => {
          const [starting, ending] = await Promise.all([facetSearch("lexemes", stem), facetSearch("lexemes_reversed", reversed(stem))]);
          result.set(stem, {
            prefixed: starting.filter((h) => h.term.startsWith(stem) && h.term !== stem),
            suffixed: ending
              .filter((h) => h.term.startsWith(reversed(stem)) && h.term !== reversed(stem))
              .map((h) => ({ term: reversed(h.term), documentCount: h.documentCount })),
          });
        }),
      );
      return result;
    },
    async similar(stems) {
      const result = new Map<string, TermCount[]>();
      // Facet search is typo tolerant: what it finds that does not start with the stem is a typo.
      await Promise.all(
        stems.map(async (stem) =>
          result.set(
            stem,
            (await facetSearch("lexemes", stem)).filter((h) => !h.term.startsWith(stem)),
          ),
        ),
      );
      return result;
    },
    async documentCount() {
      // The kind's facet count is exact, where a search's total may be an estimate or capped.
      const result = await index.search("", { facets: ["kind"], limit: 0 });
      return result.facetDistribution?.kind?.[kind] ?? 0;
    },
  };
}
