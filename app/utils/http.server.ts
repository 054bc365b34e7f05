import type { MessageKey } from "../i18n/translate";
import { ExpectedFailure } from "../models/errors.server";
import { SearchUnavailableError } from "../../search/engines/engine";

/**
 * The thrown responses of expected failures, in one place (ADR 016). The body is a message key
 * (or the status's name), which the shared error boundary tells in the reader's language.
 */
export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function badRequest(messageKey: MessageKey | "Bad Request" = "Bad Request"): never {
  throw new Response(messageKey, { status: 400, statusText: "Bad Request" });
}

export function conflict(messageKey: MessageKey): never {
  throw new Response(messageKey, { status: 409, statusText: "Conflict" });
}

/** How long a reader is asked to wait when the search engine does not answer. */
export const SEARCH_RETRY_AFTER_SECONDS = 5;

/** The search engine did not answer: the 503 page asking to try again shortly (through respondToFailure). */
function searchUnavailable(): never {
  throw new Response("datasets.searchUnavailable", {
    status: 503,
    statusText: "Service Unavailable",
    headers: { "Retry-After": String(SEARCH_RETRY_AFTER_SECONDS) },
  });
}

const thrower = { 400: badRequest, 403: forbidden, 404: notFound } as const;

/**
 * Narrows `value` or throws the status's response: `const source = invariantResponse(await
 * getCatalogueSource(id), 404)`. A query that finds nothing returns null; the route decides it is a 404.
 */
export function invariantResponse<T>(value: T, status: 400 | 403 | 404): NonNullable<T> {
  if (value === null || value === undefined) thrower[status]();
  return value as NonNullable<T>;
}

/**
 * An expected failure as its response, and the search engine not answering as the 503 page;
 * anything else is rethrown unchanged (the 500 page, logged).
 */
export function respondToFailure(error: unknown): never {
  if (error instanceof SearchUnavailableError) searchUnavailable();
  if (!(error instanceof ExpectedFailure)) throw error;
  if (error.status === 404) notFound();
  if (error.status === 403) forbidden();
  conflict(error.messageKey);
}
