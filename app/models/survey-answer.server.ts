import type { Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database, SurveyAnswerValue } from "../../db/schema";
import type { Actor } from "../auth/permissions";
import { parseSurveyAnswer, type SurveyAnswerProblem, type SurveyAnswerSource, type SurveyAnswerType } from "../domain/surveys";
import { isRequestOpenToTasks } from "../domain/tasks";
import type { MessageKey } from "../i18n/translate";
import { ConflictError, ForbiddenError } from "./errors.server";
import { recordEvent } from "./event.server";
import { lockRequest } from "./request.server";
import {
  completeSurveyTask,
  mayWorkOnTasksOf,
  RequestClosedForTasksError,
  startTask,
  StaleTaskError,
  TaskNotFoundError,
} from "./task.server";
import { reverseSparedQuestionCredit } from "./time-saved.server";
import { inTransaction } from "./transaction.server";

/**
 * A municipality answers its survey task (issue 10, ADR 026): each question by its type, stored
 * per question × organisation with source `typed`. A reused answer (open data, an earlier answer)
 * is shown and may be corrected, which makes it typed. When every question has an answer the
 * task is answered through the workflow (completeSurveyTask: status, event, the mail to the
 * sender and followers).
 */

export const answerProblemKeys: Record<SurveyAnswerProblem, MessageKey> = {
  required: "errors.surveyAnswerRequired",
  number: "errors.surveyAnswerNumber",
  choice: "errors.surveyAnswerChoice",
  yes_no: "errors.surveyAnswerYesNo",
  date: "errors.surveyAnswerDate",
  url: "errors.surveyAnswerUrl",
  too_long: "errors.surveyAnswerTooLong",
};

/** Some answers are refused: nothing is written; each refused question is named with why. */
export class SurveyAnswersRefusedError extends ConflictError {
  constructor(readonly problems: Record<string, MessageKey>) {
    super("errors.surveyAnswersRefused");
  }
}

export interface SurveyTaskQuestion {
  id: string;
  position: number;
  text: string;
  answerType: SurveyAnswerType;
  unit: string | null;
  helpText: string | null;
  choices: string[];
  answer: {
    value: SurveyAnswerValue;
    source: SurveyAnswerSource;
    answeredAt: Date;
    datasetTitle: string | null;
    datasetUri: string | null;
    reusedFrom: { surveyTitle: string; answeredAt: Date } | null;
  } | null;
}

/** The survey a task belongs to, if it is a survey's task. */
export async function findSurveyOfRequest(requestId: string) {
  return db
    .selectFrom("surveys")
    .select(["id", "title", "purpose", "legal_basis as legalBasis", "status"])
    .where("request_id", "=", requestId)
    .executeTakeFirst();
}

/** The survey's questions with this organisation's answers (typed or reused), in order. */
export async function listSurveyTaskQuestions(input: { surveyId: string; organisationId: string }): Promise<SurveyTaskQuestion[]> {
  const rows = await db
    .selectFrom("survey_questions as q")
    .leftJoin("survey_answers as a", (join) => join.onRef("a.question_id", "=", "q.id").on("a.organisation_id", "=", input.organisationId))
    .leftJoin("datasets as d", "d.id", "a.dataset_id")
    .leftJoin("survey_answers as origin", "origin.id", "a.reused_answer_id")
    .leftJoin("surveys as os", "os.id", "origin.survey_id")
    .select([
      "q.id",
      "q.position",
      "q.text",
      "q.answer_type as answerType",
      "q.unit",
      "q.help_text as helpText",
      "q.choices",
      "a.value",
      "a.source",
      "a.answered_at as answeredAt",
      "d.title as datasetTitle",
      "d.uri as datasetUri",
      "os.title as originSurveyTitle",
      "origin.answered_at as originAnsweredAt",
    ])
    .where("q.survey_id", "=", input.surveyId)
    .orderBy("q.position")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    position: row.position,
    text: row.text,
    answerType: row.answerType,
    unit: row.unit,
    helpText: row.helpText,
    choices: row.choices,
    answer:
      row.source && row.answeredAt && row.value !== null
        ? {
            value: row.value,
            source: row.source,
            answeredAt: row.answeredAt,
            datasetTitle: row.datasetTitle ? (row.datasetTitle.sv ?? Object.values(row.datasetTitle)[0] ?? null) : null,
            datasetUri: row.datasetUri,
            reusedFrom:
              row.originSurveyTitle && row.originAnsweredAt
                ? { surveyTitle: row.originSurveyTitle, answeredAt: row.originAnsweredAt }
                : null,
          }
        : null,
  }));
}

/**
 * Saves the typed answers of a survey task. `answers` holds what the form sent per question id
 * (blank: not answered yet, unless the question already has an answer, which is then kept). Any
 * refused answer refuses the whole save. A pending task is started; once every question has an
 * answer, the task is answered.
 */
