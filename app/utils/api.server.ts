import type { LoaderFunctionArgs } from "@remix-run/node";
import etag from "etag";
import fresh from "fresh";
import { z } from "zod";
import { config } from "../../db/config.server";
import type { Locale } from "../../db/schema";
import { createRateLimit, type RateLimit } from "../auth/rate-limit.server";
import { acceptedLocale, apiIssue, apiText } from "../i18n/api-locale";
import { localeCookie } from "../i18n/locale.server";
import type { ApiEndpoint } from "../schemas/api/common.server";
import { portalOrigin } from "./origin.server";
import { SEARCH_RETRY_AFTER_SECONDS } from "./http.server";
import { SearchUnavailableError } from "../../search/engines/engine";
import { addressKey } from "../auth/throttle.server";

/**
 * Every endpoint of the public API answers through here (ADR 037), so they all behave alike: the
 * per-address rate limit (429 with Retry-After), the query checked against the endpoint's own zod
 * schema (an unknown parameter is a 400 naming the known ones), the answer checked against its
 * response schema (only what the description promises leaves the server), a weak ETag from the
 * body and a Last-Modified, and 304 for a client whose copy is current. Messages are in the
 * language the caller chose (the portal's language cookie, then Accept-Language), else Swedish
 * with English in brackets. CORS headers are the HTTP server's (app/utils/api-cors.server.ts).
 *
 * Answers are the same for everyone: no cookie is read for data, so nothing private can be
 * cached or shared, and every answer is what a visitor without an account sees.
 */

export interface ApiContext {
  /** The portal's origin, for the absolute links in answers. */
  origin: string;
}

/** The caller's language, or null for one who named none. */
export async function apiLocale(request: Request): Promise<Locale | null> {
  const chosen = await localeCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (chosen === "sv" || chosen === "en") return chosen;
  return acceptedLocale(request.headers.get("Accept-Language"));
}

export async function apiError(request: Request, status: number, tokens: string[], headers: Record<string, string> = {}) {
  const locale = await apiLocale(request);
  const error = [...new Set(tokens.map((token) => apiText(token, locale)))].join("; ");
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

const limits = new Map<number, RateLimit>();

/** The API's limit per address and minute as set (API_RATE_LIMIT), or null for none. */
export function apiRateLimitPerMinute() {
  return config().apiRateLimitPerMinute;
}

/**
 * Seconds until the address may ask again, or 0 (counted). The limit is read from the settings each time, so a test may change it.
 * Counted in this process's memory (ADR 046): a read limit that guards this process's CPU, where a
 * PostgreSQL write per request cost a third of /api/match's throughput; with several processes an
 * address gets the limit at each.
 */
export async function apiRetryAfter(clientAddress: string) {
  const perMinute = apiRateLimitPerMinute();
  if (perMinute === null) return 0;
  let limit = limits.get(perMinute);
  if (!limit) {
    limit = createRateLimit({ name: `api-${perMinute}`, points: perMinute, durationSeconds: 60, store: "memory" });
    limits.set(perMinute, limit);
  }
  // By the address as every limit counts it: an IPv6 address with the rest of its /64.
  return limit.consumeSeconds(addressKey(clientAddress));
}

/** The 429 of every /api/* route, or null when the address may go on. */
export async function refuseOverLimit(request: Request, clientAddress: string) {
  const seconds = await apiRetryAfter(clientAddress);
  if (seconds === 0) return null;
  return apiError(request, 429, [apiIssue("api.rateLimited", { seconds })], { "Retry-After": String(seconds) });
}

/** The 503 of every /api/* route whose search engine did not answer; anything else is rethrown (the 500, logged). */
export async function searchUnavailableOr(request: Request, error: unknown) {
  if (!(error instanceof SearchUnavailableError)) throw error;
  return apiError(request, 503, [apiIssue("api.searchUnavailable", { seconds: SEARCH_RETRY_AFTER_SECONDS })], {
    "Retry-After": String(SEARCH_RETRY_AFTER_SECONDS),
  });
}

/** RFC 9110 entity tags, comma-separated, or `*`. */
const ENTITY_TAGS = /^\s*(\*|(W\/)?"[\x21\x23-\x7e\x80-\xff]*"(\s*,\s*(W\/)?"[\x21\x23-\x7e\x80-\xff]*")*)\s*$/;

/** A schema field's inner type, past `.default()`, `.optional()` and `.meta()`. */
function isList(schema: z.ZodType): boolean {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner instanceof z.ZodArray;
}

/**
 * The query as the endpoint's schema reads it: a list field from every repeat and comma, any other
 * from its one value; an empty value is as if it were absent (a form's empty field).
 */
function queryInput(params: URLSearchParams, schema: z.ZodObject) {
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const values = params.getAll(name).filter((value) => value !== "");
    if (isList(field as z.ZodType)) {
      input[name] = [
        ...new Set(
          values
            .flatMap((value) => value.split(","))
            .map((value) => value.trim())
            .filter(Boolean),
        ),
      ];
    } else if (values.length > 0) {
      input[name] = values[0];
    }
  }
  return input;
}

/** The last time each address answered with its current body: the Last-Modified of a body that has not changed since. */
const lastModifiedOf = new Map<string, { tag: string; seconds: number }>();
const REMEMBERED = 5_000;

/**
 * When this process first served this exact body at this address. A new body gets a time after
 * the previous one's even within the same second, so `If-Modified-Since` never keeps a changed
 * answer; a restart starts later, which only costs one full answer.
 */
