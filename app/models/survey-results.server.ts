import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { SurveyAnswerValue } from "../../db/schema";
import { surveyStatusOf, type SurveyAnswerSource, type SurveyStatus } from "../domain/surveys";

/**
 * A survey's results (issue 10, ADR 026): a table of municipality × question and the same answers
 * as CSV rows, the reused ones marked. The sender and coordinators read them from the moment the
 * survey is sent; everyone else once it is closed, and never a confidential question's answers.
 */

export interface ResultsViewer {
  userId: string | null;
  /** Coordinators and admins read every survey's results. */
  readsAll: boolean;
}

/** Whether, and how much of, a survey's results the viewer may read. */
export function resultsAccess(survey: { status: SurveyStatus; senderUserId: string | null }, viewer: ResultsViewer) {
  if (survey.status === "draft") return { visible: false, confidential: false };
  // A visitor (no user) is never the sender, not even of a survey whose sender's account is gone.
  const privileged = viewer.readsAll || (viewer.userId !== null && viewer.userId === survey.senderUserId);
  if (privileged) return { visible: true, confidential: true };
  return { visible: survey.status === "closed", confidential: false };
}

/** Every answer of a survey the viewer may read, by question position and organisation name. */
export async function listSurveyAnswers(input: { surveyId: string; viewer: ResultsViewer }) {
  const survey = await db
    .selectFrom("surveys")
    .leftJoin("requests", "requests.id", "surveys.request_id")
    .select(["surveys.id", "surveys.status", "surveys.sender_user_id as senderUserId", "requests.status as requestStatus"])
    .where("surveys.id", "=", input.surveyId)
    .executeTakeFirst();
  if (!survey) return undefined;
  const access = resultsAccess(
    { status: surveyStatusOf(survey.status, survey.requestStatus), senderUserId: survey.senderUserId },
    input.viewer,
  );
  if (!access.visible) return { access, questions: [], answers: [] };
  const [questions, answers] = await Promise.all([
    db
      .selectFrom("survey_questions")
      .select(["id", "position", "text", "answer_type as answerType", "unit", "confidential"])
      .where("survey_id", "=", input.surveyId)
      .$if(!access.confidential, (qb) => qb.where("confidential", "=", false))
      .orderBy("position")
      .execute(),
    db
      .selectFrom("survey_answers as a")
      .innerJoin("survey_questions as q", "q.id", "a.question_id")
      .innerJoin("organisations as o", "o.id", "a.organisation_id")
      .leftJoin("datasets as d", "d.id", "a.dataset_id")
      .select([
        "a.question_id as questionId",
        "a.organisation_id as organisationId",
        "o.name as organisationName",
        "o.kommunkod",
        "q.position",
        "q.text as questionText",
        "a.value",
        "a.source",
        "d.uri as datasetUri",
        sql<string>`to_char(a.answered_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`.as("answeredOn"),
      ])
      .where("a.survey_id", "=", input.surveyId)
      // Confidential answers are left out in the query itself, so no later step can leak them.
      .$if(!access.confidential, (qb) => qb.where("q.confidential", "=", false))
      .orderBy("q.position")
      .orderBy("o.name")
      .execute(),
  ]);
  // The question's number as the survey shows it (positions may have gaps after a removal).
  const numberOf = new Map(questions.map((q, i) => [q.id, i + 1]));
  return {
    access,
    questions,
    answers: answers.map((a) => ({
      ...a,
      number: numberOf.get(a.questionId) ?? a.position,
      value: a.value as SurveyAnswerValue,
      source: a.source as SurveyAnswerSource,
    })),
  };
}

/** The table: one row per target organisation, one cell per question. */
export async function getSurveyResultsTable(input: { surveyId: string; viewer: ResultsViewer }) {
  const read = await listSurveyAnswers(input);
  if (!read || !read.access.visible) return read && { ...read, rows: [] };
  const targets = await db
    .selectFrom("survey_targets")
    .innerJoin("organisations", "organisations.id", "survey_targets.organisation_id")
    .select(["organisations.id", "organisations.name"])
    .where("survey_targets.survey_id", "=", input.surveyId)
    .orderBy("organisations.name")
    .execute();
  const cellOf = new Map(read.answers.map((a) => [`${a.organisationId}:${a.questionId}`, a]));
  const rows = targets.map((organisation) => ({
    organisationId: organisation.id,
    organisationName: organisation.name,
    cells: read.questions.map((q) => {
      const answer = cellOf.get(`${organisation.id}:${q.id}`);
      return answer ? { value: answer.value, source: answer.source } : null;
    }),
  }));
  return { ...read, rows };
}
