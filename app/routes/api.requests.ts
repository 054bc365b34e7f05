import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiMessage } from "../i18n/api-message";
import { listRequests } from "../models/request-register.server";
import { requestsQuerySchema } from "../schemas/api.server";
import { hasNulParameter } from "../utils/form.server";
import { portalOrigin } from "../utils/origin.server";

/** A list parameter given repeated (`status=open&status=answered`) or comma-separated (`status=open,answered`). */
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

/**
 * `GET /api/requests`: the public register as JSON, paged (DESIGN.md, "Contracts"). Public, like
 * the register page; the requester appears only as they chose to be shown, never by e-mail.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (hasNulParameter(params)) {
    return Response.json({ error: apiMessage("api.nul") }, { status: 400 });
  }
  const parsed = requestsQuerySchema.safeParse({
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
