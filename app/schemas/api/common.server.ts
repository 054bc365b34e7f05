import { z } from "zod";
import { apiIssue } from "../../i18n/api-locale";
import type { MessageKey } from "../../i18n/translate";

/**
 * What every endpoint of the public API shares (ADR 037): the paging of lists, the error body and
 * the description of an endpoint, which both its route (app/utils/api.server.ts) and the OpenAPI
 * document (openapi.server.ts) read. Descriptions are message keys: the document is written in
 * the reader's language from the catalogue, like every page.
 */

export const MAX_PAGE = 10_000;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** `.meta()` with a message key for its description. */
export const described = (key: MessageKey) => ({ description: key });

const PAGE = apiIssue("api.page", { max: MAX_PAGE });
const PAGE_SIZE = apiIssue("api.pageSize", { max: MAX_PAGE_SIZE });

/** `page` and `pageSize`, the same on every list: a page past the end is an empty page with its total. */
export const pagingQuery = {
  page: z.coerce.number({ error: PAGE }).int(PAGE).min(1, PAGE).max(MAX_PAGE, PAGE).default(1).meta(described("apiDoc.param.page")),
  pageSize: z.coerce
    .number({ error: PAGE_SIZE })
    .int(PAGE_SIZE)
    .min(1, PAGE_SIZE)
    .max(MAX_PAGE_SIZE, PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta(described("apiDoc.param.pageSize")),
};

/** One page of a list: `items`, and where it stands in the whole (`total` items under the filters). */
export function pageOf<T extends z.ZodType, E extends z.ZodRawShape = Record<never, never>>(item: T, id: string, extra?: E) {
  return z
    .object({
      items: z.array(item),
      page: z.int().min(1),
      pageSize: z.int().min(1),
      total: z.int().min(0).meta(described("apiDoc.field.total")),
      ...(extra as E),
    })
    .meta({ id, ...described("apiDoc.schema.page") });
}

/** Every 4xx and 5xx body of the API: one sentence saying what was wrong and what is allowed. */
export const apiErrorSchema = z.object({ error: z.string() }).meta({ id: "Error", ...described("apiDoc.schema.error") });

/** A list parameter: repeated (`status=open&status=answered`) or comma-separated (`status=open,answered`). */
export function listParameter<T extends z.ZodType>(item: T, maxItems: number, tooMany: string) {
  return z.array(item).max(maxItems, tooMany).default([]);
}

/** An ISO 8601 timestamp. */
export const timestamp = z.iso.datetime({ offset: true });
/** A calendar date, YYYY-MM-DD. */
export const calendarDate = z.iso.date();
/** Text in the languages a catalogue gave it, by language tag (`sv`, `en`; `""` when untagged). */
export const languageMap = z.record(z.string(), z.string()).meta({ id: "LanguageMap", ...described("apiDoc.schema.languageMap") });

export interface ApiEndpoint<
  Q extends z.ZodObject = z.ZodObject,
  P extends z.ZodObject | null = z.ZodObject | null,
  R extends z.ZodType = z.ZodType,
> {
  /** The OpenAPI path: `/api/requests/{number}`. */
  path: string;
  /** An operationId, and the key of its summary (`apiDoc.<id>.summary`) and description (`apiDoc.<id>.description`). */
  id: string;
  summary: MessageKey;
  description: MessageKey;
  query: Q;
  params: P;
  response: R;
  /** Whether the path names one thing that may not exist (404). */
  mayBeMissing: boolean;
  /** Whether the search engine answers it: 503 with Retry-After when it does not. */
  usesSearchEngine: boolean;
}
