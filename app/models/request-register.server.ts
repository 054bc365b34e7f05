import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { db } from "../../db/client.server";
import { isPublicRequest } from "../../db/request-visibility";
import type { Database } from "../../db/schema";
import { STOP_WORDS } from "../../search/language/request-language";
import {
  organisationsAsked,
  requestStatuses,
  targetableOrganisationTypes,
  targetScopes,
  targetTypesOf,
  type RequestKind,
  type RequestStatus,
  type TargetableOrganisationType,
  type TargetScope,
} from "../domain/requests";
import { requesterShown } from "./requester-shown.server";

/**
 * The public register of requests (`/requests`, `GET /api/requests`): queries only, for visitors.
 * Requests are public documents; the requester is named only as they chose (`requester_shown_as`)
 * and an e-mail address is never selected.
 */

export const registerSorts = ["votes", "newest", "oldest_open", "recently_answered"] as const;
export type RegisterSort = (typeof registerSorts)[number];

/** Out of the register unless the visitor asks for them by status. */
export const HIDDEN_BY_DEFAULT = ["duplicate", "rejected", "withdrawn"] as const satisfies readonly RequestStatus[];
/** Still waiting for (some) answers: first under "oldest open". */
export const WAITING_STATUSES = ["submitted", "open", "partly_answered"] as const satisfies readonly RequestStatus[];

