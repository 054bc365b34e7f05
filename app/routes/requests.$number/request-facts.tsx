import { Link } from "@remix-run/react";
import { updateFrequencies } from "../../domain/requests";
import { pickLanguage } from "../../i18n/language-map";
import { taskStatusLabel } from "../../i18n/status.messages";
import { useTranslation } from "../../i18n/use-translation";
import { TaskAnswer } from "../../components/task-answer";
import { formatTimestamp } from "../../utils/dates";
import { isoOf, type LoaderData } from "./page-data";

function isUpdateFrequency(value: string | null): value is (typeof updateFrequencies)[number] {
  return (updateFrequencies as readonly (string | null)[]).includes(value);
}

/** Who asked, whom, in what form, how often and by when. */
export function RequestFacts({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const { request, targets } = data;
  return (
    <>
      <h2 className="visually-hidden">{t("requestPage.facts")}</h2>
      <dl className="facts">
        <dt>{t("requestPage.requester")}</dt>
        <dd>{request.requester.name ?? t("requestPage.requesterAnonymous")}</dd>
        <dt>{t("requestPage.submittedAt")}</dt>
        <dd>
          <time dateTime={isoOf(request.createdAt)}>{formatTimestamp(request.createdAt)}</time>
        </dd>
        <dt>{t("requestPage.targets")}</dt>
        <dd>
          {request.targetScope === "all"
            ? t("requestPage.targets.all")
            : request.targetScope === "region"
              ? t("requestPage.targets.region")
              : targets.length > 0
                ? targets.map((target) => target.name).join(", ")
                : t("requestPage.targets.chosenNone")}
        </dd>
        <dt>{t("requestPage.wishedFormat")}</dt>
        <dd>{request.wishedFormat || t("requestPage.notGiven")}</dd>
        <dt>{t("requestPage.updateFrequency")}</dt>
        <dd>
          {/* Stored as the submit form's code; said in the form's own words. */}
          {isUpdateFrequency(request.updateFrequency)
            ? t(`newRequest.updateFrequency.${request.updateFrequency}`)
            : request.updateFrequency || t("requestPage.notGiven")}
        </dd>
        <dt>{t("requestPage.dueDate")}</dt>
        <dd>{request.dueDate ?? t("requestPage.notGiven")}</dd>
        {request.specification ? (
          <>
            <dt>{t("requestPage.specification")}</dt>
            <dd>
              <Link to={`/specifikationer/${request.specification.id}`}>
                {[request.specification.name, request.specification.version].filter(Boolean).join(" ")}
              </Link>
            </dd>
          </>
        ) : null}
        {request.tags.length > 0 ? (
          <>
            <dt>{t("requestPage.tags")}</dt>
            <dd>{request.tags.join(", ")}</dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

/** The datasets that answer the request, the accepted one marked. */
export function LinkedDatasets({ data }: { data: LoaderData }) {
  const { t, locale } = useTranslation();
  const { linkedDatasets } = data;
  return (
    <section aria-labelledby="datasets-title">
      <h2 id="datasets-title">{t("requestPage.datasets")}</h2>
      {linkedDatasets.length === 0 ? (
        <p>{t("requestPage.datasets.none")}</p>
      ) : (
        <ul>
          {linkedDatasets.map((dataset) => {
            const title = pickLanguage(dataset.title, locale);
            return (
              <li key={dataset.id}>
                <Link to={`/datasets/${dataset.id}`} lang={title.lang}>
                  {title.text}
                </Link>{" "}
                – {dataset.publisherName ?? t("requestPage.datasets.unknownPublisher")}
                {dataset.reason === "accepted_answer" ? (
                  <>
                    {" "}
                    <strong className="badge">{t("requestPage.datasets.accepted")}</strong>
                  </>
                ) : null}
                {dataset.removedAt ? <> ({t("requestPage.datasets.removed")})</> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Each organisation asked, its task's status, due date and answer. */
export function TaskTable({ data }: { data: LoaderData }) {
  const { t } = useTranslation();
  const { tasks } = data;
  return (
    <section aria-labelledby="tasks-title">
      <h2 id="tasks-title">{t("requestPage.tasks")}</h2>
      {tasks.length === 0 ? (
        <p>{t("requestPage.tasks.none")}</p>
      ) : (
        // On a phone a block per municipality, so its answer is not scrolled out of sight (see .responsive-table).
        <div className="table-scroll">
          <table className="responsive-table" role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  {t("requestPage.tasks.organisation")}
                </th>
                <th scope="col" role="columnheader">
                  {t("requestPage.tasks.status")}
                </th>
                <th scope="col" role="columnheader">
                  {t("requestPage.tasks.dueDate")}
                </th>
                <th scope="col" role="columnheader">
                  {t("requestPage.tasks.answer")}
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {tasks.map((task) => (
                <tr key={task.id} role="row">
                  <th scope="row" role="rowheader">
                    {task.organisationName}
                  </th>
                  <td role="cell" data-label={t("requestPage.tasks.status")}>
                    {t(taskStatusLabel(task.status))}
                  </td>
                  <td role="cell" data-label={t("requestPage.tasks.dueDate")}>
                    {task.dueDate}
                    {task.overdue ? (
                      <>
                        {" "}
                        <strong>({t("requestPage.tasks.overdue")})</strong>
                      </>
                    ) : null}
                  </td>
                  <td role="cell" data-label={t("requestPage.tasks.answer")}>
                    <TaskAnswer answer={task} survey={Boolean(data.request.surveyId)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
