import { z } from "zod";
import { formInteger } from "./form.server";
import { targetScopes } from "../domain/requests";
import {
  SURVEY_MAX_CHOICES,
  SURVEY_MAX_MINUTES,
  SURVEY_MAX_WORKING_DAYS,
  SURVEY_TEXT_MAX_LENGTH,
  surveyAnswerTypes,
} from "../domain/surveys";

// Messages are i18n keys (app/i18n/surveys.messages.ts). The words come from app/domain/surveys.ts
// (ADR 017); the model checks the rules that need the database (app/models/survey.server.ts).

export const surveyIdParam = z.uuid();

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.fieldTooLong")
    .optional()
    .transform((value) => value || null);

/** The survey's details, as the new-survey form and the edit page's first form send them. */
export const surveyDetailsSchema = z.object({
  title: z.string("errors.surveyTitleRequired").trim().min(1, "errors.surveyTitleRequired").max(200, "errors.titleTooLong"),
  purpose: z.string().trim().max(SURVEY_TEXT_MAX_LENGTH, "errors.fieldTooLong").default(""),
  legalBasis: optionalText(1_000),
  deadlineWorkingDays: formInteger("errors.surveyWorkingDaysInvalid", 1, SURVEY_MAX_WORKING_DAYS),
});

export const surveyTargetsSchema = z.object({
  targetScope: z.enum(targetScopes, "errors.targetRequired"),
  organisationIds: z.array(z.uuid("errors.targetsInvalid")).max(60, "errors.targetsInvalid").default([]),
});

/** One question as its form sends it; choices come one per line. */
export const surveyQuestionSchema = z.object({
  text: z
    .string("errors.surveyQuestionTextRequired")
    .trim()
    .min(1, "errors.surveyQuestionTextRequired")
    .max(SURVEY_TEXT_MAX_LENGTH, "errors.fieldTooLong"),
  answerType: z.enum(surveyAnswerTypes, "errors.surveyTypeInvalid"),
  unit: optionalText(100),
  helpText: optionalText(SURVEY_TEXT_MAX_LENGTH),
  choices: z
    .string()
    .max(SURVEY_TEXT_MAX_LENGTH, "errors.fieldTooLong")
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(200, "errors.fieldTooLong")).max(SURVEY_MAX_CHOICES, "errors.fieldTooLong")),
  // Left empty: the coordinators' default for the answer type.
  estimatedMinutes: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? null : value),
    z.coerce
      .number("errors.surveyMinutesInvalid")
      .int("errors.surveyMinutesInvalid")
      .min(0, "errors.surveyMinutesInvalid")
      .max(SURVEY_MAX_MINUTES, "errors.surveyMinutesInvalid")
      .nullable(),
  ),
  confidential: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
});

export const questionIdSchema = z.object({ questionId: z.uuid() });
export const moveQuestionSchema = z.object({ questionId: z.uuid(), direction: z.enum(["up", "down"]) });
export const confirmReuseSchema = z.object({ questionId: z.uuid(), confirmed: z.enum(["true", "false"]).transform((v) => v === "true") });

/**
 * Sending: the fingerprint of the reuse plan the page showed. A missing or malformed one (a page
 * from before it was sent along) reads as empty, which no plan has: the sender is shown the plan again.
 */
export const sendSurveySchema = z.object({ fingerprint: z.string().max(100).catch("").default("") });

export const surveyEditIntents = ["details", "targets", "add_question", "update_question", "remove_question", "move_question"] as const;
export const surveySendIntents = ["confirm_reuse", "send"] as const;

/** A survey task's answers: the version the form was loaded with; the answers themselves are read per question. */
export const surveyAnswersSchema = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647) });

/** The form field of a question's answer. */
export const answerFieldName = (questionId: string) => `q.${questionId}`;

const months = (min: number, message: "errors.surveyValidityInvalid" | "errors.surveyRecentInvalid") => formInteger(message, min, 120);
const minutes = formInteger("errors.surveyMinutesInvalid", 0, SURVEY_MAX_MINUTES);

/** The coordinators' survey settings: months, and minutes per answer type (fields `minutes.<type>`). */
export const surveySettingsSchema = z
  .object({
    validityMonths: months(1, "errors.surveyValidityInvalid"),
    recentlyAskedMonths: months(0, "errors.surveyRecentInvalid"),
    ...Object.fromEntries(surveyAnswerTypes.map((type) => [`minutes.${type}`, minutes])),
  })
  .transform((form) => {
    const values = form as Record<string, number>;
    return {
      validityMonths: values.validityMonths,
      recentlyAskedMonths: values.recentlyAskedMonths,
      minutes: Object.fromEntries(surveyAnswerTypes.map((type) => [type, values[`minutes.${type}`]])) as Record<
        (typeof surveyAnswerTypes)[number],
        number
      >,
    };
  });
