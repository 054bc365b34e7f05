import type { Transaction } from "kysely";
import type { Database, RequesterType, SurveyAnswerValue } from "../../db/schema";
import type { Actor } from "../auth/permissions";
import { isFinal } from "../domain/lifecycle";
import { ConflictError, ForbiddenError } from "./errors.server";
import { recordEvent } from "./event.server";
import { createRequest, routeRequest } from "./request.server";
import { closeRequestAndTell } from "./task.server";
import { lockDraft, SurveyInputError, SurveyNotFoundError, SurveyNotSentError } from "./survey.server";
import { planSurveyReuse, reusePlanFingerprint, type SurveyReusePlan } from "./survey-reuse.server";
import { recordSparedQuestions, type SparedQuestion } from "./time-saved.server";
import { inTransaction } from "./transaction.server";

/**
 * Sending a survey (issue 10, ADR 026): the sender confirms, per question, the reuse the portal
 * found (open data, earlier answers); then one transaction makes the survey a request of kind
 * `survey`, stores each confirmed reuse as that municipality's answer with its source, writes one
 * ledger row per question × municipality not asked, routes one task to each municipality that
 * still has questions (with the workflow's due date in working days and its `new_task` mail) and
 * marks the survey sent, with its event.
 */

/** The sender confirms (or takes back) reusing what was found for one question. */
export function confirmQuestionReuse(
  input: { actor: Actor; surveyId: string; questionId: string; confirmed: boolean },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    await lockDraft(trx, input);
    const updated = await trx
      .updateTable("survey_questions")
      .set({ reuse_confirmed: input.confirmed })
      .where("id", "=", input.questionId)
      .where("survey_id", "=", input.surveyId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw new SurveyNotFoundError();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "survey",
      entityId: input.surveyId,
      action: input.confirmed ? "confirm_reuse" : "unconfirm_reuse",
      data: { questionId: input.questionId },
    });
  });
}

function requesterTypeOf(organisationType: string | null | undefined): RequesterType {
  return organisationType === "company" || organisationType === "research" || organisationType === "authority"
    ? organisationType
    : organisationType
      ? "authority"
      : "citizen";
}

/** The request's body: the purpose and the questions, so the public request page says what was asked. */
function requestBodyOf(survey: { purpose: string; legalBasis: string | null }, questions: { text: string }[]) {
  return [survey.purpose, survey.legalBasis, questions.map((q, i) => `${i + 1}. ${q.text}`).join("\n")].filter(Boolean).join("\n\n");
}

/** What the search finds now differs from what the send page showed: the sender looks again before anything is sent. */
export class SurveyReusePlanChangedError extends ConflictError {
  constructor() {
    super("errors.surveyReusePlanChanged");
  }
}

/**
 * Sends the survey. `shownFingerprint` is the fingerprint (reusePlanFingerprint) of the plan the
 * send page showed; when given (the page always gives it; an empty one from a page that had none)
 * and the plan computed now differs, nothing is written and SurveyReusePlanChangedError says so.
 */
