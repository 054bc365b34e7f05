import type { MatchResult } from "../../search/engines/engine";
import { getSearchEngine } from "../../search/engines/select-engine.server";

/**
 * What already answers a request, as the requester writes it: datasets, and earlier requests that
 * can still be supported, and earlier answered survey questions.
 * A module of app/ so Remix keeps the search engine (and pg) out of the browser bundle: it only
 * strips `.server` modules inside app/.
 */
export async function findExistingAnswers(text: string, options: { limit?: number } = {}): Promise<MatchResult> {
  return getSearchEngine().match(text, options);
}
