import { z } from "zod";
import { requestKinds, requestStatuses } from "../domain/requests";
import { apiAlternatives, apiMessage } from "../i18n/api-message";
import type { RegisterFilters } from "../models/request-register.server";

/**
 * The register's filter as the feed (`/requests.atom`) and the file (`/requests.csv`) take it:
 * the same names as the page and `GET /api/requests`, each list repeated or comma-separated.
 * Unlike the page, which drops what it does not know, these answer a wrong value or an unknown
 * parameter with 400 and a message naming what is allowed: a subscriber's typo would otherwise be
 * a feed that silently never matches (ADR 038).
 */
export const REGISTER_FILTER_PARAMETERS = ["q", "status", "kommunkod", "kind", "tag"] as const;
// The page's own parameters: a link copied from the register page still works.
const TOLERATED = ["sort", "page"];

const STATUS_MESSAGE = apiMessage("api.status", { values: requestStatuses.join(", ") });
const KIND_MESSAGE = apiAlternatives("api.kind", requestKinds);
const KOMMUNKOD_MESSAGE = apiMessage("api.kommunkod");

const registerFilterSchema = z.object({
  q: z.string().max(1000, apiMessage("api.qTooLong", { max: 1000 })),
  status: z.array(z.enum(requestStatuses, { error: STATUS_MESSAGE })).max(requestStatuses.length, STATUS_MESSAGE),
  kommunkod: z.array(z.string().regex(/^\d{2}(\d{2})?$/, KOMMUNKOD_MESSAGE)).max(60, KOMMUNKOD_MESSAGE),
  kind: z.array(z.enum(requestKinds, { error: KIND_MESSAGE })).max(requestKinds.length, KIND_MESSAGE),
  tag: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(100, apiMessage("api.tagTooLong", { max: 100 })),
    )
    .max(20),
});

function listOf(params: URLSearchParams, name: string) {
  return [
    ...new Set(
      params
        .getAll(name)
        .flatMap((value) => value.split(","))
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ];
}

export type RegisterFilterResult = { ok: true; filters: RegisterFilters } | { ok: false; message: string };

/** The filter of a feed or file address, or the message of a 400. */
export function parseRegisterFilter(params: URLSearchParams): RegisterFilterResult {
  const allowed = [...REGISTER_FILTER_PARAMETERS, ...TOLERATED];
  const unknown = [...new Set(params.keys())].find((name) => !allowed.includes(name));
  if (unknown !== undefined) {
    return {
      ok: false,
      message: apiMessage("api.unknownParameter", { name: unknown.slice(0, 50), allowed: REGISTER_FILTER_PARAMETERS.join(", ") }),
    };
  }
  const parsed = registerFilterSchema.safeParse({
    q: params.get("q") ?? "",
    status: listOf(params, "status"),
    kommunkod: listOf(params, "kommunkod"),
    kind: listOf(params, "kind"),
    tag: listOf(params, "tag"),
  });
  if (!parsed.success) return { ok: false, message: [...new Set(parsed.error.issues.map((issue) => issue.message))].join("; ") };
  const { q, status, kommunkod, kind, tag } = parsed.data;
  return { ok: true, filters: { text: q, statuses: status, kommunkoder: kommunkod, kinds: kind, tags: tag } };
}

/** The filter as a query string in a fixed order: the feed's id and self link, the page's feed link. */
export function registerFilterQuery(filters: { q?: string; status?: string[]; kommunkod?: string[]; kind?: string[]; tag?: string[] }) {
  const query = new URLSearchParams();
  if (filters.q?.trim()) query.set("q", filters.q.trim());
  for (const name of ["status", "kommunkod", "kind", "tag"] as const) {
    for (const value of [...(filters[name] ?? [])].sort()) query.append(name, value);
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** `/requests/<number>/events.atom`: a request number. */
export const requestNumberParam = z.coerce.number().int().min(1).max(2_147_483_647);
