import type { MatchResult } from "./engine";
import { getSearchEngine } from "./select-engine.server";

/**
 * What already answers a request, as the requester writes it: datasets, and earlier requests that
 * can still be supported; survey answers join when they are indexed (their list is empty until then).
 */
export async function matchRequestText(text: string, options: { limit?: number } = {}): Promise<MatchResult> {
  return getSearchEngine().match(text, options);
}
