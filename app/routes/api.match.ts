import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "../../search/engines/engine";
import { apiMessage } from "../i18n/api-message";
import { findExistingAnswers } from "../models/match.server";

const LIMIT_MESSAGE = apiMessage("api.limit", { max: MAX_MATCH_LIMIT });

const matchQuery = z.object({
  q: z.string({ error: apiMessage("api.qRequired") }),
  limit: z.coerce
    .number({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(MAX_MATCH_LIMIT, LIMIT_MESSAGE)
    .default(DEFAULT_MATCH_LIMIT),
});

/**
 * `GET /api/match?q=<text>&limit=<n>`: what already answers a request (DESIGN.md, "Contracts").
 * Public, like the catalogue it searches.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const parsed = matchQuery.safeParse({ q: params.get("q") ?? undefined, limit: params.get("limit") ?? undefined });
  if (!parsed.success) {
    return Response.json({ error: parsed.error.issues.map((issue) => issue.message).join("; ") }, { status: 400 });
  }
  return Response.json(await findExistingAnswers(parsed.data.q, { limit: parsed.data.limit }));
}
