import type { Transaction } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import type { Actor } from "../auth/permissions";
import { isChosenScope, targetTypesOf, type TargetScope } from "../domain/requests";
import { SURVEY_MAX_MINUTES, SURVEY_MAX_QUESTIONS, takesChoices, type SurveyAnswerType, type SurveyStatus } from "../domain/surveys";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { inTransaction } from "./transaction.server";

/**
 * A survey's draft (issue 10, ADR 026): its sender creates and edits it — details, targets and
 * questions — until it is sent (app/models/survey-send.server.ts). Only the sender edits; a sent
 * or closed survey is not edited. Each command is one transaction with its event.
 */

export class SurveyNotFoundError extends NotFoundError {}

/** The survey is sent or closed: nothing in it changes. */
export class SurveyNotDraftError extends ConflictError {
  constructor(readonly surveyStatus: SurveyStatus) {
    super("errors.surveyNotDraft");
  }
}

/** Only a sent survey is closed. */
export class SurveyNotSentError extends ConflictError {
  constructor() {
    super("errors.surveyNotSent");
  }
}

/** A question or survey the rules refuse (no choices for a choice question, too many questions …). */
export class SurveyInputError extends ConflictError {}

export interface SurveyDetails {
  title: string;
  purpose: string;
  legalBasis: string | null;
  deadlineWorkingDays: number;
}

export interface SurveyTargets {
  targetScope: TargetScope;
  /** For `chosen`: the municipalities (or the region) asked. */
  organisationIds: string[];
}

export interface QuestionInput {
  text: string;
  answerType: SurveyAnswerType;
  unit: string | null;
  helpText: string | null;
  choices: string[];
  /** Null: the coordinators' default for the answer type. */
  estimatedMinutes: number | null;
  confidential: boolean;
}

/** The survey row, locked; the actor must be its sender and it must still be a draft. */
export async function lockDraft(trx: Transaction<Database>, input: { actor: Actor; surveyId: string }) {
  const survey = await trx
    .selectFrom("surveys")
    .select(["id", "status", "sender_user_id as senderUserId", "version", "title", "target_scope as targetScope"])
    .where("id", "=", input.surveyId)
    .forUpdate()
    .executeTakeFirst();
  if (!survey) throw new SurveyNotFoundError();
  if (survey.senderUserId !== input.actor.id) throw new ForbiddenError();
  if (survey.status !== "draft") throw new SurveyNotDraftError(survey.status);
  return survey;
}

/** Every edit of a draft: its version and time bumped, and the event saying what changed. */
export async function recordDraftEdit(
  trx: Transaction<Database>,
  input: { actor: Actor; surveyId: string },
  action: string,
  data?: Record<string, unknown>,
) {
  await trx
    .updateTable("surveys")
    .set((eb) => ({ updated_at: new Date(), version: eb("version", "+", 1) }))
    .where("id", "=", input.surveyId)
    .execute();
  await recordEvent(trx, { actorUserId: input.actor.id, entityType: "survey", entityId: input.surveyId, action, data });
}

async function assertQuestion(trx: Transaction<Database>, question: QuestionInput) {
  const minutes =
    question.estimatedMinutes ??
    (
      await trx
        .selectFrom("survey_answer_time_defaults")
        .select("minutes")
        .where("answer_type", "=", question.answerType)
        .executeTakeFirst()
    )?.minutes ??
    0;
  if (minutes < 0 || minutes > SURVEY_MAX_MINUTES || !Number.isInteger(minutes)) throw new SurveyInputError("errors.surveyMinutesInvalid");
  const choices = question.choices.map((c) => c.trim()).filter(Boolean);
  if (takesChoices(question.answerType) && choices.length < 2) throw new SurveyInputError("errors.surveyChoicesRequired");
  if (new Set(choices).size !== choices.length) throw new SurveyInputError("errors.surveyChoicesDuplicate");
  return {
    text: question.text.trim(),
    answer_type: question.answerType,
    unit: question.answerType === "number" ? question.unit?.trim() || null : null,
    help_text: question.helpText?.trim() || null,
    choices: JSON.stringify(takesChoices(question.answerType) ? choices : []),
    estimated_minutes: minutes,
    confidential: question.confidential,
  };
}

/** The organisation a requester sends for: their first membership's, if they have one. */
async function senderOrganisationOf(trx: Transaction<Database>, actor: Actor) {
  const organisationId = actor.memberships[0]?.organisationId;
  if (!organisationId) return null;
  const row = await trx.selectFrom("organisations").select("id").where("id", "=", organisationId).executeTakeFirst();
  return row?.id ?? null;
}

/** A new draft with its details; targets and questions are added on its edit page. */
export function createSurvey(input: { actor: Actor; details: SurveyDetails }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    const settings = await trx.selectFrom("survey_settings").select("validity_months").executeTakeFirst();
    const created = await trx
      .insertInto("surveys")
      .values({
        sender_user_id: input.actor.id,
        sender_organisation_id: await senderOrganisationOf(trx, input.actor),
        title: input.details.title.trim(),
        purpose: input.details.purpose.trim(),
        legal_basis: input.details.legalBasis?.trim() || null,
        deadline_working_days: input.details.deadlineWorkingDays,
        validity_months: settings?.validity_months ?? 12,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, { actorUserId: input.actor.id, entityType: "survey", entityId: created.id, action: "create", toState: "draft" });
    return { surveyId: created.id };
  });
}

