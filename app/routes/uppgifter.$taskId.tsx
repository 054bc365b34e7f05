import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireTaskWorker, toActor } from "../auth/guard.server";
import { ErrorSummary, SelectField, TextAreaField } from "../components/forms";
import { canTransition } from "../domain/lifecycle";
import { isTaskDone, TASK_TEXT_MAX_LENGTH, type TaskStatus } from "../domain/tasks";
import { pickLanguage } from "../i18n/language-map";
import type { MessageKey } from "../i18n/messages";
import { pageTitle } from "../i18n/page-title";
import { requestStatusLabel, taskStatusLabel } from "../i18n/status.messages";
import { useTranslation } from "../i18n/use-translation";
import { getTaskOrganisationId, getTaskPage } from "../models/task-page.server";
import {
  answerTask,
  assignTask,
  declineTask,
  listDeclineReasons,
  markTaskNotHeld,
  markTaskPublished,
  reopenTask,
  StaleTaskError,
  startTask,
} from "../models/task.server";
import {
  answerTaskSchema,
  assignTaskSchema,
  declineTaskSchema,
  notHeldTaskSchema,
  reopenTaskSchema,
  startTaskSchema,
  taskIdParam,
  taskIntents,
} from "../schemas/task.server";
import { formatDate, formatTimestamp } from "../utils/dates";
import { assertWellFormedQuery, conflictFailure, formAction, parseForm, parseIntent, type FormFailure } from "../utils/form.server";
import { invariantResponse } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, { text: args.data?.request.title, fallback: "title.task" });