export interface RegisterQuery {
  /** Words that must all occur in the title or the body (any inflection); "" for no text filter. */
  text: string;
  /** Empty: every status except the hidden ones. */
  statuses: RequestStatus[];
  /** Requests asked of any of these organisations (municipality or region), by kommunkod. */
  kommunkoder: string[];
  kinds: RequestKind[];
  /** Requests with any of these tags. */
  tags: string[];
  sort: RegisterSort;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface RegisterTarget {
  name: string;
  kommunkod: string | null;
}

export interface RegisterEntry {
  id: string;
  number: number;
  title: string;
  status: RequestStatus;
  kind: RequestKind;
  votes: number;
  comments: number;
  createdAt: Date;
  answeredAt: Date | null;
  tags: string[];
  targetScope: TargetScope;
  /** Whom the request asks: the chosen organisations, the region, or every VG municipality. */
  targets: RegisterTarget[];
  /** The requester as they chose to be shown: their name, their organisation's, or null. */
  requester: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export type RegisterFilters = Omit<RegisterQuery, "sort" | "page" | "pageSize">;
type RequestsExpressions = ExpressionBuilder<Database & { r: Database["requests"] }, "r">;

/**
 * Requests (`r`) with what every public list of them shows, the requester only as they chose
 * (never the e-mail address); each list selects its further columns.
 */
export function publicRequests() {
  return db
    .selectFrom("requests as r")
    .leftJoin("users as u", "u.id", "r.requester_user_id")
    .select((eb) => ["r.id", "r.number", "r.title", "r.status", "r.kind", "r.tags", "r.created_at", requesterShown(eb).as("requester")])
    .where(isPublicRequest("r"));
}

/** One page of the register with its total, for `GET /api/requests`. */
export async function listRequests(query: RegisterQuery) {
  const tsquery = await textQuery(query.text);
  const [entries, total] = await Promise.all([pageOf(query, tsquery), countRequests(query, tsquery)]);
  return { requests: entries, total, page: query.page, pageSize: query.pageSize };
}

/**
 * The register page: one page, the counts per status and per tag under the other filters (so a
 * visitor sees how many duplicates or rejected requests there are before asking for them), and the
 * organisations to filter by.
 */
export async function getRequestRegister(query: RegisterQuery) {
  const tsquery = await textQuery(query.text);
  // The facets and the organisations are the same for every visitor asking with the same filters:
  // visitors arriving together share one query (issue 7: 50 at once on `/requests` each counted
  // the tags of all 10,000 requests). Nothing is cached: the next visitor after it asks afresh.
  const facetKey = JSON.stringify([query.statuses, query.kommunkoder, query.kinds, query.tags, tsquery]);
  const organisationsQuery = shared("organisations", listTargetOrganisations);
  const [entries, statusCounts, tagCounts, organisations] = await Promise.all([
    pageOf(query, tsquery, organisationsQuery),
    shared(`status ${facetKey}`, () => countByStatus(query, tsquery)),
    shared(`tag ${facetKey}`, () => countByTag(query, tsquery)),
    organisationsQuery,
  ]);
  // The status counts are under every other filter, so the total is theirs for the statuses shown.
  const shown = effectiveStatuses(query.statuses);
  const total = statusCounts.filter((c) => shown.includes(c.value as RequestStatus)).reduce((sum, c) => sum + c.count, 0);
  return {
    requests: entries,
    total,
    page: query.page,
    pageSize: query.pageSize,
    facets: { status: statusCounts, tag: tagCounts },
    organisations,
  };
}

const inFlight = new Map<string, Promise<unknown>>();

/** One query for every caller that asks for `key` while it runs; a caller after it starts another. */
function shared<T>(key: string, run: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = run().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}

/** The region first, then the municipalities by name: the organisations a request can ask. */
export async function listTargetOrganisations() {
  const rows = await db
    .selectFrom("organisations")
    .select(["name", "kommunkod", "type"])
    .where("type", "in", targetableOrganisationTypes)
    .where("kommunkod", "is not", null)
    .orderBy("name")
    .execute();
  return rows
    .map((row) => ({ name: row.name, kommunkod: row.kommunkod!, type: row.type as TargetableOrganisationType }))
    .sort((a, b) => Number(b.type === "region") - Number(a.type === "region"));
}

function effectiveStatuses(statuses: RequestStatus[]): RequestStatus[] {
  return statuses.length > 0 ? statuses : requestStatuses.filter((status) => !(HIDDEN_BY_DEFAULT as readonly string[]).includes(status));
}

/**
 * The text as a prefix query on the requests' own full-text index (`requests_text_unaccented_idx`:
 * the title and body in `fraga_simple`, unaccented and not stemmed). The register filters, sorts
 * and pages in SQL with live vote and comment counts, which the search engine's index does not
 * hold (reindexing a request on every vote would churn it), so the text is one more SQL filter
 * here, and the engine stays for matching by meaning (`/api/match`). Each word is cut to its
 * Swedish stem and matched as a prefix: "badplatser" → badplats:* finds "badplats", "badplatsen",
 * "badplatser". The plain Swedish stemmer (not fraga_swedish) stems the word as typed, å, ä and ö
 * kept, so the stem is a prefix of the word; unaccented, of the unaccented word the index holds,
 * and "Boras" finds "Borås" as "Borås" does. A stem of fewer than SHORT_STEM letters cut from a
 * longer word would be the prefix of too many ("boras" stems to "bor": bort, bord, Borlänge), so
 * the word is kept whole. Stop words are dropped, typed with or without diacritics ("pa", "ar").
 * Every word must occur (AND): the register narrows, it does not rank.
 */
export async function textQuery(text: string): Promise<string | null> {
  if (!text.trim()) return null;
  // Raw SQL: Kysely has no builder for text search functions. ts_debug gives each word with its stems.
  const { rows } = await sql<{ lexeme: string }>`
    SELECT DISTINCT unaccent(CASE WHEN length(stem) < ${SHORT_STEM} AND length(stem) < length(w.token) THEN lower(w.token) ELSE stem END) AS lexeme
    FROM ts_debug('swedish', ${text.slice(0, 1000)}) AS w, unnest(w.lexemes) AS stem
    WHERE NOT unaccent(lower(w.token)) = ANY(${STOP_WORD_LIST}::text[])
    ORDER BY 1
    LIMIT 32`.execute(db);
  if (rows.length === 0) return null;
  return rows.map(({ lexeme }) => `'${lexeme.replaceAll("\\", "\\\\").replaceAll("'", "''")}':*`).join(" & ");
}

/** A stem shorter than this, cut from a longer word, is searched as the whole word. */
const SHORT_STEM = 4;

/** The matcher's stop words as one array, bound to every register search's query. */
const STOP_WORD_LIST = [...STOP_WORDS];

/** The filters as a WHERE clause on `requests as r`; `except` leaves one out for its facet counts. */
export function filtersOf(filters: RegisterFilters, tsquery: string | null, except?: "status" | "tag") {
  return (eb: RequestsExpressions) => {
    // Every list, count and file of the register shows only what anyone may see (ADR 040).
    const conditions: Expression<SqlBool>[] = [isPublicRequest("r")];
    if (except !== "status") {
      conditions.push(filters.statuses.length > 0 ? eb("r.status", "in", filters.statuses) : eb("r.status", "not in", HIDDEN_BY_DEFAULT));
    }
    if (filters.kinds.length > 0) conditions.push(eb("r.kind", "in", filters.kinds));
    if (except !== "tag" && filters.tags.length > 0) conditions.push(eb("r.tags", "&&", sql<string[]>`${filters.tags}::text[]`));
    if (filters.kommunkoder.length > 0) conditions.push(askedOf(eb, filters.kommunkoder));
    if (tsquery !== null) {
      // Raw SQL: the expression must be the index's own (requests_text_unaccented_idx) for the index to be used.
      conditions.push(eb(sql`to_tsvector('fraga_simple', r.title || ' ' || r.body)`, "@@", sql`to_tsquery('fraga_simple', ${tsquery})`));
    }
    return eb.and(conditions);
  };
}

/**
 * Requests asked of an organisation with one of the kommunkoder: chosen as a target, or of a type
 * its request's scope asks as a whole (targetTypesOf: a municipality is asked by "all", the region
 * by "region").
 */
function askedOf(eb: RequestsExpressions, kommunkoder: string[]) {
  const organisations = eb.selectFrom("organisations as o").select("o.id").where("o.kommunkod", "in", kommunkoder);
  return eb.or([
    eb.exists(
      eb
        .selectFrom("request_targets as t")
        .select(sql`1`.as("one"))
        .whereRef("t.request_id", "=", "r.id")
        .where("t.organisation_id", "in", organisations),
    ),
    ...targetScopes
      .filter((scope) => scope !== "chosen")
      .map((scope) => eb.and([eb("r.target_scope", "=", scope), eb.exists(organisations.where("o.type", "in", targetTypesOf[scope]))])),
  ]);
}

async function pageOf(
  query: RegisterQuery,
  tsquery: string | null,
  organisationsQuery?: ReturnType<typeof listTargetOrganisations>,
): Promise<RegisterEntry[]> {
  // The page's ids first, from the requests table alone, then their details: a sort that cannot
  // follow an index (longest waiting, recently answered) then orders a few narrow rows per request
  // instead of joining every matching request to its requester before the LIMIT.
  let ordered = db.selectFrom("requests as r").select("r.id").where(filtersOf(query, tsquery));
  switch (query.sort) {
    case "votes":
      ordered = ordered.orderBy("r.vote_count", "desc").orderBy("r.created_at", "desc");
      break;
    case "newest":
      ordered = ordered.orderBy("r.created_at", "desc");
      break;
    case "oldest_open":
      // Waiting requests first, the longest-waiting on top; the rest after them, oldest first.
      ordered = ordered
        .orderBy((eb) => eb.case().when("r.status", "in", WAITING_STATUSES).then(0).else(1).end())
        .orderBy("r.created_at", "asc");
      break;
    case "recently_answered":
      // Raw SQL: Kysely's orderBy has no NULLS LAST; unanswered requests go after the answered ones.
      ordered = ordered.orderBy(sql`r.answered_at DESC NULLS LAST`).orderBy("r.created_at", "desc");
      break;
  }
  const ids = (
    await ordered
      // The number breaks ties, so pages never overlap or skip a request.
      .orderBy("r.number", query.sort === "oldest_open" ? "asc" : "desc")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute()
  ).map((row) => row.id);
  if (ids.length === 0) return [];

  const rows = await publicRequests()
    .select(["r.vote_count", "r.comment_count", "r.answered_at", "r.target_scope"])
    .where("r.id", "in", ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const page = ids.flatMap((id) => byId.get(id) ?? []);

  const targets = await targetsOf(page, organisationsQuery);
  return page.map((row) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    status: row.status,
    kind: row.kind,
    votes: row.vote_count,
    comments: row.comment_count,
    createdAt: row.created_at,
    answeredAt: row.answered_at,
    tags: row.tags,
    targetScope: row.target_scope,
    targets: targets(row),
    requester: row.requester ?? null,
  }));
}

/** Whom each request asks: its chosen organisations; the region; or every VG municipality. */
async function targetsOf(
  page: { id: string; target_scope: TargetScope }[],
  organisationsQuery?: ReturnType<typeof listTargetOrganisations>,
) {
  const chosenIds = page.filter((row) => row.target_scope === "chosen").map((row) => row.id);
  const needsOrganisations = page.some((row) => row.target_scope !== "chosen");
  const [chosen, organisations] = await Promise.all([
    chosenIds.length
      ? db
          .selectFrom("request_targets as t")
          .innerJoin("organisations as o", "o.id", "t.organisation_id")
          .select(["t.request_id", "o.name", "o.kommunkod"])
          .where("t.request_id", "in", chosenIds)
          .orderBy("o.name")
          .execute()
      : Promise.resolve([]),
    needsOrganisations ? (organisationsQuery ?? listTargetOrganisations()) : Promise.resolve([]),
  ]);
  const asked = new Map(
    targetScopes.map((scope) => [scope, organisationsAsked(scope, organisations).map(({ name, kommunkod }) => ({ name, kommunkod }))]),
  );
  return (row: { id: string; target_scope: TargetScope }): RegisterTarget[] =>
    row.target_scope === "chosen"
      ? chosen.filter((t) => t.request_id === row.id).map(({ name, kommunkod }) => ({ name, kommunkod }))
      : asked.get(row.target_scope)!;
}

async function countRequests(filters: RegisterFilters, tsquery: string | null) {
  const row = await db
    .selectFrom("requests as r")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where(filtersOf(filters, tsquery))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function countByStatus(filters: RegisterFilters, tsquery: string | null): Promise<FacetCount[]> {
  const rows = await db
    .selectFrom("requests as r")
    .select((eb) => ["r.status", eb.fn.countAll<number>().as("count")])
    .where(filtersOf(filters, tsquery, "status"))
    .groupBy("r.status")
    .execute();
  return rows.map((row) => ({ value: row.status, count: Number(row.count) }));
}

/** The most used tags among the requests the other filters find. */
async function countByTag(filters: RegisterFilters, tsquery: string | null, limit = 30): Promise<FacetCount[]> {
  // unnest in the select list (one call per request) costs about half of a lateral join to it.
  const tags = db
    .selectFrom("requests as r")
    .select(sql<string>`unnest(r.tags)`.as("tag"))
    .where(filtersOf(filters, tsquery, "tag"));
  // Raw SQL: grouping the unnested tags is clearer written out than built.
  const { rows } = await sql<FacetCount>`
    SELECT tag AS value, count(*)::int AS count FROM (${tags}) AS tags
    GROUP BY tag ORDER BY count(*) DESC, tag LIMIT ${limit}`.execute(db);
  return rows;
}