export function updateSurveyDetails(input: { actor: Actor; surveyId: string; details: SurveyDetails }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    await lockDraft(trx, input);
    await trx
      .updateTable("surveys")
      .set({
        title: input.details.title.trim(),
        purpose: input.details.purpose.trim(),
        legal_basis: input.details.legalBasis?.trim() || null,
        deadline_working_days: input.details.deadlineWorkingDays,
      })
      .where("id", "=", input.surveyId)
      .execute();
    await recordDraftEdit(trx, input, "edit_details");
  });
}

/**
 * Whom the survey asks: every municipality, the region, or the chosen ones (the same rule as a
 * request's, app/domain/requests.ts). The organisations are written out as targets now, so the
 * preview and the reuse check see them.
 */
export function setSurveyTargets(input: { actor: Actor; surveyId: string; targets: SurveyTargets }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    await lockDraft(trx, input);
    const chosen = isChosenScope(input.targets.targetScope);
    const ids = [...new Set(input.targets.organisationIds)];
    const rows =
      chosen && ids.length === 0
        ? []
        : await trx
            .selectFrom("organisations")
            .select("id")
            .where("type", "in", targetTypesOf[input.targets.targetScope])
            .$if(chosen, (qb) => qb.where("id", "in", ids))
            .execute();
    if (chosen && rows.length !== ids.length) throw new SurveyInputError("errors.targetsInvalid");
    await trx.updateTable("surveys").set({ target_scope: input.targets.targetScope }).where("id", "=", input.surveyId).execute();
    await trx.deleteFrom("survey_targets").where("survey_id", "=", input.surveyId).execute();
    if (rows.length)
      await trx
        .insertInto("survey_targets")
        .values(rows.map((row) => ({ survey_id: input.surveyId, organisation_id: row.id })))
        .execute();
    await recordDraftEdit(trx, input, "set_targets", { scope: input.targets.targetScope, organisations: rows.length });
    return { targets: rows.length };
  });
}

export function addQuestion(input: { actor: Actor; surveyId: string; question: QuestionInput }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    await lockDraft(trx, input);
    const values = await assertQuestion(trx, input.question);
    const last = await trx
      .selectFrom("survey_questions")
      .select([(eb) => eb.fn.max("position").as("position"), (eb) => eb.fn.countAll<string>().as("count")])
      .where("survey_id", "=", input.surveyId)
      .executeTakeFirstOrThrow();
    if (Number(last.count) >= SURVEY_MAX_QUESTIONS) throw new SurveyInputError("errors.surveyTooManyQuestions");
    const created = await trx
      .insertInto("survey_questions")
      .values({ ...values, survey_id: input.surveyId, position: (last.position ?? 0) + 1 })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordDraftEdit(trx, input, "add_question", { questionId: created.id });
    return { questionId: created.id };
  });
}

async function findQuestion(trx: Transaction<Database>, surveyId: string, questionId: string) {
  const question = await trx
    .selectFrom("survey_questions")
    .select(["id", "position"])
    .where("id", "=", questionId)
    .where("survey_id", "=", surveyId)
    .executeTakeFirst();
  if (!question) throw new SurveyNotFoundError();
  return question;
}

export function updateQuestion(
  input: { actor: Actor; surveyId: string; questionId: string; question: QuestionInput },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    await lockDraft(trx, input);
    await findQuestion(trx, input.surveyId, input.questionId);
    const values = await assertQuestion(trx, input.question);
    // A changed question is a new question: an earlier confirmation of reuse was for the old one.
    await trx
      .updateTable("survey_questions")
      .set({ ...values, reuse_confirmed: false })
      .where("id", "=", input.questionId)
      .execute();
    await recordDraftEdit(trx, input, "edit_question", { questionId: input.questionId });
  });
}

export function removeQuestion(input: { actor: Actor; surveyId: string; questionId: string }, trx?: Transaction<Database>) {
  return inTransaction(trx, async (trx) => {
    await lockDraft(trx, input);
    await findQuestion(trx, input.surveyId, input.questionId);
    await trx.deleteFrom("survey_questions").where("id", "=", input.questionId).execute();
    await recordDraftEdit(trx, input, "remove_question", { questionId: input.questionId });
  });
}

/** Moves a question one place up or down, swapping it with its neighbour. */
export function moveQuestion(
  input: { actor: Actor; surveyId: string; questionId: string; direction: "up" | "down" },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    await lockDraft(trx, input);
    const question = await findQuestion(trx, input.surveyId, input.questionId);
    const neighbour = await trx
      .selectFrom("survey_questions")
      .select(["id", "position"])
      .where("survey_id", "=", input.surveyId)
      .where("position", input.direction === "up" ? "<" : ">", question.position)
      .orderBy("position", input.direction === "up" ? "desc" : "asc")
      .limit(1)
      .executeTakeFirst();
    if (!neighbour) return { moved: false };
    await trx.updateTable("survey_questions").set({ position: neighbour.position }).where("id", "=", question.id).execute();
    await trx.updateTable("survey_questions").set({ position: question.position }).where("id", "=", neighbour.id).execute();
    await recordDraftEdit(trx, input, "move_question", { questionId: input.questionId, direction: input.direction });
    return { moved: true };
  });
}

/** The coordinators' default answer time per type, which a new question is prefilled with. */
export async function listAnswerTimeDefaults() {
  const rows = await db.selectFrom("survey_answer_time_defaults").select(["answer_type as answerType", "minutes"]).execute();
  return Object.fromEntries(rows.map((row) => [row.answerType, row.minutes])) as Partial<Record<SurveyAnswerType, number>>;
}
