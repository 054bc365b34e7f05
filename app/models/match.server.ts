import { matchRequestText } from "../../search/match.server";

/**
 * What already answers a request (datasets, earlier requests), for the new-request form. A module
 * of app/ so Remix keeps the search engine (and pg) out of the browser bundle: it only strips
 * `.server` modules inside app/.
 */
export const findExistingAnswers = matchRequestText;
