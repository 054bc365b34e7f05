import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireTaskWorker, toActor } from "../auth/guard.server";
import { ErrorSummary, TextAreaField } from "../components/forms";
import { Pager } from "../components/list-navigation";
import { inboxDueFilters, isRequestOpenToTasks, TASK_TEXT_MAX_LENGTH, taskStatuses, type TaskStatus } from "../domain/tasks";
import { pageTitle } from "../i18n/page-title";
import { taskStatusLabel } from "../i18n/status.messages";
import { useTranslation } from "../i18n/use-translation";
import { listInboxTasks, listOrganisationsWithTasks } from "../models/task-inbox.server";
import { answerTasksInBulk, BulkTasksRefusedError, type BulkRefusal } from "../models/task.server";
import { bulkAnswerIntents, bulkAnswerSchema, inboxSearchParamsSchema } from "../schemas/task.server";
import { formatDate, todayInSweden } from "../utils/dates";
import { assertWellFormedQuery, conflictFailure, formAction, formFailure, parseForm, parseIntent } from "../utils/form.server";
import { StatusNotice } from "../components/status-notice";
import { keptList } from "../utils/kept-values";

export const meta: MetaFunction = (args) => pageTitle(args, "title.taskInbox");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisationIds } = await requireTaskWorker(request);
  const url = new URL(request.url);
  assertWellFormedQuery(url);
  const input = inboxSearchParamsSchema.parse({
    q: url.searchParams.get("q") ?? undefined,
    status: url.searchParams.getAll("status"),
    due: url.searchParams.get("due") || undefined,
    organisation: url.searchParams.get("organisation") || undefined,
    page: url.searchParams.get("page") ?? undefined,
  });
  const today = todayInSweden();
  const organisations = await listOrganisationsWithTasks(organisationIds);
  // An organisation the reader does not work for narrows to nothing rather than widening.
  const organisationId = input.organisation && organisations.some((o) => o.id === input.organisation) ? input.organisation : null;
  const inbox = await listInboxTasks({
    organisationIds,
    organisationId,
    statuses: input.status,
    overdueOnly: input.due === "overdue",
    dueWithinWorkingDays: input.due && input.due !== "overdue" ? Number(input.due) : null,
    text: input.q,
    page: input.page,
    pageSize: PAGE_SIZE,
    today,
  });
  return {
    input: { ...input, organisation: organisationId ?? "" },
    // The organisation column and filter only where there is more than one to tell apart.
    organisations: organisations.length > 1 ? organisations : [],
    ...inbox,
  };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

/** One answer for the ticked tasks (ADR 023): all are answered, or none and each refused one is named. */
async function runAction({ request }: ActionFunctionArgs) {
  const { user } = await requireTaskWorker(request);
  const intent = await parseIntent(request, bulkAnswerIntents);
  const form = await parseForm(request, bulkAnswerSchema, { lists: ["tasks"] });
  if (!form.ok) return { ...form, refusals: [] as BulkRefusal[] };
  return answerTasksInBulk({ actor: toActor(user), to: intent === "answer" ? "answered" : "published", ...form.data })
    .then((result) => ({ ok: true as const, count: result.tasks.length }))
    .catch((error) =>
      error instanceof BulkTasksRefusedError
        ? { ...formFailure(form.values, { form: [error.messageKey] }), refusals: error.refusals }
        : { ...conflictFailure(error, form.values), refusals: [] as BulkRefusal[] },
    );
}

