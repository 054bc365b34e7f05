import { z } from "zod";
import { DEFAULT_MATCH_LIMIT, MAX_MATCH_LIMIT } from "../../search/engines/engine";
import { requestKinds, requestStatuses } from "../domain/requests";
import { apiAlternatives, apiMessage } from "../i18n/api-message";
import { registerSorts } from "../models/request-register.server";

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

const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 10_000;
const PAGE_MESSAGE = apiMessage("api.page", { max: MAX_PAGE });
const PAGE_SIZE_MESSAGE = apiMessage("api.pageSize", { max: MAX_PAGE_SIZE });
const STATUS_MESSAGE = apiMessage("api.status", { values: requestStatuses.join(", ") });
const KIND_MESSAGE = apiAlternatives("api.kind", requestKinds);
const SORT_MESSAGE = apiMessage("api.sort", { values: registerSorts.join(", ") });
const KOMMUNKOD_MESSAGE = apiMessage("api.kommunkod");

/** `GET /api/requests`: every message names what is allowed. */
export const requestsQuerySchema = z.object({
  q: z
    .string()
    .max(1000, apiMessage("api.qTooLong", { max: 1000 }))
    .default(""),
  status: z.array(z.enum(requestStatuses, { error: STATUS_MESSAGE })),
  kommunkod: z.array(z.string().regex(/^\d{2}(\d{2})?$/, KOMMUNKOD_MESSAGE)).max(60, KOMMUNKOD_MESSAGE),
  kind: z.array(z.enum(requestKinds, { error: KIND_MESSAGE })),
  tag: z.array(z.string().max(100, apiMessage("api.tagTooLong", { max: 100 }))).max(20),
  sort: z.enum(registerSorts, { error: SORT_MESSAGE }).default("votes"),
  page: z.coerce.number({ error: PAGE_MESSAGE }).int(PAGE_MESSAGE).min(1, PAGE_MESSAGE).max(MAX_PAGE, PAGE_MESSAGE).default(1),
  pageSize: z.coerce
    .number({ error: PAGE_SIZE_MESSAGE })
    .int(PAGE_SIZE_MESSAGE)
    .min(1, PAGE_SIZE_MESSAGE)
    .max(MAX_PAGE_SIZE, PAGE_SIZE_MESSAGE)
    .default(20),
});