/** The task named by the address and the signed-in user who may work on it: 404, or 403 for another organisation's. */
async function taskAndWorker(request: Request, raw: Record<string, string | undefined>) {
  const parsed = taskIdParam.safeParse(raw.taskId);
  const taskId = invariantResponse(parsed.success ? parsed.data : undefined, 404);
  const organisationId = invariantResponse(await getTaskOrganisationId(taskId), 404);
  const { user } = await requireTaskWorker(request, { organisationId });
  return { taskId, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireTaskWorker(request);
  const { taskId } = await taskAndWorker(request, params);
  const url = new URL(request.url);
  assertWellFormedQuery(url);
  const datasetQuery = (url.searchParams.get("dq") ?? "").slice(0, 500);
  const [page, declineReasons] = await Promise.all([getTaskPage({ taskId, datasetQuery }), listDeclineReasons()]);
  const found = invariantResponse(page, 404);
  return {
    ...found,
    declineReasons,
    datasetQuery,
    // What the responder had typed when they searched the catalogue (the search is a GET of the answer form).
    draft: {
      text: (url.searchParams.get("text") ?? "").slice(0, TASK_TEXT_MAX_LENGTH),
      datasetIds: url.searchParams.getAll("datasetIds").slice(0, 50),
      datasetUrls: (url.searchParams.get("datasetUrls") ?? "").slice(0, 20_000),
    },
  };
}

/**
 * A refused save's form; a stale one also tells the task's current version and status, so the form
 * the user retries from sends the new version even when the page's data was not reloaded.
 */
type StaleFailure = FormFailure & { current: { version: number; status: TaskStatus } };

function failed(error: unknown, values: Record<string, string>): FormFailure | StaleFailure {
  const failure = conflictFailure(error, values);
  return error instanceof StaleTaskError
    ? { ...failure, current: { version: error.currentVersion, status: error.currentStatus } }
    : failure;
}

/**
 * With single fetch, Remix does not reload the page's data after a 4xx: after a stale save it must,
 * or the form keeps the old version and every retry is refused again.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  const formErrors = (actionResult as { formErrors?: unknown } | undefined)?.formErrors;
  if (Array.isArray(formErrors) && formErrors.includes("errors.taskStale")) return true;
  return defaultShouldRevalidate;
};

type Outcome = { ok: true; message: MessageKey; values: Record<string, string> };
const outcome = (message: MessageKey): Outcome => ({ ok: true, message, values: {} });

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, params }: ActionFunctionArgs) {
  await requireTaskWorker(request);
  const { taskId, user } = await taskAndWorker(request, params);
  const actor = toActor(user);
  const intent = await parseIntent(request, taskIntents);
  if (intent === "start") {
    const form = await parseForm(request, startTaskSchema);
    if (!form.ok) return form;
    return startTask({ actor, taskId, version: form.data.version })
      .then(() => outcome("task.started"))
      .catch((error) => failed(error, form.values));
  }
  if (intent === "assign") {
    const form = await parseForm(request, assignTaskSchema);
    if (!form.ok) return form;
    return assignTask({ actor, taskId, version: form.data.version, assigneeUserId: form.data.assigneeUserId })
      .then(() => outcome("task.assigned"))
      .catch((error) => failed(error, form.values));
  }
  if (intent === "answer" || intent === "publish") {
    const form = await parseForm(request, answerTaskSchema, { lists: ["datasetIds"] });
    if (!form.ok) return form;
    const command = intent === "answer" ? answerTask : markTaskPublished;
    return command({ actor, taskId, ...form.data })
      .then(() => outcome(intent === "answer" ? "task.answered" : "task.published"))
      .catch((error) => failed(error, form.values));
  }
  if (intent === "not_held") {
    const form = await parseForm(request, notHeldTaskSchema);
    if (!form.ok) return form;
    return markTaskNotHeld({ actor, taskId, ...form.data })
      .then(() => outcome("task.notHeldSaved"))
      .catch((error) => failed(error, form.values));
  }
  if (intent === "decline") {
    const form = await parseForm(request, declineTaskSchema);
    if (!form.ok) return form;
    return declineTask({ actor, taskId, ...form.data })
      .then(() => outcome("task.declined"))
      .catch((error) => failed(error, form.values));
  }
  const form = await parseForm(request, reopenTaskSchema);
  if (!form.ok) return form;
  return reopenTask({ actor, taskId, ...form.data })
    .then(() => outcome("task.reopened"))
    .catch((error) => failed(error, form.values));
}

export default function TaskPage() {
  const { t, locale } = useTranslation();
  const { task, request, datasets, history, colleagues, suggestions, picker, declineReasons, datasetQuery, draft } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  const failedIntent = values.intent;
  const stale = failure && "current" in failure ? (failure as StaleFailure).current : undefined;
  // Versions only grow: the newer of the page's and the stale failure's, whether or not the page was reloaded.
  const version = Math.max(task.version, stale?.version ?? 0);
  const status = stale && stale.version > task.version ? stale.status : task.status;
  const working = task.status === "in_progress";
  // An answer replaces the task's links: the form starts from the linked datasets and addresses.
  const linkedIds = datasets.flatMap((d) => (d.datasetId ? [d.datasetId] : []));
  const linkedUrls = datasets.flatMap((d) => (d.pendingUri ? [d.pendingUri] : [])).join("\n");
  const fresh = !failure && draft.datasetIds.length === 0 && !draft.datasetUrls;
  const checked = new Set([...draft.datasetIds, ...(values.datasetIds ? values.datasetIds.split(",") : []), ...(fresh ? linkedIds : [])]);
  const linked = datasets.flatMap((d) =>
    d.datasetId ? [{ id: d.datasetId, title: pickLanguage(d.title, locale).text, publisher: null, own: false }] : [],
  );
  const listed = [...linked, ...suggestions, ...(picker?.hits ?? [])];
  const seen = new Set<string>();
  const choices = listed.filter((d) => !seen.has(d.id) && seen.add(d.id));
  const requester = request.requester.name ?? t("task.requesterAnonymous");
  const daysLeft = task.workingDaysLeft;

  return (
    <>
      <p>
        <Link to="/uppgifter">{t("task.back")}</Link>
      </p>
      <h1>
        {request.number}. {request.title}
      </h1>
      <p>{t("task.for", { organisation: task.organisation.name })}</p>
      {result?.ok ? (
        <p className="notice" role="status">
          {t(result.message)}
        </p>
      ) : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          text: t("task.answerText"),
          datasetUrls: t("task.datasetUrls"),
          reasonId: t("task.declineReason"),
          reason: t("task.reopenReason"),
          assigneeUserId: t("task.assignee"),
        }}
      />
      {stale ? (
        <div role="status">
          <p>{t("task.staleNow", { status: t(taskStatusLabel(status)) })}</p>
          {values.text || values.reason ? (
            <>
              <p>{t("task.staleKeptText")}</p>
              <p className="prewrap">{values.text || values.reason}</p>
            </>
          ) : null}
        </div>
      ) : null}

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
              <strong>{t("task.overdueBy", { days: -daysLeft })}</strong>
            ) : (
              t("task.daysLeft", { days: daysLeft })
            )}
          </dd>
          <dt>{t("task.assignee")}</dt>
          <dd>{task.assignee?.name ?? t("taskInbox.unassigned")}</dd>
          <dt>{t("task.requester")}</dt>
          <dd>{requester}</dd>
          <dt>{t("task.support")}</dt>
          <dd>{t("task.supportCounts", { votes: request.voteCount, followers: request.followerCount })}</dd>
        </dl>
      </section>

      <section aria-labelledby="task-request">
        <h2 id="task-request">{t("task.request")}</h2>
        <p className="prewrap">{request.body}</p>
        <h3>{t("task.purpose")}</h3>
        <p className="prewrap">{request.purpose}</p>
        <p>
          <Link to={`/requests/${request.number}`}>{t("task.publicPage")}</Link>
        </p>
      </section>

      {task.answerText || task.declineReason || datasets.length > 0 ? (
        <section aria-labelledby="task-answer">
          <h2 id="task-answer">{t("task.currentAnswer")}</h2>
          {task.declineReason ? <p>{locale === "en" ? task.declineReason.en : task.declineReason.sv}</p> : null}
          {task.declineText ? <p className="prewrap">{task.declineText}</p> : null}
          {task.answerText ? <p className="prewrap">{task.answerText}</p> : null}
          {datasets.length > 0 ? (
            <ul>
              {datasets.map((d) =>
                d.datasetId ? (
                  <li key={d.id}>
                    <Link to={`/datasets/${d.datasetId}`}>{pickLanguage(d.title, locale).text}</Link>
                  </li>
                ) : (
                  <li key={d.id}>
                    {d.pendingUri} <span className="badge">{t("task.pendingLink")}</span>
                  </li>
                ),
              )}
            </ul>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="task-work">
        <h2 id="task-work">{t("task.work")}</h2>

        <Form method="post">
          <input type="hidden" name="version" value={version} />
          <SelectField
            name="assigneeUserId"
            label={t("task.assignee")}
            required={false}
            defaultValue={values.assigneeUserId ?? task.assignee?.id ?? ""}
          >
            <option value="">{t("taskInbox.unassigned")}</option>
            {colleagues.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" name="intent" value="assign">
            {t("task.assign")}
          </button>
        </Form>

        {canTransition("task", task.status, "in_progress") && task.status === "pending" ? (
          <Form method="post">
            <input type="hidden" name="version" value={version} />
            <button type="submit" name="intent" value="start">
              {t("task.start")}
            </button>
          </Form>
        ) : null}

        {working ? (
          <>
            <Form method="post" aria-labelledby="answer-heading">
              <h3 id="answer-heading">{t("task.answerHeading")}</h3>
              <input type="hidden" name="version" value={version} />
              <TextAreaField
                name="text"
                id="text"
                label={t("task.answerText")}
                hint={t("task.answerTextHint")}
                required={false}
                maxLength={TASK_TEXT_MAX_LENGTH}
                defaultValue={failedIntent === "answer" || failedIntent === "publish" ? values.text : draft.text || (task.answerText ?? "")}
                errors={failure?.fieldErrors.text}
              />
              <fieldset className="field">
                <legend>{t("task.datasets")}</legend>
                <p className="hint">{t("task.datasetsHint")}</p>
                {choices.length === 0 ? <p>{t("task.noSuggestions")}</p> : null}
                {choices.map((d) => (
                  <label key={d.id} className="choice">
                    <input type="checkbox" name="datasetIds" value={d.id} defaultChecked={checked.has(d.id)} />
                    <span>
                      {d.title}
                      {d.publisher ? <span className="muted"> — {d.publisher}</span> : null}
                      {d.own ? <span className="badge">{t("task.ownDataset")}</span> : null}
                    </span>
                  </label>
                ))}
                <div className="field">
                  <label htmlFor="dq">{t("task.searchCatalogue")}</label>
                  <div className="search-row">
                    <input id="dq" name="dq" type="search" defaultValue={datasetQuery} maxLength={500} />
                    {/* A GET of this form: the search keeps what was typed and checked, with or without JavaScript. */}
                    <button type="submit" formMethod="get" name="intent" value="search">
                      {t("task.search")}
                    </button>
                  </div>
                  {picker?.failed ? <p role="status">{t("datasets.searchUnavailable")}</p> : null}
                  {picker && !picker.failed && picker.hits.length === 0 ? <p role="status">{t("task.noHits")}</p> : null}
                </div>
              </fieldset>
              <TextAreaField
                name="datasetUrls"
                label={t("task.datasetUrls")}
                hint={t("task.datasetUrlsHint")}
                required={false}
                rows={3}
                defaultValue={values.datasetUrls ?? (fresh ? linkedUrls : draft.datasetUrls)}
                errors={failure?.fieldErrors.datasetUrls}
              />
              <div className="search-row">
                <button type="submit" name="intent" value="answer">
                  {t("task.answer")}
                </button>
                <button type="submit" name="intent" value="publish">
                  {t("task.publish")}
                </button>
              </div>
            </Form>

            <Form method="post" aria-labelledby="not-held-heading">
              <h3 id="not-held-heading">{t("task.notHeldHeading")}</h3>
              <input type="hidden" name="version" value={version} />
              <TextAreaField
                name="text"
                id="not-held-text"
                label={t("task.notHeldText")}
                maxLength={TASK_TEXT_MAX_LENGTH}
                rows={3}
                defaultValue={failedIntent === "not_held" ? values.text : ""}
              />
              <button type="submit" name="intent" value="not_held">
                {t("task.notHeld")}
              </button>
            </Form>

            <Form method="post" aria-labelledby="decline-heading">
              <h3 id="decline-heading">{t("task.declineHeading")}</h3>
              <input type="hidden" name="version" value={version} />
              <SelectField
                name="reasonId"
                label={t("task.declineReason")}
                defaultValue={values.reasonId ?? ""}
                errors={failure?.fieldErrors.reasonId}
              >
                <option value="">{t("task.chooseReason")}</option>
                {declineReasons.map((r) => (
                  <option key={r.id} value={r.id}>
                    {locale === "en" ? r.en : r.sv}
                  </option>
                ))}
              </SelectField>
              <TextAreaField
                name="text"
                id="decline-text"
                label={t("task.declineText")}
                required={false}
                maxLength={TASK_TEXT_MAX_LENGTH}
                rows={3}
                defaultValue={failedIntent === "decline" ? values.text : ""}
              />
              <button type="submit" name="intent" value="decline">
                {t("task.decline")}
              </button>
            </Form>
          </>
        ) : null}

        {isTaskDone(task.status) ? (
          <Form method="post" aria-labelledby="reopen-heading">
            <h3 id="reopen-heading">{t("task.reopenHeading")}</h3>
            <input type="hidden" name="version" value={version} />
            <TextAreaField
              name="reason"
              label={t("task.reopenReason")}
              rows={3}
              defaultValue={values.reason ?? ""}
              errors={failure?.fieldErrors.reason}
            />
            <button type="submit" name="intent" value="reopen">
              {t("task.reopen")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="task-history">
        <h2 id="task-history">{t("task.history")}</h2>
        {history.length === 0 ? (
          <p>{t("task.noHistory")}</p>
        ) : (
          <ol className="timeline">
            {history.map((event) => (
              <li key={event.id}>
                <time dateTime={new Date(event.occurredAt).toISOString()}>{formatTimestamp(event.occurredAt)}</time>{" "}
                {event.toState && event.fromState
                  ? t("task.historyChange", {
                      from: t(taskStatusLabel(event.fromState)),
                      to: t(taskStatusLabel(event.toState)),
                    })
                  : t("task.historyAssign")}
                {event.actorName ? ` — ${event.actorName}` : null}
                {event.reason ? <span className="prewrap">: {event.reason}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
