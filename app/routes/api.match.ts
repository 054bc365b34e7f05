import type { LoaderFunctionArgs } from "@remix-run/node";
import { findExistingAnswersOrBusy } from "../models/match.server";
import { matchQuerySchema } from "../schemas/api.server";
import { jsonWithLength, refuseOverLimit, searchUnavailableOr } from "../utils/api.server";

/**
 * `GET /api/match?q=<text>&limit=<n>`: what already answers a request (DESIGN.md, "Contracts").
 * Public, like the catalogue it searches. Over MATCHES_IN_FLIGHT matches at once: 503 with Retry-After;
 * over the API's per-address limit (ADR 037): 429 with Retry-After; the search engine not answering: 503 with Retry-After.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const refused = await refuseOverLimit(request, context.clientAddress);
  if (refused) return refused;
  const params = new URL(request.url).searchParams;
  const parsed = matchQuerySchema.safeParse({ q: params.get("q") ?? undefined, limit: params.get("limit") ?? undefined });
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((issue) => issue.message).join("; ") }, { status: 400 });
  }
  return findExistingAnswersOrBusy(parsed.data.q, { limit: parsed.data.limit }).then(jsonWithLength, (error: unknown) =>
    searchUnavailableOr(request, error),
  );
}
