import { z } from "zod";
import { requesterShownAs, requestKinds, requestStatuses, targetScopes } from "../../domain/requests";
import { taskStatuses } from "../../domain/tasks";
import { apiIssue } from "../../i18n/api-locale";
import { registerSorts } from "../../models/request-register.server";
import { calendarDate, described, languageMap, listParameter, pageOf, pagingQuery, timestamp, type ApiEndpoint } from "./common.server";

/** `GET /api/requests` (the public register) and `GET /api/requests/{number}` (one request's public page). */

const STATUS = apiIssue("api.status", { values: requestStatuses.join(", ") });
const KIND = apiIssue("api.kindOf", { values: requestKinds.join(", ") });
const SORT = apiIssue("api.sort", { values: registerSorts.join(", ") });
const KOMMUNKOD = apiIssue("api.kommunkod");
const TAG = apiIssue("api.tagTooLong", { max: 100 });
const TOO_MANY = apiIssue("api.tooManyValues", { max: 60 });

export const requestsQuery = z.object({
  q: z
    .string()
    .max(1000, apiIssue("api.qTooLong", { max: 1000 }))
    .default("")
    .meta(described("apiDoc.requests.param.q")),
  status: listParameter(z.enum(requestStatuses, { error: STATUS }), 20, TOO_MANY).meta(described("apiDoc.requests.param.status")),
  kommunkod: listParameter(z.string().regex(/^\d{2}(\d{2})?$/, KOMMUNKOD), 60, TOO_MANY).meta(described("apiDoc.requests.param.kommunkod")),
  kind: listParameter(z.enum(requestKinds, { error: KIND }), 2, TOO_MANY).meta(described("apiDoc.requests.param.kind")),
  tag: listParameter(z.string().max(100, TAG), 20, TOO_MANY).meta(described("apiDoc.requests.param.tag")),
  sort: z.enum(registerSorts, { error: SORT }).default("votes").meta(described("apiDoc.requests.param.sort")),
  ...pagingQuery,
});

export const requestSummary = z
  .object({
    number: z.int().min(1),
    title: z.string(),
    status: z.enum(requestStatuses),
    kind: z.enum(requestKinds),
    votes: z.int().min(0),
    comments: z.int().min(0),
    createdAt: timestamp,
    answeredAt: timestamp.nullable(),
    targetScope: z.enum(targetScopes),
    targets: z.array(z.object({ name: z.string(), kommunkod: z.string().nullable() })),
    tags: z.array(z.string()),
    requester: z.string().nullable().meta(described("apiDoc.requests.field.requester")),
    url: z.url().meta(described("apiDoc.field.url")),
    apiUrl: z.url().meta(described("apiDoc.field.apiUrl")),
  })
  .meta({ id: "RequestSummary" });

export const requestsResponse = pageOf(requestSummary, "RequestPage");

export const requestsEndpoint = {
  path: "/api/requests",
  id: "listRequests",
  summary: "apiDoc.requests.summary",
  description: "apiDoc.requests.description",
  query: requestsQuery,
  params: null,
  response: requestsResponse,
  mayBeMissing: false,
  usesSearchEngine: false,
} satisfies ApiEndpoint;

/** Who did something, as the public page shows them: the requester only as they chose; no e-mail ever. */
const shownActor = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("requester"), shownAs: z.enum(requesterShownAs), name: z.string().nullable() }),
    z.object({ kind: z.literal("coordinator") }),
    z.object({ kind: z.literal("system") }),
    z.object({ kind: z.literal("person"), name: z.string() }),
    z.object({ kind: z.literal("former_user") }),
  ])
  .meta({ id: "ShownActor", ...described("apiDoc.requests.field.actor") });

const datasetLink = z.object({
  id: z.uuid().nullable(),
  uri: z.string().nullable().meta(described("apiDoc.requests.field.pendingUri")),
  title: languageMap.nullable(),
  url: z.url().nullable(),
});

export const requestDetail = z
  .object({
    number: z.int().min(1),
    kind: z.enum(requestKinds),
    title: z.string(),
    body: z.string().meta(described("apiDoc.requests.field.body")),
    purpose: z.string().nullable(),
    requester: shownActor,
    status: z.enum(requestStatuses),
    statusReason: z.string().nullable(),
    targetScope: z.enum(targetScopes),
    targets: z.array(z.object({ name: z.string() })),
    wishedFormat: z.string().nullable(),
    updateFrequency: z.string().nullable(),
    dueDate: calendarDate.nullable(),
    tags: z.array(z.string()),
    votes: z.int().min(0),
    comments: z.int().min(0),
    followers: z.int().min(0),
    createdAt: timestamp,
    answeredAt: timestamp.nullable(),
    duplicateOf: z.object({ number: z.int(), title: z.string(), apiUrl: z.url() }).nullable(),
    survey: z.object({ id: z.uuid(), apiUrl: z.url() }).nullable(),
    linkedDatasets: z.array(
      z.object({
        id: z.uuid(),
        title: languageMap,
        publisher: z.string().nullable(),
        removed: z.boolean(),
        reason: z.enum(["accepted_answer", "linked"]).meta(described("apiDoc.requests.field.linkReason")),
        url: z.url(),
      }),
    ),
    tasks: z
      .array(
        z.object({
          organisation: z.string(),
          status: z.enum(taskStatuses),
          dueDate: calendarDate.nullable(),
          overdue: z.boolean(),
          answerText: z.string().nullable(),
          declineReason: z.object({ sv: z.string(), en: z.string() }).nullable(),
          declineText: z.string().nullable(),
          datasets: z.array(datasetLink),
        }),
      )
      .meta(described("apiDoc.requests.field.tasks")),
    timeline: z.array(
      z.object({
        occurredAt: timestamp,
        action: z.string(),
        fromState: z.string().nullable(),
        toState: z.string().nullable(),
        reason: z.string().nullable(),
        mergedDuplicateNumber: z.int().nullable(),
        actor: shownActor,
      }),
    ),
    url: z.url().meta(described("apiDoc.field.url")),
  })
  .meta({ id: "Request" });

export const requestParams = z.object({
  number: z.coerce
    .number({ error: apiIssue("api.requestNumber") })
    .int(apiIssue("api.requestNumber"))
    .min(1, apiIssue("api.requestNumber"))
    .max(2_147_483_647, apiIssue("api.requestNumber"))
    .meta(described("apiDoc.requests.param.number")),
});

export const requestEndpoint = {
  path: "/api/requests/{number}",
  id: "getRequest",
  summary: "apiDoc.request.summary",
  description: "apiDoc.request.description",
  query: z.object({}),
  params: requestParams,
  response: requestDetail,
  mayBeMissing: true,
  usesSearchEngine: false,
} satisfies ApiEndpoint;