export async function sendSurvey(input: {
  actor: Actor;
  surveyId: string;
  today?: string;
  plan?: SurveyReusePlan;
  shownFingerprint?: string;
}) {
  // The search engine is asked before the transaction: it is outside PostgreSQL's locks anyway.
  const plan = input.plan ?? (await planSurveyReuse({ surveyId: input.surveyId, today: input.today }));
  return inTransaction(undefined, async (trx) => {
    await lockDraft(trx, input);
    const survey = await trx
      .selectFrom("surveys")
      .leftJoin("organisations", "organisations.id", "surveys.sender_organisation_id")
      .select([
        "surveys.title",
        "surveys.purpose",
        "surveys.legal_basis as legalBasis",
        "surveys.target_scope as targetScope",
        "surveys.deadline_working_days as workingDays",
        "organisations.name as organisationName",
        "organisations.type as organisationType",
      ])
      .where("surveys.id", "=", input.surveyId)
      .executeTakeFirstOrThrow();
    const questions = await trx
      .selectFrom("survey_questions")
      .select(["id", "text", "estimated_minutes as minutes", "reuse_confirmed as confirmed"])
      .where("survey_id", "=", input.surveyId)
      .orderBy("position")
      .execute();
    const targets = (
      await trx.selectFrom("survey_targets").select("organisation_id").where("survey_id", "=", input.surveyId).execute()
    ).map((t) => t.organisation_id);
    if (questions.length === 0) throw new SurveyInputError("errors.surveyNoQuestions");
    if (targets.length === 0) throw new SurveyInputError("errors.surveyNoTargets");
    if (input.shownFingerprint !== undefined && input.shownFingerprint !== reusePlanFingerprint(plan))
      throw new SurveyReusePlanChangedError();

    // What each confirmed question reuses, for each organisation; an answer reused must still exist.
    const planOf = new Map(plan.questions.map((q) => [q.questionId, q]));
    const reused: { questionId: string; cell: SurveyReusePlan["questions"][number]["cells"][number]; minutes: number }[] = [];
    for (const question of questions) {
      if (!question.confirmed) continue;
      for (const cell of planOf.get(question.id)?.cells ?? []) {
        if (cell.kind === "new" || !targets.includes(cell.organisationId)) continue;
        reused.push({ questionId: question.id, cell, minutes: question.minutes });
      }
    }
    const remaining = new Map(targets.map((id) => [id, questions.length]));
    for (const r of reused) remaining.set(r.cell.organisationId, (remaining.get(r.cell.organisationId) ?? 0) - 1);
    // A survey every municipality has already answered asks no one: its request is answered by
    // existing data at once (no tasks, no due date) and its results are the sender's straight away;
    // it stays sent, not closed, so its results become public only when the sender closes it (ADR 026).
    const asked = targets.filter((id) => (remaining.get(id) ?? 0) > 0);

    const request = await createRequest(
      {
        requesterUserId: input.actor.id,
        request: {
          kind: "survey",
          title: survey.title,
          body: requestBodyOf(survey, questions),
          purpose: survey.purpose,
          requesterType: requesterTypeOf(survey.organisationType),
          // The survey form does not ask how to show the sender; a private sender is not named (as on the survey page).
          shownAs: survey.organisationName ? "organisation" : "anonymous",
          requesterOrganisationName: survey.organisationName,
          targetScope: survey.targetScope,
          targetOrganisationIds: targets,
          wishedFormat: null,
          updateFrequency: null,
        },
        answeredByExistingData: asked.length === 0,
      },
      trx,
    );
    const { dueDate } =
      asked.length > 0
        ? await routeRequest(
            { actorUserId: input.actor.id, requestId: request.id, organisationIds: asked, workingDays: survey.workingDays },
            trx,
          )
        : { dueDate: null };

    if (reused.length) {
      const originals = await trx
        .selectFrom("survey_answers")
        .select(["id", "value"])
        .where(
          "id",
          "in",
          reused.flatMap((r) => (r.cell.answer ? [r.cell.answer.id] : [])).concat(["00000000-0000-0000-0000-000000000000"]),
        )
        .execute();
      const valueOf = new Map(originals.map((o) => [o.id, o.value]));
      type ReuseRow = (typeof reused)[number] & {
        source: "reused_answer" | "open_data";
        value: SurveyAnswerValue;
        reusedAnswerId: string | null;
        datasetId: string | null;
      };
      const rows = reused.flatMap((r): ReuseRow[] => {
        if (r.cell.kind === "earlier_answer") {
          const value = r.cell.answer ? valueOf.get(r.cell.answer.id) : undefined;
          if (value === undefined || value === null || !r.cell.answer) return [];
          return [{ ...r, source: "reused_answer", value, reusedAnswerId: r.cell.answer.id, datasetId: null }];
        }
        return r.cell.dataset
          ? [{ ...r, source: "open_data", value: r.cell.dataset.uri, reusedAnswerId: null, datasetId: r.cell.dataset.id }]
          : [];
      });
      if (rows.length) {
        await trx
          .insertInto("survey_answers")
          .values(
            rows.map((r) => ({
              survey_id: input.surveyId,
              question_id: r.questionId,
              organisation_id: r.cell.organisationId,
              value: JSON.stringify(r.value),
              source: r.source,
              reused_answer_id: r.reusedAnswerId,
              dataset_id: r.datasetId,
              answered_by: input.actor.id,
            })),
          )
          .execute();
        const spared: SparedQuestion[] = rows.map((r) => ({
          questionId: r.questionId,
          requestId: request.id,
          organisationId: r.cell.organisationId,
          minutes: r.minutes,
          reason: r.source === "open_data" ? "survey_question_open_data" : "survey_question_reused",
          datasetId: r.datasetId,
          detail: (r.cell.answer
            ? { survey: input.surveyId, earlierSurvey: r.cell.answer.surveyId, answeredOn: r.cell.answer.answeredOn }
            : { survey: input.surveyId, dataset: r.cell.dataset?.uri ?? "" }) as Record<string, string>,
        }));
        await recordSparedQuestions(trx, spared, input.actor.id);
        await trx
          .insertInto("search_outbox")
          .values([...new Set(rows.map((r) => r.questionId))].map((entity_id) => ({ entity_type: "answer" as const, entity_id })))
          .execute();
      }
    }

    await trx
      .updateTable("surveys")
      .set((eb) => ({
        status: "sent",
        request_id: request.id,
        due_date: dueDate,
        sent_at: new Date(),
        updated_at: new Date(),
        version: eb("version", "+", 1),
      }))
      .where("id", "=", input.surveyId)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "survey",
      entityId: input.surveyId,
      action: "send",
      fromState: "draft",
      toState: "sent",
      data: { requestId: request.id, tasks: asked.length, reused: reused.length, dueDate },
    });
    return { requestId: request.id, requestNumber: request.number, dueDate, tasks: asked.length, reused: reused.length };
  });
}

/** The sender (or a coordinator) closes a sent survey: no more answers; its results become public. */
export function closeSurvey(input: { actor: Actor; surveyId: string; mayCloseAny: boolean }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    const survey = await trx
      .selectFrom("surveys")
      .select(["id", "status", "sender_user_id as senderUserId", "request_id as requestId"])
      .where("id", "=", input.surveyId)
      .forUpdate()
      .executeTakeFirst();
    if (!survey) throw new SurveyNotFoundError();
    if (survey.senderUserId !== input.actor.id && !input.mayCloseAny) throw new ForbiddenError();
    if (survey.status !== "sent" || !survey.requestId) throw new SurveyNotSentError();
    const request = await trx.selectFrom("requests").select("status").where("id", "=", survey.requestId).executeTakeFirstOrThrow();
    // A request answered by existing data (a survey every municipality had already answered) is final already.
    if (!isFinal("request", request.status)) await closeRequestAndTell(trx, { actorUserId: input.actor.id, requestId: survey.requestId });
    await trx
      .updateTable("surveys")
      .set({ status: "closed", closed_at: new Date(), updated_at: new Date() })
      .where("id", "=", survey.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "survey",
      entityId: survey.id,
      action: "close",
      fromState: "sent",
      toState: "closed",
    });
  });
}
