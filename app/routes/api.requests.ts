import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiAlternatives, apiMessage } from "../i18n/api-message";
import { requestKinds, requestStatuses } from "../domain/requests";
import { listRequests, registerSorts } from "../models/request-register.server";
import { hasNulParameter } from "../utils/form.server";
import { portalOrigin } from "../utils/origin.server";

const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 10_000;
const PAGE_MESSAGE = apiMessage("api.page", { max: MAX_PAGE });
const PAGE_SIZE_MESSAGE = apiMessage("api.pageSize", { max: MAX_PAGE_SIZE });
const STATUS_MESSAGE = apiMessage("api.status", { values: requestStatuses.join(", ") });
const KIND_MESSAGE = apiAlternatives("api.kind", requestKinds);
const SORT_MESSAGE = apiMessage("api.sort", { values: registerSorts.join(", ") });
const KOMMUNKOD_MESSAGE = apiMessage("api.kommunkod");

const requestsQuery = z.object({
  q: z.string().max(1000, apiMessage("api.qTooLong", { max: 1000 })).default(""),
  status: z.array(z.enum(requestStatuses, { error: STATUS_MESSAGE })),
  kommunkod: z.array(z.string().regex(/^\d{2}(\d{2})?$/, KOMMUNKOD_MESSAGE)).max(60, KOMMUNKOD_MESSAGE),
  kind: z.array(z.enum(requestKinds, { error: KIND_MESSAGE })),
  tag: z.array(z.string().max(100, apiMessage("api.tagTooLong", { max: 100 }))).max(20),
  sort: z.enum(registerSorts, { error: SORT_MESSAGE }).default("votes"),
  page: z.coerce.number({ error: PAGE_MESSAGE }).int(PAGE_MESSAGE).min(1, PAGE_MESSAGE).max(MAX_PAGE, PAGE_MESSAGE).default(1),
  pageSize: z.coerce
    .number({ error: PAGE_SIZE_MESSAGE })
    .int(PAGE_SIZE_MESSAGE)
    .min(1, PAGE_SIZE_MESSAGE)
    .max(MAX_PAGE_SIZE, PAGE_SIZE_MESSAGE)
    .default(20),
});

/** A list parameter given repeated (`status=open&status=answered`) or comma-separated (`status=open,answered`). */
function listOf(params: URLSearchParams, name: string) {
  return [...new Set(params.getAll(name).flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean))];
}

/**
 * `GET /api/requests`: the public register as JSON, paged (DESIGN.md, "Contracts"). Public, like
 * the register page; the requester appears only as they chose to be shown, never by e-mail.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (hasNulParameter(params)) {
    return Response.json({ error: apiMessage("api.nul") }, { status: 400 });
  }
  const parsed = requestsQuery.safeParse({
    q: params.get("q") ?? undefined,
    status: listOf(params, "status"),
    kommunkod: listOf(params, "kommunkod"),
    kind: listOf(params, "kind"),
    tag: listOf(params, "tag"),
    sort: params.get("sort") ?? undefined,
    page: params.get("page") ?? undefined,
    pageSize: params.get("pageSize") ?? undefined,
  });
  if (!parsed.success) {
    return Response.json({ error: [...new Set(parsed.error.issues.map((issue) => issue.message))].join("; ") }, { status: 400 });
  }
  const input = parsed.data;
  const result = await listRequests({
    text: input.q,
    statuses: input.status,
    kommunkoder: input.kommunkod,
    kinds: input.kind,
    tags: input.tag,
    sort: input.sort,
    page: input.page,
    pageSize: input.pageSize,
  });
  const origin = portalOrigin(request);
  return Response.json({
    requests: result.requests.map((entry) => ({
      number: entry.number,
      title: entry.title,
      status: entry.status,
      kind: entry.kind,
      votes: entry.votes,
      comments: entry.comments,
      createdAt: entry.createdAt.toISOString(),
      answeredAt: entry.answeredAt?.toISOString() ?? null,
      targetScope: entry.targetScope,
      targets: entry.targets,
      tags: entry.tags,
      requester: entry.requester,
      url: new URL(`/requests/${entry.number}`, origin).href,
    })),
    page: result.page,
    pageSize: result.pageSize,
    total: result.total,
  });
}
