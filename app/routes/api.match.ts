import type { LoaderFunctionArgs } from "@remix-run/node";
import { findExistingAnswers } from "../models/match.server";
import { matchQuerySchema } from "../schemas/api.server";

/**
 * `GET /api/match?q=<text>&limit=<n>`: what already answers a request (DESIGN.md, "Contracts").
 * Public, like the catalogue it searches.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const parsed = matchQuerySchema.safeParse({ q: params.get("q") ?? undefined, limit: params.get("limit") ?? undefined });
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((issue) => issue.message).join("; ") }, { status: 400 });
  }
  return Response.json(await findExistingAnswers(parsed.data.q, { limit: parsed.data.limit }));
}