export function answerSurveyTask(
  input: { actor: Actor; taskId: string; version?: number; answers: Record<string, string | string[]> },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    const ref = await trx.selectFrom("tasks").select(["request_id", "organisation_id"]).where("id", "=", input.taskId).executeTakeFirst();
    if (!ref) throw new TaskNotFoundError(input.taskId);
    if (!mayWorkOnTasksOf(input.actor, ref.organisation_id)) throw new ForbiddenError();
    const request = await lockRequest(trx, ref.request_id);
    if (!request || !isRequestOpenToTasks(request.status)) throw new RequestClosedForTasksError(request?.status ?? "closed");
    const task = await trx
      .selectFrom("tasks")
      .select(["id", "status", "version"])
      .where("id", "=", input.taskId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (input.version !== undefined && input.version !== task.version) throw new StaleTaskError(task.version, task.status);
    const survey = await trx.selectFrom("surveys").select(["id", "status"]).where("request_id", "=", ref.request_id).executeTakeFirst();
    if (!survey) throw new TaskNotFoundError(input.taskId);
    if (survey.status !== "sent") throw new RequestClosedForTasksError("closed");
    if (task.status !== "pending" && task.status !== "in_progress") throw new ConflictError("errors.surveyTaskDone");

    const questions = await trx
      .selectFrom("survey_questions as q")
      .leftJoin("survey_answers as a", (join) => join.onRef("a.question_id", "=", "q.id").on("a.organisation_id", "=", ref.organisation_id))
      .select(["q.id", "q.answer_type as answerType", "q.choices", "a.id as answerId"])
      .where("q.survey_id", "=", survey.id)
      .execute();
    const problems: Record<string, MessageKey> = {};
    const typed: { questionId: string; value: SurveyAnswerValue }[] = [];
    for (const question of questions) {
      const raw = input.answers[question.id];
      const blank = raw === undefined || (Array.isArray(raw) ? raw.every((v) => !v.trim()) : !String(raw).trim());
      if (blank) continue;
      const parsed = parseSurveyAnswer(question, raw);
      if (parsed.ok) typed.push({ questionId: question.id, value: parsed.value });
      else problems[question.id] = answerProblemKeys[parsed.problem];
    }
    if (Object.keys(problems).length > 0) throw new SurveyAnswersRefusedError(problems);
    if (typed.length === 0 && questions.some((q) => !q.answerId)) throw new ConflictError("errors.surveyAnswerNothing");

    if (typed.length) {
      // A reused answer or open data corrected by hand: the question was not spared after all.
      const corrected = await trx
        .selectFrom("survey_answers")
        .select("question_id")
        .where("survey_id", "=", survey.id)
        .where("organisation_id", "=", ref.organisation_id)
        .where("source", "in", ["reused_answer", "open_data"])
        .where(
          "question_id",
          "in",
          typed.map((t) => t.questionId),
        )
        .execute();
      await reverseSparedQuestionCredit(trx, {
        requestId: ref.request_id,
        organisationId: ref.organisation_id,
        questionIds: corrected.map((row) => row.question_id),
        actorUserId: input.actor.id,
      });
      await trx
        .insertInto("survey_answers")
        .values(
          typed.map((t) => ({
            survey_id: survey.id,
            question_id: t.questionId,
            organisation_id: ref.organisation_id,
            value: JSON.stringify(t.value),
            source: "typed" as const,
            answered_by: input.actor.id,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["question_id", "organisation_id"]).doUpdateSet((eb) => ({
            value: eb.ref("excluded.value"),
            source: "typed",
            reused_answer_id: null,
            dataset_id: null,
            answered_by: input.actor.id,
            answered_at: new Date(),
          })),
        )
        .execute();
      await trx
        .insertInto("search_outbox")
        .values(typed.map((t) => ({ entity_type: "answer" as const, entity_id: t.questionId })))
        .execute();
    }
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "task",
      entityId: task.id,
      action: "answer_questions",
      data: { requestId: ref.request_id, surveyId: survey.id, questions: typed.map((t) => t.questionId) },
    });
    const answered = new Set([...questions.filter((q) => q.answerId).map((q) => q.id), ...typed.map((t) => t.questionId)]);
    const complete = questions.every((q) => answered.has(q.id));
    if (task.status === "pending") await startTask({ actor: input.actor, taskId: task.id }, trx);
    if (complete) {
      // The task names no values: a confidential question's answer stays in survey_answers.
      await completeSurveyTask({ actor: input.actor, taskId: task.id }, trx);
    } else {
      // The saved answers change the task: a colleague's form loaded before must not overwrite them unseen.
      await trx
        .updateTable("tasks")
        .set((eb) => ({ version: eb("version", "+", 1), updated_at: new Date() }))
        .where("id", "=", task.id)
        .execute();
    }
    return { saved: typed.length, complete, remaining: questions.length - answered.size };
  });
}

/** The survey part of a task page: null for a request's task, else the survey and this organisation's questions. */
export async function getSurveyTaskPart(input: { taskId: string }) {
  const task = await db
    .selectFrom("tasks")
    .innerJoin("surveys", "surveys.request_id", "tasks.request_id")
    .select([
      "tasks.organisation_id as organisationId",
      "surveys.id",
      "surveys.title",
      "surveys.purpose",
      "surveys.legal_basis as legalBasis",
      "surveys.status",
    ])
    .where("tasks.id", "=", input.taskId)
    .executeTakeFirst();
  if (!task) return null;
  const questions = await listSurveyTaskQuestions({ surveyId: task.id, organisationId: task.organisationId });
  return { id: task.id, title: task.title, purpose: task.purpose, legalBasis: task.legalBasis, status: task.status, questions };
}
