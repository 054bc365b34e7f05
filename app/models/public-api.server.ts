import type { ExpressionBuilder } from "kysely";
import { db } from "../../db/client.server";
import type { Database, LangMap } from "../../db/schema";
import { surveyStatusOf } from "../domain/surveys";
import { searchDatasets } from "./dataset.server";
import { getOrganisationPage } from "./organisation-statistics.server";
import { getRequestPage } from "./request-page.server";
import { listRequests, type RegisterQuery } from "./request-register.server";
import { getSurvey } from "./survey-page.server";
import { listSurveyAnswers } from "./survey-results.server";
import { getTimeSavedReport } from "./time-saved-report.server";

/**
 * The public API's reads (ADR 037): each answers what the matching page shows a visitor without
 * an account, through that page's own model function, as plain JSON with absolute links. Nothing
 * here reads a viewer: the API is the same for everyone, so its answers may be cached and shared.
 */

const link = (origin: string, path: string) => new URL(path, origin).href;
const iso = (date: Date | null) => date?.toISOString() ?? null;
/** A DATE column comes back from pg as a Date at local midnight, or as YYYY-MM-DD text. */
const day = (value: Date | string | null) =>
  value === null
    ? null
    : typeof value === "string"
      ? value.slice(0, 10)
      : `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, "0")}-${String(value.getDate()).padStart(2, "0")}`;

interface Paging {
  page: number;
  pageSize: number;
}

export async function listDatasetsForApi(
  input: Paging & { text: string; filters: Record<"publisher" | "theme" | "format" | "specification", string[]>; origin: string },
) {
  const result = await searchDatasets({ text: input.text, filters: input.filters, page: input.page, pageSize: input.pageSize });
  return {
    items: result.hits.map((hit) => ({
      id: hit.entityId,
      uri: hit.uri,
      title: hit.title,
      publisher: hit.publisher,
      url: link(input.origin, `/datasets/${hit.entityId}`),
    })),
    page: input.page,
    pageSize: input.pageSize,
    total: result.total,
    facets: result.facets,
  };
}

export async function listRequestsForApi(input: RegisterQuery & { origin: string }) {
  const result = await listRequests(input);
  return {
    items: result.requests.map((entry) => ({
      number: entry.number,
      title: entry.title,
      status: entry.status,
      kind: entry.kind,
      votes: entry.votes,
      comments: entry.comments,
      createdAt: entry.createdAt.toISOString(),
      answeredAt: iso(entry.answeredAt),
      targetScope: entry.targetScope,
      targets: entry.targets,
      tags: entry.tags,
      requester: entry.requester,
      url: link(input.origin, `/requests/${entry.number}`),
      apiUrl: link(input.origin, `/api/requests/${entry.number}`),
    })),
    page: result.page,
    pageSize: result.pageSize,
    total: result.total,
  };
}

/** One request as its public page shows it to a visitor, or null. Comments stay on the page. */
export async function getRequestForApi(input: { requestNumber: number; origin: string }) {
  const page = await getRequestPage({ requestNumber: input.requestNumber, viewerUserId: null });
  if (!page) return null;
  const { request } = page;
  const datasetUrl = (id: string | null) => (id ? link(input.origin, `/datasets/${id}`) : null);
  return {
    number: request.number,
    kind: request.kind,
    title: request.title,
    body: request.body,
    purpose: request.purpose,
    requester: request.requester,
    status: request.status,
    statusReason: request.statusReason,
    targetScope: request.targetScope,
    targets: page.targets.map((target) => ({ name: target.name })),
    wishedFormat: request.wishedFormat,
    updateFrequency: request.updateFrequency,
    dueDate: day(request.dueDate),
    tags: request.tags,
    votes: request.voteCount,
    comments: request.commentCount,
    followers: request.followerCount,
    createdAt: request.createdAt.toISOString(),
    answeredAt: iso(request.answeredAt),
    duplicateOf: request.duplicateOf
      ? { ...request.duplicateOf, apiUrl: link(input.origin, `/api/requests/${request.duplicateOf.number}`) }
      : null,
    survey: request.surveyId ? { id: request.surveyId, apiUrl: link(input.origin, `/api/surveys/${request.surveyId}`) } : null,
    linkedDatasets: page.linkedDatasets.map((dataset) => ({
      id: dataset.id,
      title: dataset.title,
      publisher: dataset.publisherName,
      removed: dataset.removedAt !== null,
      reason: dataset.reason,
      url: link(input.origin, `/datasets/${dataset.id}`),
    })),
    tasks: page.tasks.map((task) => ({
      organisation: task.organisationName,
      status: task.status,
      dueDate: day(task.dueDate),
      overdue: task.overdue,
      answerText: task.answerText,
      declineReason: task.declineReason,
      declineText: task.declineText,
      datasets: task.datasets.map((dataset) => ({
        id: dataset.datasetId,
        uri: dataset.pendingUri,
        title: dataset.title,
        url: datasetUrl(dataset.datasetId),
      })),
    })),
    timeline: page.timeline.map((event) => ({
      occurredAt: event.occurredAt.toISOString(),
      action: event.action,
      fromState: event.fromState,
      toState: event.toState,
      reason: event.reason,
      mergedDuplicateNumber: event.mergedDuplicateNumber,
      actor: event.actor,
    })),
    url: link(input.origin, `/requests/${request.number}`),
  };
}

