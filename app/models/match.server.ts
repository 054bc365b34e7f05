import { MATCHED_TEXT_LENGTH, MAX_MATCH_LIMIT, type MatchResult } from "../../search/engines/engine";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { apiMessage } from "../i18n/api-message";
import { ConflictError } from "./errors.server";
import { acceptDatasetAsAnswer, type NewRequest } from "./request.server";

/**
 * What already answers a request, as the requester writes it: datasets, and earlier requests that
 * can still be supported, and earlier answered survey questions.
 * A module of app/ so Remix keeps the search engine (and pg) out of the browser bundle: it only
 * strips `.server` modules inside app/.
 */
export async function findExistingAnswers(text: string, options: { limit?: number } = {}): Promise<MatchResult> {
  inFlight += 1;
  try {
    return await getSearchEngine().match(text, options);
  } finally {
    inFlight -= 1;
  }
}

/**
 * Matches one process runs at once before `/api/match` turns more away (ADR 029). With two cores
 * and ~10–20 ms of CPU a match, 16 in flight answer within a few hundred milliseconds; a queue
 * beyond that would only make every requester wait seconds, and the panel asks again anyway.
 */
export const MATCHES_IN_FLIGHT = 16;
const RETRY_AFTER_SECONDS = 1;
let inFlight = 0;

/**
 * findExistingAnswers for the public API, which clients call as a requester types: when
 * MATCHES_IN_FLIGHT matches are already running, a 503 with Retry-After at once instead of a wait.
 */
export async function findExistingAnswersOrBusy(text: string, options: { limit?: number } = {}): Promise<MatchResult> {
  if (inFlight >= MATCHES_IN_FLIGHT) {
    throw Response.json(
      { error: apiMessage("api.busy", { seconds: RETRY_AFTER_SECONDS }) },
      { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
    );
  }
  return findExistingAnswers(text, options);
}

/** The accepted dataset is none the portal offers for the request's text (a hand-made form, or the text changed since). */
export class DatasetNotOfferedError extends ConflictError {
  constructor() {
    super("errors.datasetNotOffered");
  }
}

/**
 * The requester accepts a dataset the match offered as the answer to their text: checked against
 * what the portal offers for that text now (up to MAX_MATCH_LIMIT, for a ranking that moved a
 * little since the panel showed it), since the answer is recorded, learned from and credited to
 * the organisations in the time-saved ledger, which must not take any dataset a form names.
 */
export async function acceptOfferedDataset(input: {
  requesterUserId: string;
  request: NewRequest;
  datasetUri: string;
  /** The text the panel matched: the title and description as written. */
  matchedText: string;
}) {
  // The live panel matches the text's first MATCHED_TEXT_LENGTH characters, the check without JavaScript all of it.
  const offeredFor = async (text: string) =>
    (await findExistingAnswers(text, { limit: MAX_MATCH_LIMIT })).datasets.some((dataset) => dataset.uri === input.datasetUri);
  const whole = input.matchedText;
  const cut = whole.slice(0, MATCHED_TEXT_LENGTH);
  if (!(await offeredFor(cut)) && (cut === whole || !(await offeredFor(whole)))) throw new DatasetNotOfferedError();
  return acceptDatasetAsAnswer({ requesterUserId: input.requesterUserId, request: input.request, datasetUri: input.datasetUri });
}