export default function TaskInbox() {
  const { t, locale } = useTranslation();
  const { input, organisations, tasks, total, overdueCount, counts, page, pageSize } = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const statusLabel = (status: TaskStatus) => t(taskStatusLabel(status));
  const showOrganisation = organisations.length > 1;
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const ticked = new Set((keptList(failure?.values, "tasks") ?? []).map((value) => value.split(":")[0]));
  const answerable = tasks.filter(
    (task) => (task.status === "pending" || task.status === "in_progress") && isRequestOpenToTasks(task.requestStatus),
  );
  const canBulk = answerable.length > 1;
  return (
    <>
      <h1>{t("taskInbox.title")}</h1>
      <p>{t("taskInbox.intro")}</p>
      <Form method="get" role="search" className="inbox-filters">
        <div className="field">
          <label htmlFor="q">{t("taskInbox.search")}</label>
          <input id="q" name="q" type="search" defaultValue={input.q} maxLength={1000} />
        </div>
        <fieldset className="facet">
          <legend>{t("taskInbox.status")}</legend>
          {taskStatuses.map((status) => (
            <label key={status} className="choice">
              <input type="checkbox" name="status" value={status} defaultChecked={input.status.includes(status)} />
              <span>
                {statusLabel(status)} <span className="muted">({counts[status] ?? 0})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="due">{t("taskInbox.due")}</label>
          <select id="due" name="due" defaultValue={input.due ?? ""}>
            <option value="">{t("taskInbox.dueAny")}</option>
            {inboxDueFilters.map((due) => (
              <option key={due} value={due}>
                {due === "overdue" ? t("taskInbox.dueOverdue") : t("taskInbox.dueWithin", { count: Number(due) })}
              </option>
            ))}
          </select>
        </div>
        {showOrganisation ? (
          <div className="field">
            <label htmlFor="organisation">{t("taskInbox.organisation")}</label>
            <select id="organisation" name="organisation" defaultValue={input.organisation}>
              <option value="">{t("taskInbox.organisationAny")}</option>
              {organisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit">{t("taskInbox.apply")}</button>
      </Form>

      <p role="status">{t("taskInbox.count", { count: total, overdue: overdueCount })}</p>
      {result?.ok ? <StatusNotice>{t("taskBulk.done", { count: result.count })}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{ text: t("taskBulk.text"), datasetUrls: t("taskBulk.datasetUrls"), tasks: t("taskBulk.selectHeader") }}
        fieldIds={{ text: "bulk-text", datasetUrls: "bulk-datasetUrls", tasks: "bulk-tasks" }}
      />
      {failure && failure.refusals.length > 0 ? (
        <section aria-labelledby="bulk-refused">
          <h2 id="bulk-refused">{t("taskBulk.refusedTitle")}</h2>
          <ul>
            {failure.refusals.map((refusal) => (
              <li key={refusal.taskId}>
                {refusal.requestNumber !== null ? (
                  <Link to={`/uppgifter/${refusal.taskId}`}>
                    {t("taskBulk.refusedTask", {
                      number: refusal.requestNumber,
                      title: refusal.requestTitle ?? "",
                      organisation: refusal.organisationName ?? "",
                    })}
                  </Link>
                ) : (
                  t("taskBulk.refusedHidden")
                )}
                : {t(`taskBulk.why.${refusal.why}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {tasks.length === 0 ? (
        <p>{t("taskInbox.none")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("taskInbox.caption")}</caption>
            <thead>
              <tr>
                {canBulk ? <th scope="col">{t("taskBulk.selectHeader")}</th> : null}
                <th scope="col">{t("taskInbox.request")}</th>
                {showOrganisation ? <th scope="col">{t("taskInbox.organisation")}</th> : null}
                <th scope="col">{t("taskInbox.status")}</th>
                <th scope="col">{t("taskInbox.dueDate")}</th>
                <th scope="col">{t("taskInbox.assignee")}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id}>
                  {canBulk ? (
                    <td>
                      {answerable.includes(task) ? (
                        // Outside the bulk form's element, tied to it by its id: the table stays one table without JavaScript.
                        <input
                          type="checkbox"
                          name="tasks"
                          form="bulk-answer"
                          // The first is where the summary leads when none was chosen.
                          id={task === answerable[0] ? "bulk-tasks" : undefined}
                          value={`${task.id}:${task.version}`}
                          defaultChecked={ticked.has(task.id)}
                          aria-label={t("taskBulk.select", {
                            title: `${task.requestNumber}. ${task.requestTitle}`,
                            organisation: task.organisationName,
                          })}
                        />
                      ) : null}
                    </td>
                  ) : null}
                  <td>
                    <Link to={`/uppgifter/${task.id}`}>
                      {task.requestNumber}. {task.requestTitle}
                    </Link>
                  </td>
                  {showOrganisation ? <td>{task.organisationName}</td> : null}
                  <td>{statusLabel(task.status)}</td>
                  <td>
                    {formatDate(task.dueDate, locale)}
                    {/* Said in words, not by colour alone. */}
                    {task.overdue ? <strong className="badge overdue"> {t("taskInbox.overdue")}</strong> : null}
                  </td>
                  <td>{task.assigneeName ?? t("taskInbox.unassigned")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={pages} hasNext={page < pages} />
      {canBulk ? (
        <Form method="post" id="bulk-answer" className="bulk-answer" aria-labelledby="bulk-answer-title">
          <h2 id="bulk-answer-title">{t("taskBulk.title")}</h2>
          <p>{t("taskBulk.intro")}</p>
          <TextAreaField
            name="text"
            id="bulk-text"
            label={t("taskBulk.text")}
            required={false}
            rows={5}
            maxLength={TASK_TEXT_MAX_LENGTH}
            defaultValue={failure?.values.text ?? ""}
            errors={failure?.fieldErrors.text}
          />
          <TextAreaField
            name="datasetUrls"
            id="bulk-datasetUrls"
            label={t("taskBulk.datasetUrls")}
            hint={t("taskBulk.datasetUrlsHint")}
            required={false}
            rows={3}
            defaultValue={failure?.values.datasetUrls ?? ""}
            errors={failure?.fieldErrors.datasetUrls}
          />
          <button type="submit" name="intent" value="answer">
            {t("taskBulk.answer")}
          </button>{" "}
          <button type="submit" name="intent" value="publish">
            {t("taskBulk.publish")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
