import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import type { Locale } from "../../../db/schema";
import { matchQuerySchema } from "../api.server";
import { isMessageKey, translate } from "../../i18n/translate";
import { apiErrorSchema, described, type ApiEndpoint } from "./common.server";
import { apiEndpoints } from "./endpoints.server";
import { matchResponse } from "./match.server";
import { timeSavedQuery } from "./time-saved.server";

/**
 * The OpenAPI 3.1 description of the public API, generated from the zod schemas the routes parse
 * and answer with (app/schemas/api), never kept by hand (ADR 037). Descriptions are message keys,
 * translated here into the reader's language.
 */

const errorResponse = (key: Parameters<typeof described>[0]) => ({
  description: key,
  content: { "application/json": { schema: apiErrorSchema } },
});

const commonHeaders = {
  ETag: { description: "apiDoc.header.etag", schema: { type: "string" as const } },
  "Last-Modified": { description: "apiDoc.header.lastModified", schema: { type: "string" as const } },
};

function register(registry: OpenAPIRegistry, endpoint: ApiEndpoint) {
  registry.registerPath({
    method: "get",
    path: endpoint.path,
    operationId: endpoint.id,
    summary: endpoint.summary,
    description: endpoint.description,
    request: { query: endpoint.query, ...(endpoint.params ? { params: endpoint.params } : {}) },
    responses: {
      200: { description: "apiDoc.response.ok", headers: commonHeaders, content: { "application/json": { schema: endpoint.response } } },
      304: { description: "apiDoc.response.notModified" },
      400: errorResponse("apiDoc.response.badRequest"),
      ...(endpoint.mayBeMissing ? { 404: errorResponse("apiDoc.response.notFound") } : {}),
      429: {
        ...errorResponse("apiDoc.response.tooMany"),
        headers: { "Retry-After": { description: "apiDoc.header.retryAfter", schema: { type: "integer" } } },
      },
      ...(endpoint.usesSearchEngine
        ? {
            503: {
              ...errorResponse("apiDoc.response.searchUnavailable"),
              headers: { "Retry-After": { description: "apiDoc.header.retryAfter", schema: { type: "integer" } } },
            },
          }
        : {}),
    },
  });
}

function buildRegistry() {
  const registry = new OpenAPIRegistry();
  for (const endpoint of apiEndpoints) register(registry, endpoint);
  registry.registerPath({
    method: "get",
    path: "/api/reports/time-saved.csv",
    operationId: "getTimeSavedLedgerCsv",
    summary: "apiDoc.timeSavedCsv.summary",
    description: "apiDoc.timeSavedCsv.description",
    request: { query: timeSavedQuery },
    responses: {
      200: { description: "apiDoc.response.ok", headers: commonHeaders, content: { "text/csv": { schema: z.string() } } },
      304: { description: "apiDoc.response.notModified" },
      400: errorResponse("apiDoc.response.badRequest"),
      429: errorResponse("apiDoc.response.tooMany"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/match",
    operationId: "match",
    summary: "apiDoc.match.summary",
    description: "apiDoc.match.description",
    request: { query: matchQuerySchema },
    responses: {
      200: {
        description: "apiDoc.response.ok",
        content: {
          "application/json": {
            schema: matchResponse,
          },
        },
      },
      400: errorResponse("apiDoc.response.badRequest"),
      429: errorResponse("apiDoc.response.tooMany"),
      503: errorResponse("apiDoc.response.busyOrSearchUnavailable"),
    },
  });
  return registry;
}

/** Every string under a `description`, `summary` or `title` that is a message key, in the language. */
function translated(value: unknown, locale: Locale): unknown {
  if (Array.isArray(value)) return value.map((entry) => translated(entry, locale));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [
      key,
      (key === "description" || key === "summary" || key === "title") && typeof entry === "string" && isMessageKey(entry)
        ? translate(locale, entry)
        : translated(entry, locale),
    ]),
  );
}

const documents = new Map<Locale, Record<string, unknown>>();

/** The document in one language; generated once per process (the schemas do not change while it runs). */
export function openApiDocument(locale: Locale, origin: string) {
  let document = documents.get(locale);
  if (!document) {
    const generated = new OpenApiGeneratorV31(buildRegistry().definitions).generateDocument({
      openapi: "3.1.0",
      info: {
        title: "apiDoc.info.title",
        version: "1.0.0",
        description: "apiDoc.info.description",
        license: { name: "CC0-1.0", identifier: "CC0-1.0" },
      },
    });
    document = translated(generated, locale) as Record<string, unknown>;
    documents.set(locale, document);
  }
  return { ...document, servers: [{ url: origin }] };
}
