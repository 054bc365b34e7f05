import type { RequestStatus } from "../../db/schema";
import { alignedLexicalScore } from "../matching/calibration";

/**
 * The search port: what the portal asks of a search engine. Two engines implement it — the
 * built-in one on PostgreSQL full-text search (search/engines/postgres/engine.server.ts) and Meilisearch
 * (search/engines/meilisearch.server.ts). PostgreSQL stays the source of truth: an engine holds
 * documents built from it (search/indexing/documents.server.ts) and can be rebuilt from nothing.
 */

export const documentKinds = ["dataset", "request", "answer"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Text of one field in the two languages the portal reads; "" when absent. */
export interface FieldText {
  sv: string;
  en: string;
}

export interface DocumentPublisher {
  /** Our organisation's name ("Borås"), else the name the catalogue gave. */
  name: string;
  /** SCB kommunkod of a municipality ("1490"), the county code of a region ("14"), else null. */
  kommunkod: string | null;
  type: string | null;
}

/** One thing an engine can find: a dataset, a request, an answered survey question. */
export interface SearchDocument {
  /** `<kind>:<entity id>`, e.g. `dataset:5b0c…`; unique across kinds. */
  id: string;
  kind: DocumentKind;
  entityId: string;
  /** The dataset's URI; null for kinds without one. */
  uri: string | null;
  /** The title shown: Swedish when there is one. */
  title: string;
  text: { title: FieldText; keywords: FieldText; description: FieldText };
  publisher: DocumentPublisher | null;
  themes: string[];
  formats: string[];
  /** dct:conformsTo: the specifications the data follows. */
  specifications: string[];
}

export interface SearchFilters {
  /** Publisher names, as in the `publisher` facet. */
  publisher?: string[];
  theme?: string[];
  format?: string[];
  specification?: string[];
}

export interface SearchQuery {
  /** What the visitor typed; empty lists everything that passes the filters. */
  text: string;
  kind?: DocumentKind;
  filters?: SearchFilters;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface SearchHit {
  id: string;
  kind: DocumentKind;
  entityId: string;
  uri: string | null;
  title: string;
  publisher: string | null;
  score: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pageSize: number;
  /** Counts over everything the text and the filters found. */
  facets: { publisher: FacetCount[]; theme: FacetCount[]; format: FacetCount[]; specification: FacetCount[] };
}

export interface MatchedDataset {
  uri: string;
  title: string;
  publisher: string | null;
  /** 0..1, comparable across requests; under `threshold` the portal says "no good match". */
  score: number;
}

/** An earlier match by id and title: an answered survey question (its id is the question's), or the base of a request. */
export interface MatchedEntity {
  id: string;
  title: string;
  score: number;
}

/** A scored answer document as the `answers` of a match: the question's id, its text and the score. */
export function answerMatch(hit: { id: string; title: string; score: number }): MatchedEntity {
  // On the datasets' scale (ADR 034): the threshold means the same for answered questions.
  return {
    id: hit.id.startsWith("answer:") ? hit.id.slice("answer:".length) : hit.id,
    title: hit.title,
    score: alignedLexicalScore(hit.score),
  };
}

/**
 * Requests the submit form offers as "support this request instead": only those still being asked
 * or answered. A duplicate, rejected or withdrawn request (and a closed one) is never offered.
 */
export const MATCHABLE_REQUEST_STATUSES = ["submitted", "open", "answered", "partly_answered"] as const satisfies readonly RequestStatus[];

/** An earlier request that matches, as the database has it now (number, status and votes are live). */
export interface MatchedRequest extends MatchedEntity {
  /** The request's id (uuid). */
  id: string;
  /** The public number: `/requests/<number>`. */
  number: number;
  status: (typeof MATCHABLE_REQUEST_STATUSES)[number];
  votes: number;
}

/** The `GET /api/match` contract (DESIGN.md, "Contracts"). */
export interface MatchResult {
  datasets: MatchedDataset[];
  requests: MatchedRequest[];
  answers: MatchedEntity[];
  threshold: number;
}

export interface EngineHealth {
  engine: "postgres" | "meilisearch";
  status: "ok" | "error";
  latencyMs?: number;
  documents?: number;
  message?: string;
}

/**
 * The engine did not answer (Meilisearch down, unreachable, timing out or failing inside): the
 * portal tells the reader to try again shortly (a 503) instead of failing the page. A query the
 * engine refused as malformed is not this: that is our defect, and stays a 500.
 */
export class SearchUnavailableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("the search engine did not answer", options);
    this.name = "SearchUnavailableError";
  }
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  /** Adds or replaces documents by id. */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  delete(ids: string[]): Promise<void>;
  /** Removes every document (before a reindex). */
  clear(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * The datasets that answer a request written in the requester's own words, and the earlier
   * requests that ask the same, best first; both scored alike (search/matching/scoring.ts).
   */
  match(text: string, options?: MatchOptions): Promise<MatchResult>;
  health(): Promise<EngineHealth>;
  /**
   * After the meaning model is learned again (a `meaning` row of the outbox): an engine that keeps
   * its own copy of the datasets' vectors takes the new model's (Meilisearch, ADR 035). The built-in
   * engine reads the model from PostgreSQL and has none.
   */
  refreshMeaning?(): Promise<{ documents: number }>;
}

export interface MatchOptions {
  /** How many of each kind, at most (matchLimit). */
  limit?: number;
  /**
   * The kinds to look for; every kind when not given. A kind left out is not searched at all and
   * comes back empty: the survey reuse plan asks for datasets and answers, never earlier requests.
   */
  kinds?: readonly DocumentKind[];
}

/** Whether a match with these options looks for documents of the kind. */
export function matchWants(options: MatchOptions, kind: DocumentKind): boolean {
  return options.kinds === undefined || options.kinds.includes(kind);
}

export const DEFAULT_MATCH_LIMIT = 10;
export const MAX_MATCH_LIMIT = 50;
/** What of a request's title and description the new-request page's live panel matches (the rest says little more, and costs). */
export const MATCHED_TEXT_LENGTH = 2_000;

/** How many matches of each kind `match` returns for the limit asked: the default, kept within 1 to the maximum. */
export function matchLimit(requested: number | undefined): number {
  return Math.min(Math.max(1, requested ?? DEFAULT_MATCH_LIMIT), MAX_MATCH_LIMIT);
}

export function documentId(kind: DocumentKind, entityId: string): string {
  return `${kind}:${entityId}`;
}
