import { z } from "zod";
import { surveyAnswerSources, surveyAnswerTypes, surveyStatuses } from "../../domain/surveys";
import { targetScopes } from "../../domain/requests";
import { apiIssue } from "../../i18n/api-locale";
import { calendarDate, described, pageOf, pagingQuery, timestamp, type ApiEndpoint } from "./common.server";

/**
 * `GET /api/surveys` and `GET /api/surveys/{id}`: sent and closed surveys with their questions;
 * the answers once a survey is closed, as its public results page and CSV give them: a
 * confidential question's answers never.
 */

const publicSurveyStatuses = surveyStatuses.filter((status) => status !== "draft") as ["sent", "closed"];
const STATUS = apiIssue("api.surveyStatus", { values: publicSurveyStatuses.join(", ") });

export const surveysQuery = z.object({
  status: z.enum(publicSurveyStatuses, { error: STATUS }).optional().meta(described("apiDoc.surveys.param.status")),
  ...pagingQuery,
});

export const surveySummary = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(publicSurveyStatuses),
    senderOrganisation: z.string().nullable(),
    sentAt: timestamp.nullable(),
    dueDate: calendarDate.nullable(),
    questions: z.int().min(0),
    requestNumber: z.int().nullable(),
    url: z.url().meta(described("apiDoc.field.url")),
    apiUrl: z.url().meta(described("apiDoc.field.apiUrl")),
  })
  .meta({ id: "SurveySummary" });

export const surveysResponse = pageOf(surveySummary, "SurveyPage");

export const surveysEndpoint = {
  path: "/api/surveys",
  id: "listSurveys",
  summary: "apiDoc.surveys.summary",
  description: "apiDoc.surveys.description",
  query: surveysQuery,
  params: null,
  response: surveysResponse,
  mayBeMissing: false,
  usesSearchEngine: false,
} satisfies ApiEndpoint;

const answerValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.string())]);

export const surveyDetail = z
  .object({
    id: z.uuid(),
    title: z.string(),
    purpose: z.string(),
    legalBasis: z.string().nullable(),
    status: z.enum(publicSurveyStatuses),
    senderOrganisation: z.string().nullable(),
    targetScope: z.enum(targetScopes),
    targets: z.array(z.object({ name: z.string(), type: z.string() })),
    sentAt: timestamp.nullable(),
    closedAt: timestamp.nullable(),
    dueDate: calendarDate.nullable(),
    requestNumber: z.int().nullable(),
    questions: z.array(
      z.object({
        id: z.uuid(),
        number: z.int().min(1),
        text: z.string(),
        answerType: z.enum(surveyAnswerTypes),
        unit: z.string().nullable(),
        helpText: z.string().nullable(),
        choices: z.array(z.string()),
        estimatedMinutes: z.int().min(0),
        confidential: z.boolean().meta(described("apiDoc.surveys.field.confidential")),
      }),
    ),
    answers: z
      .array(
        z.object({
          questionId: z.uuid(),
          questionNumber: z.int().min(1),
          organisation: z.string(),
          kommunkod: z.string().nullable(),
          value: answerValue,
          source: z.enum(surveyAnswerSources),
          datasetUri: z.string().nullable(),
          answeredOn: calendarDate,
        }),
      )
      .nullable()
      .meta(described("apiDoc.surveys.field.answers")),
    url: z.url().meta(described("apiDoc.field.url")),
  })
  .meta({ id: "Survey" });

export const surveyParams = z.object({
  id: z.uuid({ error: apiIssue("api.surveyId") }).meta(described("apiDoc.surveys.param.id")),
});

export const surveyEndpoint = {
  path: "/api/surveys/{id}",
  id: "getSurvey",
  summary: "apiDoc.survey.summary",
  description: "apiDoc.survey.description",
  query: z.object({}),
  params: surveyParams,
  response: surveyDetail,
  mayBeMissing: true,
  usesSearchEngine: false,
} satisfies ApiEndpoint;
