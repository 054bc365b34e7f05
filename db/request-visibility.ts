import { sql, type RawBuilder } from "kysely";

/**
 * Who may see a request: the one rule (issue 13, ADR 040). Requests are public documents from the
 * moment they are submitted, unless coordinators publish only after triage: then a new request is
 * held for review, and until triage routes it only its requester and coordinators see it — not the
 * register, its feeds and files, the API, the catalogue, the home page's figures or the matcher's
 * suggestions to others. Every query that shows requests to someone takes its condition from here,
 * in SQL, so a list, a count and the search index cannot disagree. It lives in db/ because both
 * the app's models and the search index (search/ imports only db/) need it.
 *
 * `alias` is the query's name for the requests table ("requests", "r").
 */

/** Who is looking: a visitor (no user), a signed-in user, or someone who sees held requests (a coordinator). */
export interface RequestViewer {
  userId: string | null;
  seesHeld: boolean;
}

export const PUBLIC_VIEWER: RequestViewer = { userId: null, seesHeld: false };

/** A request anyone may see. */
export function isPublicRequest(alias = "requests"): RawBuilder<boolean> {
  return sql<boolean>`NOT ${sql.ref(`${alias}.held_for_review`)}`;
}

/** A request this viewer may see: a public one, their own, or any at all for a coordinator. */
export function isVisibleRequest(viewer: RequestViewer, alias = "requests"): RawBuilder<boolean> {
  if (viewer.seesHeld) return sql<boolean>`TRUE`;
  if (viewer.userId === null) return isPublicRequest(alias);
  return sql<boolean>`(NOT ${sql.ref(`${alias}.held_for_review`)} OR ${sql.ref(`${alias}.requester_user_id`)} = ${viewer.userId})`;
}
