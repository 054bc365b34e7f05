import { Link } from "@remix-run/react";
import type { TaskStatus } from "../domain/tasks";
import { pickLanguage } from "../i18n/language-map";
import { useTranslation } from "../i18n/use-translation";

/** What an organisation answered on its task, as the request page and the task page both show it. */
export type TaskAnswerShown = {
  status: TaskStatus;
  answerText: string | null;
  declineText: string | null;
  declineReason: { sv: string; en: string } | null;
  datasets: { datasetId: string | null; pendingUri: string | null; title: Record<string, string> | null }[];
};

/** A survey's task answered in full has no text: its answers are on the survey's page (ADR 026). */
function surveyAnswered(answer: TaskAnswerShown, survey: boolean) {
  return survey && answer.status === "answered" && !answer.answerText;
}

/** Whether there is anything to show: an answer, a decline, a linked dataset or a survey answered. */
export function hasTaskAnswer(answer: TaskAnswerShown, survey: boolean) {
  return Boolean(
    answer.declineReason || answer.declineText || answer.answerText || answer.datasets.length > 0 || surveyAnswered(answer, survey),
  );
}

/**
 * The decline reason, the text and the datasets linked (a link the catalogue has not harvested yet
 * marked as waiting); for a survey's task answered in full, that its questions are answered.
 */
export function TaskAnswer({ answer, survey }: { answer: TaskAnswerShown; survey: boolean }) {
  const { t, locale } = useTranslation();
  return (
    <>
      {answer.declineReason ? <p>{locale === "en" ? answer.declineReason.en : answer.declineReason.sv}</p> : null}
      {answer.declineText ? <p className="prewrap">{answer.declineText}</p> : null}
      {answer.answerText ? <p className="prewrap">{answer.answerText}</p> : null}
      {surveyAnswered(answer, survey) ? <p>{t("surveyTask.answeredAll")}</p> : null}
      {answer.datasets.length > 0 ? (
        <ul>
          {answer.datasets.map((d) =>
            d.datasetId ? (
              <li key={d.datasetId}>
                <Link to={`/datasets/${d.datasetId}`}>{pickLanguage(d.title, locale).text}</Link>
              </li>
            ) : (
              <li key={d.pendingUri}>
                {d.pendingUri} <span className="badge">{t("task.pendingLink")}</span>
              </li>
            ),
          )}
        </ul>
      ) : null}
    </>
  );
}
