import { sql, type Kysely } from "kysely";
import { isPublicRequest } from "../../db/request-visibility";
import type { Database } from "../../db/schema";
import type { Concept } from "../language/concepts";
import { MATCHABLE_REQUEST_STATUSES, type MatchedRequest } from "../engines/engine";
import { scoreCandidates, type Candidate } from "./scoring";
import { alignedLexicalScore } from "./calibration";
import { isUuid } from "../../db/uuid";

/**
 * Earlier requests that ask what a new request asks, for "support this request instead". Both
 * engines find the candidates their own way and end here, so the two score requests alike.
 *
 * The score is the datasets' (search/matching/scoring.ts), computed over the request candidates alone: the
 * weighted share of the new request's concepts an earlier request expresses, and where. Municipality
 * awareness reads the earlier request's targets from the database, because an index document has
 * one publisher and a request may ask several municipalities or all of them: an earlier request
 * that asks the named municipality (or all municipalities) is in scope; one that asks only others
 * scores as another municipality's dataset would (never a good match); one asked of the region
 * counts as the wider area.
 *
 * Number, status and votes come from the database as it is now, not from the index, and a request
 * whose status has moved on (duplicate, rejected, withdrawn, closed) is dropped even before the
 * outbox has taken it out of the index.
 */

const REQUEST_DOCUMENT_PREFIX = "request:";

export async function scoreRequestCandidates(
  db: Kysely<Database>,
  concepts: Concept[],
  candidates: Candidate[],
  options: { kommunkoder: string[]; limit: number },
): Promise<MatchedRequest[]> {
  const entityIds = candidates.map((c) => c.id.slice(REQUEST_DOCUMENT_PREFIX.length)).filter((id) => isUuid(id));
  if (concepts.length === 0 || entityIds.length === 0) return [];
  const scoped = options.kommunkoder.length > 0;
  const rows = await db
    .selectFrom("requests")
    .select(["id", "number", "title", "status", "vote_count", "target_scope"])
    // One array parameter rather than hundreds of IN placeholders: the planner then uses the key.
    .where("id", "=", sql<string>`ANY(${entityIds}::uuid[])`)
    .where("status", "in", MATCHABLE_REQUEST_STATUSES)
    // Held for review (ADR 040): never suggested, even if the index still held it.
    .where(isPublicRequest("requests"))
    .execute();
  const requests = new Map(rows.map((row) => [`${REQUEST_DOCUMENT_PREFIX}${row.id}`, row]));
  // A request to every municipality asks each of them: its 49 target rows say nothing more.
  const withTargets = scoped ? rows.filter((row) => row.target_scope !== "all").map((row) => row.id) : [];
  const targets = withTargets.length
    ? await db
        .selectFrom("request_targets as t")
        .innerJoin("organisations as o", "o.id", "t.organisation_id")
        .select(["t.request_id", "o.kommunkod"])
        .where("t.request_id", "=", sql<string>`ANY(${withTargets}::uuid[])`)
        .execute()
    : [];
  const askedOf = new Map<string, (string | null)[]>();
  for (const target of targets) askedOf.set(target.request_id, [...(askedOf.get(target.request_id) ?? []), target.kommunkod]);

  const current: Candidate[] = [];
  for (const candidate of candidates) {
    const request = requests.get(candidate.id);
    if (!request) continue;
    let kommunkod = candidate.publisherKommunkod;
    if (scoped) {
      kommunkod = scopeKommunkod(request.target_scope, askedOf.get(request.id) ?? [], options.kommunkoder);
    }
    current.push({ ...candidate, title: request.title, publisherKommunkod: kommunkod });
  }

  return scoreCandidates(concepts, current, { kommunkoder: options.kommunkoder })
    .slice(0, options.limit)
    .map((hit) => {
      const request = requests.get(hit.id)!;
      return {
        id: request.id,
        number: request.number,
        title: request.title,
        status: request.status as MatchedRequest["status"],
        votes: request.vote_count,
        // On the datasets' scale (ADR 034): the threshold means the same for earlier requests.
        score: alignedLexicalScore(hit.score),
      };
    });
}

/**
 * The kommunkod the scoring should see for an earlier request, given the municipalities the new
 * request names: one of those when the earlier request asks it, else what it does ask.
 */
function scopeKommunkod(scope: "all" | "chosen" | "region", asked: (string | null)[], named: string[]): string | null {
  // SCB kommunkoder of municipalities have four digits; the region's county code has two.
  const municipality = (code: string | null) => code !== null && code.length === 4;
  if (scope === "all") return named.find(municipality) ?? null;
  const both = named.find((code) => asked.includes(code));
  if (both) return both;
  if (scope === "region") return asked.find((code) => code !== null && !municipality(code)) ?? null;
  // Asked of the region among others: the wider area; of other municipalities only: the first of
  // them (another municipality's, out of scope).
  return asked.find((code) => code !== null && !municipality(code)) ?? asked.find(municipality) ?? null;
}