function lastModified(key: string, tag: string) {
  const known = lastModifiedOf.get(key);
  if (known?.tag === tag) return known.seconds;
  const seconds = Math.max(Math.floor(Date.now() / 1000), (known?.seconds ?? 0) + 1);
  lastModifiedOf.delete(key);
  lastModifiedOf.set(key, { tag, seconds });
  if (lastModifiedOf.size > REMEMBERED) lastModifiedOf.delete(lastModifiedOf.keys().next().value!);
  return seconds;
}

/**
 * The validators of an answer whose entity tag is `tag`: its headers, and whether the client's copy
 * is current (then the answer is a 304 with these headers and no body).
 */
export function validators(request: Request, tag: string, options: { inReadersLanguage?: boolean } = {}) {
  const url = new URL(request.url);
  const modified = new Date(lastModified(`${url.pathname}${url.search}`, tag) * 1000).toUTCString();
  const headers: Record<string, string> = {
    ETag: tag,
    "Last-Modified": modified,
    // A client may keep it, but asks again each time (with its validators) before using it.
    "Cache-Control": "public, no-cache",
    // Data is the same for everyone; only a text in the reader's language (the OpenAPI document) differs by these.
    ...(options.inReadersLanguage ? { Vary: "Accept-Language, Cookie" } : {}),
  };
  const requestHeaders = {
    "if-none-match": request.headers.get("If-None-Match") ?? undefined,
    "if-modified-since": request.headers.get("If-Modified-Since") ?? undefined,
  };
  return { headers, current: fresh(requestHeaders, { etag: tag, "last-modified": modified }) };
}

/**
 * JSON that says its length: the HTTP server sends a small answer as it is instead of compressing
 * it (server.ts; ADR 036, 2026-12-01).
 */
export function jsonWithLength(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return new Response(bytes, {
    status: init.status ?? 200,
    headers: { ...init.headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": String(bytes.byteLength) },
  });
}

/** 200 with validators, or 304 when the client's copy is the current one. */
export function cachedJson(request: Request, body: unknown, options: { inReadersLanguage?: boolean } = {}) {
  const text = JSON.stringify(body);
  const { headers, current } = validators(request, etag(text, { weak: true }), options);
  if (current) return new Response(null, { status: 304, headers });
  const bytes = new TextEncoder().encode(text);
  return new Response(bytes, {
    status: 200,
    headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "Content-Length": String(bytes.byteLength) },
  });
}

/** The checks before an endpoint reads anything: rate limit, malformed address or validators. Null when all pass. */
export async function refuseApiRequest(args: Pick<LoaderFunctionArgs, "request" | "context">, allowed: readonly string[]) {
  const { request } = args;
  const refused = await refuseOverLimit(request, args.context.clientAddress);
  if (refused) return refused;
  const params = new URL(request.url).searchParams;
  for (const [name, value] of params) {
    if (name.includes("\u0000") || value.includes("\u0000")) return apiError(request, 400, [apiIssue("api.nul")]);
  }
  const unknown = [...new Set([...params.keys()].filter((name) => !allowed.includes(name)))];
  if (unknown.length > 0) {
    return apiError(request, 400, [
      apiIssue("api.unknownQueryParameter", { names: unknown.join(", ").slice(0, 200), known: allowed.join(", ") || "–" }),
    ]);
  }
  const ifNoneMatch = request.headers.get("If-None-Match");
  if (ifNoneMatch !== null && !ENTITY_TAGS.test(ifNoneMatch)) return apiError(request, 400, [apiIssue("api.ifNoneMatch")]);
  const ifModifiedSince = request.headers.get("If-Modified-Since");
  if (ifModifiedSince !== null && Number.isNaN(Date.parse(ifModifiedSince)))
    return apiError(request, 400, [apiIssue("api.ifModifiedSince")]);
  return null;
}

/** The query read by the schema, or the 400 saying what is wrong. */
export async function parseApiQuery<S extends z.ZodObject>(request: Request, schema: S): Promise<z.output<S> | Response> {
  const query = schema.safeParse(queryInput(new URL(request.url).searchParams, schema));
  if (!query.success)
    return apiError(
      request,
      400,
      query.error.issues.map((issue) => issue.message),
    );
  return query.data;
}

/**
 * The loader of one endpoint: `load` gets the parsed query and path parameters and returns the
 * answer, or null for "no such thing" (404).
 */
export function apiLoader<E extends ApiEndpoint>(
  endpoint: E,
  load: (
    input: {
      query: z.output<E["query"]>;
      params: E["params"] extends z.ZodObject ? z.output<E["params"]> : Record<string, never>;
    },
    context: ApiContext,
  ) => Promise<z.input<E["response"]> | null>,
) {
  return async (args: LoaderFunctionArgs): Promise<Response> => {
    const { request } = args;
    const refused = await refuseApiRequest(args, Object.keys(endpoint.query.shape));
    if (refused) return refused;
    const params = endpoint.params ? endpoint.params.safeParse(args.params) : { success: true as const, data: {} };
    // A path that names nothing this API could hold is not found, like a request number that does not exist.
    if (!params.success) return apiError(request, 404, [apiIssue("api.notFound")]);
    const query = await parseApiQuery(request, endpoint.query);
    if (query instanceof Response) return query;
    let body: Awaited<ReturnType<typeof load>>;
    try {
      body = await load({ query: query as z.output<E["query"]>, params: params.data as never }, { origin: portalOrigin(request) });
    } catch (error) {
      return searchUnavailableOr(request, error);
    }
    if (body === null) return apiError(request, 404, [apiIssue("api.notFound")]);
    // Strips whatever the description does not name, and fails loudly (a 500, logged) on an answer that breaks it.
    return cachedJson(request, endpoint.response.parse(body));
  };
}
