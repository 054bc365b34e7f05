import { isCalendarDate } from "../utils/dates";
import { isHttpUrl } from "../utils/urls";
/**
 * The words of a survey (issue 10, ADR 026): its statuses, the answer types of its questions and
 * where an answer came from. Plain values the browser may import; db/schema.ts repeats them as the
 * columns' types and test/domain/vocabulary.test.ts holds the two together (ADR 017).
 */

/** A draft is edited by its sender only; `sent` has its tasks; `closed` takes no more answers. */
export const surveyStatuses = ["draft", "sent", "closed"] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

export const surveyAnswerTypes = ["number", "text", "single_choice", "multiple_choice", "yes_no", "date", "dataset_link"] as const;
export type SurveyAnswerType = (typeof surveyAnswerTypes)[number];

/** Where a stored answer came from: typed by the municipality, an earlier answer reused, or open data. */
export const surveyAnswerSources = ["typed", "reused_answer", "open_data"] as const;
export type SurveyAnswerSource = (typeof surveyAnswerSources)[number];

export function isSurveyAnswerType(value: string): value is SurveyAnswerType {
  return (surveyAnswerTypes as readonly string[]).includes(value);
}

/** Types whose answer is one of the question's choices, or several of them. */
export function takesChoices(type: SurveyAnswerType) {
  return type === "single_choice" || type === "multiple_choice";
}

/** A working week (40 hours): no single answer is estimated to take longer. */
export const SURVEY_MAX_MINUTES = 2400;
export const SURVEY_MAX_QUESTIONS = 100;
export const SURVEY_MAX_CHOICES = 30;
export const SURVEY_TEXT_MAX_LENGTH = 5_000;
export const SURVEY_DEFAULT_WORKING_DAYS = 20;
export const SURVEY_MAX_WORKING_DAYS = 120;

/**
 * What the portal found for one question and one municipality before sending: an open dataset
 * that answers it, an earlier answer of that municipality (old when past the validity period), or
 * nothing (a new question).
 */
export const reuseKinds = ["open_data", "earlier_answer", "new"] as const;
export type ReuseKind = (typeof reuseKinds)[number];

/** Whether an answer given on `answeredAt` (YYYY-MM-DD) is older than `validityMonths` on `today`. */
export function isAnswerOld(answeredOn: string, today: string, validityMonths: number) {
  const [y, m, d] = today.split("-").map(Number);
  const limit = new Date(Date.UTC(y, m - 1 - validityMonths, d));
  return answeredOn < limit.toISOString().slice(0, 10);
}

/** Why a typed answer is refused; app/i18n/surveys.messages.ts tells each in the reader's language. */
export type SurveyAnswerProblem = "required" | "number" | "choice" | "yes_no" | "date" | "url" | "too_long";

export type ParsedSurveyAnswer = { ok: true; value: number | string | boolean | string[] } | { ok: false; problem: SurveyAnswerProblem };

/**
 * Reads what a municipality typed for a question of the given type: a number (Swedish decimal
 * comma and spaces between thousands accepted), a text, one or several of the offered choices,
 * yes or no, a date (YYYY-MM-DD) or a web address of a dataset.
 */
export function parseSurveyAnswer(
  question: { answerType: SurveyAnswerType; choices: readonly string[] },
  raw: string | readonly string[],
): ParsedSurveyAnswer {
  const values = (typeof raw === "string" ? [raw] : [...raw]).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) return { ok: false, problem: "required" };
  const first = values[0];
  if (first.length > SURVEY_TEXT_MAX_LENGTH) return { ok: false, problem: "too_long" };
  switch (question.answerType) {
    case "number": {
      const normalised = first.replace(/[\s\u00a0]/g, "").replace(",", ".");
      const number = /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
      return Number.isFinite(number) ? { ok: true, value: number } : { ok: false, problem: "number" };
    }
    case "text":
      return { ok: true, value: first };
    case "single_choice":
      return values.length === 1 && question.choices.includes(first) ? { ok: true, value: first } : { ok: false, problem: "choice" };
    case "multiple_choice": {
      const chosen = [...new Set(values)];
      return chosen.every((v) => question.choices.includes(v)) ? { ok: true, value: chosen } : { ok: false, problem: "choice" };
    }
    case "yes_no":
      return first === "yes" || first === "no" ? { ok: true, value: first === "yes" } : { ok: false, problem: "yes_no" };
    case "date":
      return isCalendarDate(first) ? { ok: true, value: first } : { ok: false, problem: "date" };
    case "dataset_link":
      return isHttpUrl(first) ? { ok: true, value: first } : { ok: false, problem: "url" };
  }
}

/**
 * Whether a stored answer (an earlier survey's) is one this question could take, as if typed: a
 * choice it still offers, a number for a number, and so on. An answer that is not is never reused.
 */
export function answerFitsQuestion(question: { answerType: SurveyAnswerType; choices: readonly string[] }, value: unknown): boolean {
  // A number as text could read "1e-7", which no one types: a number fits a number question as it is.
  if (typeof value === "number")
    return question.answerType === "number" ? Number.isFinite(value) : parseSurveyAnswer(question, String(value)).ok;
  const raw =
    typeof value === "boolean"
      ? value
        ? "yes"
        : "no"
      : Array.isArray(value)
        ? value.map(String)
        : typeof value === "string"
          ? value
          : null;
  return raw !== null && parseSurveyAnswer(question, raw).ok;
}

/**
 * The survey's status as readers see it: a sent survey whose request a coordinator closed (on the
 * triage page) is closed too, though only closeSurvey writes `closed` on the survey itself.
 */
export function surveyStatusOf(status: SurveyStatus, requestStatus: string | null): SurveyStatus {
  return status === "sent" && requestStatus === "closed" ? "closed" : status;
}
