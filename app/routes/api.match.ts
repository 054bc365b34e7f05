import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "../../search/engines/engine";
import { findExistingAnswers } from "../models/match.server";

// API clients are programs and their developers: Swedish first, with English.
const LIMIT_MESSAGE = `limit måste vara ett heltal från 1 till ${MAX_MATCH_LIMIT} (limit must be a whole number from 1 to ${MAX_MATCH_LIMIT})`;

const matchQuery = z.object({
  q: z.string({ error: "q (frågans text) saknas (q, the request text, is required)" }),
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
