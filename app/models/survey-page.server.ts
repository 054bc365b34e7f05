import { db } from "../../db/client.server";
import { targetableOrganisationTypes } from "../domain/requests";
import { surveyStatusOf } from "../domain/surveys";

/**
 * The read side of surveys (issue 10, ADR 026): the list, one survey with its questions and
 * targets, and what the builder offers. A draft is seen by its sender only; a sent survey's
 * questions are public (its answers follow the results' rules, survey-results.server.ts).
 */

/** The viewer's own surveys (every status) and everyone's sent and closed ones, newest first. */
export async function listSurveys(input: { viewerId: string | null }) {
  const rows = await db
    .selectFrom("surveys")
    .leftJoin("organisations", "organisations.id", "surveys.sender_organisation_id")
    .leftJoin("requests", "requests.id", "surveys.request_id")
    .select([
      "surveys.id",
      "surveys.title",
      "surveys.status",
      "surveys.due_date as dueDate",
      "surveys.sender_user_id as senderUserId",
      "surveys.created_at as createdAt",
      "surveys.sent_at as sentAt",
      "organisations.name as senderOrganisationName",
      "requests.number as requestNumber",
      "requests.status as requestStatus",
      (eb) =>
        eb.selectFrom("survey_questions").select(eb.fn.countAll<string>().as("n")).whereRef("survey_id", "=", "surveys.id").as("questions"),
    ])
    .where((eb) =>
      eb.or([eb("surveys.status", "!=", "draft"), ...(input.viewerId ? [eb("surveys.sender_user_id", "=", input.viewerId)] : [])]),
    )
    .orderBy("surveys.created_at", "desc")
    .limit(200)
    .execute();
  return rows.map(({ requestStatus, ...row }) => ({
    ...row,
    status: surveyStatusOf(row.status, requestStatus),
    questions: Number(row.questions ?? 0),
    mine: row.senderUserId === input.viewerId,
  }));
}

export async function getSurvey(surveyId: string) {
  const survey = await db
    .selectFrom("surveys")
    .leftJoin("users as sender", "sender.id", "surveys.sender_user_id")
    .leftJoin("organisations", "organisations.id", "surveys.sender_organisation_id")
    .leftJoin("requests", "requests.id", "surveys.request_id")
    .select([
      "surveys.id",
      "surveys.title",
      "surveys.purpose",
      "surveys.legal_basis as legalBasis",
      "surveys.status",
      "surveys.target_scope as targetScope",
      "surveys.deadline_working_days as deadlineWorkingDays",
      "surveys.due_date as dueDate",
      "surveys.validity_months as validityMonths",
      "surveys.sender_user_id as senderUserId",
      "surveys.version",
      "surveys.sent_at as sentAt",
      "surveys.closed_at as closedAt",
      "sender.name as senderName",
      "organisations.name as senderOrganisationName",
      "requests.id as requestId",
      "requests.number as requestNumber",
      "requests.status as requestStatus",
    ])
    .where("surveys.id", "=", surveyId)
    .executeTakeFirst();
  if (!survey) return undefined;
  const [questions, targets] = await Promise.all([
    db
      .selectFrom("survey_questions")
      .select([
        "id",
        "position",
        "text",
        "answer_type as answerType",
        "unit",
        "help_text as helpText",
        "choices",
        "estimated_minutes as estimatedMinutes",
        "confidential",
        "reuse_confirmed as reuseConfirmed",
      ])
      .where("survey_id", "=", surveyId)
      .orderBy("position")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("survey_targets")
      .innerJoin("organisations", "organisations.id", "survey_targets.organisation_id")
      .select(["organisations.id", "organisations.name", "organisations.type"])
      .where("survey_targets.survey_id", "=", surveyId)
      .orderBy("organisations.name")
      .execute(),
  ]);
  return { ...survey, status: surveyStatusOf(survey.status, survey.requestStatus), questions, targets };
}

export type SurveyView = NonNullable<Awaited<ReturnType<typeof getSurvey>>>;

/** What a survey may ask: the municipalities and the region, by name. */
export async function listTargetableOrganisations() {
  return db
    .selectFrom("organisations")
    .select(["id", "name", "type"])
    .where("type", "in", targetableOrganisationTypes)
    .orderBy("type", "desc")
    .orderBy("name")
    .execute();
}

/** The task ids of a sent survey, by organisation: the sender's view links them. */
export async function listSurveyTasks(requestId: string) {
  return db
    .selectFrom("tasks")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .select(["tasks.id", "tasks.status", "tasks.organisation_id as organisationId", "organisations.name as organisationName"])
    .where("tasks.request_id", "=", requestId)
    .orderBy("organisations.name")
    .execute();
}