/** Sent and closed surveys, newest first (a draft is its sender's alone). */
export async function listSurveysForApi(input: Paging & { status: "sent" | "closed" | undefined; origin: string }) {
  // A survey is closed by its own status or by its request's, as surveyStatusOf reads them.
  const closed = (eb: ExpressionBuilder<Database, "surveys" | "requests">) =>
    eb.or([eb("surveys.status", "=", "closed"), eb("requests.status", "=", "closed")]);
  const filtered = () => {
    const query = publicSurveys();
    if (input.status === "closed") return query.where(closed);
    if (input.status === "sent") return query.where((eb) => eb.not(closed(eb)));
    return query;
  };
  const [rows, count] = await Promise.all([
    filtered()
      .leftJoin("organisations", "organisations.id", "surveys.sender_organisation_id")
      .select([
        "surveys.id",
        "surveys.title",
        "surveys.status",
        "surveys.due_date as dueDate",
        "surveys.sent_at as sentAt",
        "organisations.name as senderOrganisation",
        "requests.number as requestNumber",
        "requests.status as requestStatus",
        (eb) =>
          eb
            .selectFrom("survey_questions")
            .select(eb.fn.countAll<string>().as("n"))
            .whereRef("survey_questions.survey_id", "=", "surveys.id")
            .as("questions"),
      ])
      .orderBy("surveys.sent_at", "desc")
      .orderBy("surveys.id")
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute(),
    filtered()
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(({ requestStatus, ...row }) => ({
      id: row.id,
      title: row.title,
      status: surveyStatusOf(row.status, requestStatus) as "sent" | "closed",
      senderOrganisation: row.senderOrganisation,
      sentAt: iso(row.sentAt),
      dueDate: day(row.dueDate),
      questions: Number(row.questions ?? 0),
      requestNumber: row.requestNumber,
      url: link(input.origin, `/enkater/${row.id}`),
      apiUrl: link(input.origin, `/api/surveys/${row.id}`),
    })),
    page: input.page,
    pageSize: input.pageSize,
    total: Number(count.n),
  };
}

function publicSurveys() {
  return db.selectFrom("surveys").leftJoin("requests", "requests.id", "surveys.request_id").where("surveys.status", "!=", "draft");
}

/** A sent or closed survey with its questions; its answers once closed, never a confidential question's. Null for a draft. */
export async function getSurveyForApi(input: { surveyId: string; origin: string }) {
  const survey = await getSurvey(input.surveyId);
  if (!survey || survey.status === "draft") return null;
  const results = await listSurveyAnswers({ surveyId: survey.id, viewer: { userId: null, readsAll: false } });
  const numberOf = new Map(survey.questions.map((question, index) => [question.id, index + 1]));
  return {
    id: survey.id,
    title: survey.title,
    purpose: survey.purpose,
    legalBasis: survey.legalBasis,
    status: survey.status,
    senderOrganisation: survey.senderOrganisationName,
    targetScope: survey.targetScope,
    targets: survey.targets.map((target) => ({ name: target.name, type: target.type })),
    sentAt: iso(survey.sentAt),
    closedAt: iso(survey.closedAt),
    dueDate: day(survey.dueDate),
    requestNumber: survey.requestNumber,
    questions: survey.questions.map((question) => ({
      id: question.id,
      number: numberOf.get(question.id)!,
      text: question.text,
      answerType: question.answerType,
      unit: question.unit,
      helpText: question.helpText,
      choices: question.choices,
      estimatedMinutes: question.estimatedMinutes,
      confidential: question.confidential,
    })),
    answers: results?.access.visible
      ? results.answers.map((answer) => ({
          questionId: answer.questionId,
          questionNumber: numberOf.get(answer.questionId) ?? answer.number,
          organisation: answer.organisationName,
          kommunkod: answer.kommunkod,
          value: answer.value,
          source: answer.source,
          datasetUri: answer.datasetUri,
          answeredOn: answer.answeredOn,
        }))
      : null,
    url: link(input.origin, `/enkater/${survey.id}`),
  };
}

/** The figures of `/organisationer/<slug>` and the datasets its answers link; its requests through /api/requests. */
export async function getOrganisationForApi(input: { slug: string; origin: string }) {
  const page = await getOrganisationPage({ slug: input.slug });
  if (!page) return null;
  const { organisation } = page;
  return {
    slug: organisation.slug,
    name: organisation.name,
    type: organisation.type,
    kommunkod: organisation.kommunkod,
    figures: page.figures,
    linkedDatasets: page.datasets.map((dataset) => ({
      id: dataset.datasetId,
      uri: dataset.pendingUri,
      title: dataset.title as LangMap | null,
      requestNumber: dataset.requestNumber,
      url: dataset.datasetId ? link(input.origin, `/datasets/${dataset.datasetId}`) : null,
    })),
    requestsApiUrl: organisation.kommunkod
      ? link(input.origin, `/api/requests?${new URLSearchParams({ kommunkod: organisation.kommunkod })}`)
      : null,
    url: link(input.origin, `/organisationer/${organisation.slug}`),
  };
}

export async function getTimeSavedReportForApi(input: { year: number | null; origin: string }) {
  const report = await getTimeSavedReport({ year: input.year });
  const csv = `/api/reports/time-saved.csv${input.year ? `?year=${input.year}` : ""}`;
  return { unit: "minutes" as const, ...report, csvUrl: link(input.origin, csv) };
}
