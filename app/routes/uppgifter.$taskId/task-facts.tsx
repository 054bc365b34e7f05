import { Link } from "@remix-run/react";
import { hasTaskAnswer, TaskAnswer } from "../../components/task-answer";
import { isTaskDone } from "../../domain/tasks";
import { requestStatusLabel, taskStatusLabel } from "../../i18n/status.messages";
import { useTranslation } from "../../i18n/use-translation";
import { formatDate } from "../../utils/dates";
import type { LoaderData } from "./page-data";

/** The task's status, due date, assignee and the request's requester and support. */
export function TaskFacts({ task, request }: Pick<LoaderData, "task" | "request">) {
  const { t, locale } = useTranslation();
  const requester = request.requester.name ?? t("task.requesterAnonymous");
  const daysLeft = task.workingDaysLeft;
  return (
    <section aria-labelledby="task-facts">
      <h2 id="task-facts">{t("task.facts")}</h2>
      <dl className="facts">
        <dt>{t("task.status")}</dt>
        <dd>{t(taskStatusLabel(task.status))}</dd>
        <dt>{t("task.requestStatus")}</dt>
        <dd>{t(requestStatusLabel(request.status))}</dd>
        <dt>{t("task.dueDate")}</dt>
        <dd>
          {formatDate(task.dueDate, locale)}{" "}
          {isTaskDone(task.status) ? null : task.overdue ? (
            <strong>{t("task.overdueBy", { count: -daysLeft })}</strong>
          ) : (
            t("task.daysLeft", { count: daysLeft })
          )}
        </dd>
        <dt>{t("task.assignee")}</dt>
        <dd>{task.assignee?.name ?? t("taskInbox.unassigned")}</dd>
        <dt>{t("task.requester")}</dt>
        <dd>{requester}</dd>
        <dt>{t("task.support")}</dt>
        <dd>
          {t("requestPage.votes", { count: request.voteCount })}, {t("requestPage.followers", { count: request.followerCount })}
        </dd>
      </dl>
    </section>
  );
}

/** What was asked and why, with a link to the public page. */
export function TaskRequest({ request }: Pick<LoaderData, "request">) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="task-request">
      <h2 id="task-request">{t("task.request")}</h2>
      <p className="prewrap">{request.body}</p>
      <h3>{t("task.purpose")}</h3>
      <p className="prewrap">{request.purpose}</p>
      <p>
        <Link to={`/requests/${request.number}`}>{t("task.publicPage")}</Link>
      </p>
    </section>
  );
}

/** The task's saved answer or decline and its linked datasets, when there is any; for a survey's task, that its questions are answered. */
export function CurrentAnswer({ task, datasets, survey }: Pick<LoaderData, "task" | "datasets"> & { survey: boolean }) {
  const { t } = useTranslation();
  const answer = { ...task, datasets };
  if (!hasTaskAnswer(answer, survey)) return null;
  return (
    <section aria-labelledby="task-answer">
      <h2 id="task-answer">{t("task.currentAnswer")}</h2>
      <TaskAnswer answer={answer} survey={survey} />
    </section>
  );
}
