import { Form } from "@remix-run/react";
import { SurveyQuestionFields } from "../../components/survey-questions";
import type { MessageKey } from "../../i18n/translate";
import { useTranslation } from "../../i18n/use-translation";
import { formatDate } from "../../utils/dates";
import { keptList } from "../../utils/kept-values";
import type { FormState, LoaderData } from "./page-data";

/**
 * A survey task's questions (issue 10): each answered by its type; a reused answer (open data,
 * an earlier answer) is shown with where it came from and may be corrected. Saving part of them
 * is fine; the task is done when every question has an answer.
 */
export function SurveyAnswers({
  survey,
  taskStatus,
  version,
  failure,
  values,
}: FormState & { survey: NonNullable<LoaderData["survey"]>; taskStatus: string }) {
  const { t, locale } = useTranslation();
  const open = survey.status === "sent" && (taskStatus === "pending" || taskStatus === "in_progress");
  const shown: Record<string, string | string[]> = {};
  const notes: Record<string, string> = {};
  const errors: Partial<Record<string, MessageKey>> = {};
  for (const question of survey.questions) {
    const field = `q.${question.id}`;
    const typed = failure ? values[field] : undefined;
    const answer = question.answer;
    if (typed !== undefined) shown[question.id] = question.answerType === "multiple_choice" ? (keptList(values, field) ?? []) : typed;
    else if (answer && answer.source === "typed") {
      const value = answer.value;
      shown[question.id] = typeof value === "boolean" ? (value ? "yes" : "no") : Array.isArray(value) ? value : String(value);
    }
    if (answer?.source === "reused_answer" && answer.reusedFrom)
      notes[question.id] = `${t("surveyTask.reusedFrom", {
        survey: answer.reusedFrom.surveyTitle,
        date: formatDate(answer.reusedFrom.answeredAt, locale),
      })} (${Array.isArray(answer.value) ? answer.value.join(", ") : String(answer.value)})`;
    else if (answer?.source === "open_data")
      notes[question.id] = t("surveyTask.openData", { title: answer.datasetTitle ?? answer.datasetUri ?? String(answer.value) });
    else if (answer) notes[question.id] = t("surveyTask.answered", { date: formatDate(answer.answeredAt, locale) });
    const error = failure?.fieldErrors[field]?.[0];
    if (error) errors[question.id] = error;
  }
  return (
    <section aria-labelledby="survey-questions">
      <h2 id="survey-questions">{t("surveyTask.title")}</h2>
      <p>{t("surveyTask.intro")}</p>
      {open ? (
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="survey_answers" />
          <input type="hidden" name="version" value={version} />
          <SurveyQuestionFields questions={survey.questions} values={shown} errors={errors} notes={notes} />
          <div>
            <button type="submit">{t("surveyTask.save")}</button>
          </div>
        </Form>
      ) : (
        <SurveyQuestionFields questions={survey.questions} values={shown} notes={notes} disabled />
      )}
    </section>
  );
}
