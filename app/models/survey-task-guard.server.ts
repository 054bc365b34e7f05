import type { Transaction } from "kysely";
import type { Database } from "../../db/schema";

/**
 * Whether a task is a survey's and still has questions without this organisation's answer: such a
 * task is answered question by question (survey-answer.server.ts), never with one text or a
 * publication, so the workflow's answer refuses it (issue 10, ADR 026). Its own module so the task
 * commands need not import the survey commands, which import them.
 */
export async function hasUnansweredSurveyQuestions(trx: Transaction<Database>, task: { requestId: string; organisationId: string }) {
  const row = await trx
    .selectFrom("surveys")
    .innerJoin("survey_questions as q", "q.survey_id", "surveys.id")
    .leftJoin("survey_answers as a", (join) => join.onRef("a.question_id", "=", "q.id").on("a.organisation_id", "=", task.organisationId))
    .select("q.id")
    .where("surveys.request_id", "=", task.requestId)
    .where("a.id", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the request is a survey's: its tasks are answered by the survey's answers. */
export async function isSurveyRequest(trx: Transaction<Database>, requestId: string) {
  const row = await trx.selectFrom("surveys").select("id").where("request_id", "=", requestId).executeTakeFirst();
  return row !== undefined;
}
