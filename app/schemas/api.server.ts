import { z } from "zod";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "../../search/engines/engine";
import { apiMessage } from "../i18n/api-message";

// The APIs' messages are sentences from the message catalogue (Swedish, then English), not keys:
// a script reads them as they are.

const LIMIT_MESSAGE = apiMessage("api.limit", { max: MAX_MATCH_LIMIT });

/** A request pasted from a letter is read for its first words anyway; beyond this it is a mistake. */
const MAX_MATCH_TEXT = 10_000;

/** `GET /api/match`. */
export const matchQuerySchema = z.object({
  q: z.string({ error: apiMessage("api.qRequired") }).max(MAX_MATCH_TEXT, apiMessage("api.qTooLong", { max: MAX_MATCH_TEXT })),
  limit: z.coerce
    .number({ error: LIMIT_MESSAGE })
    .int(LIMIT_MESSAGE)
    .min(1, LIMIT_MESSAGE)
    .max(MAX_MATCH_LIMIT, LIMIT_MESSAGE)
    .default(DEFAULT_MATCH_LIMIT),
});

// The other endpoints' schemas, the paged lists among them, are in app/schemas/api/ (ADR 037).
