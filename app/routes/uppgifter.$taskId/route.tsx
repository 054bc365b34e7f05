import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireTaskWorker, toActor } from "../../auth/guard.server";
import { ErrorSummary } from "../../components/forms";
import { TASK_TEXT_MAX_LENGTH } from "../../domain/tasks";
import type { MessageKey } from "../../i18n/translate";
import { pageTitle } from "../../i18n/page-title";
import { taskStatusLabel } from "../../i18n/status.messages";
import { useTranslation } from "../../i18n/use-translation";
import { getTaskOrganisationId, getTaskPage } from "../../models/task-page.server";
import { answerSurveyTask, getSurveyTaskPart, SurveyAnswersRefusedError } from "../../models/survey-answer.server";
import { answerFieldName, surveyAnswersSchema } from "../../schemas/survey.server";
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
} from "../../models/task.server";
import {
  answerTaskSchema,
  assignTaskSchema,
  declineTaskSchema,
  notHeldTaskSchema,
  reopenTaskSchema,
  startTaskSchema,
  taskIdParam,
  taskIntents,
} from "../../schemas/task.server";
import {
  assertWellFormedQuery,
  conflictFailure,
  formAction,
  formFailure,
  parseForm,
  parseIntent,
  readFormData,
  type FormFailure,
} from "../../utils/form.server";
import { invariantResponse } from "../../utils/http.server";
import { sentTextField, type StaleFailure } from "./page-data";
import { SurveyAnswers } from "./survey-answers";
import { CurrentAnswer, TaskFacts, TaskRequest } from "./task-facts";
import { TaskHistory } from "./task-history";
import { TaskWork } from "./task-work";
import { StatusNotice } from "../../components/status-notice";

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
  const [page, declineReasons, survey] = await Promise.all([
    getTaskPage({ taskId, datasetQuery }),
    listDeclineReasons(),
    // A survey's task also shows the survey's questions (issue 10).
    getSurveyTaskPart({ taskId }),
  ]);
  const found = invariantResponse(page, 404);
  return {
    ...found,
    survey,
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
  const intent = await parseIntent(request, [...taskIntents, "survey_answers"] as const);
  if (intent === "survey_answers") return answerSurvey(request, actor, taskId);
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

/** A survey task's answers, per question; refused ones come back named, with what was typed. */
async function answerSurvey(request: Request, actor: ReturnType<typeof toActor>, taskId: string) {
  const survey = invariantResponse(await getSurveyTaskPart({ taskId }), 404);
  const multiple = survey.questions.filter((q) => q.answerType === "multiple_choice").map((q) => answerFieldName(q.id));
  const form = await parseForm(request, surveyAnswersSchema, { lists: multiple });
  if (!form.ok) return form;
  const formData = await readFormData(request);
  const answers = Object.fromEntries(
    survey.questions.map((q) => {
      const all = formData.getAll(answerFieldName(q.id)).filter((v): v is string => typeof v === "string");
      return [q.id, q.answerType === "multiple_choice" ? all : (all[0] ?? "")];
    }),
  );
  return answerSurveyTask({ actor, taskId, version: form.data.version, answers })
    .then((saved) => outcome(saved.complete ? "surveyTask.complete" : "surveyTask.saved"))
    .catch((error) =>
      error instanceof SurveyAnswersRefusedError
        ? formFailure(form.values, {
            form: [error.messageKey],
            fields: Object.fromEntries(Object.entries(error.problems).map(([id, key]) => [answerFieldName(id), [key]])),
          })
        : failed(error, form.values),
    );
}

export default function TaskPage() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { task, request } = data;
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  const stale = failure && "current" in failure ? (failure as StaleFailure).current : undefined;
  // Versions only grow: the newer of the page's and the stale failure's, whether or not the page was reloaded.
  const version = Math.max(task.version, stale?.version ?? 0);
  const status = stale && stale.version > task.version ? stale.status : task.status;
  const textField = sentTextField(failure?.values.intent);

  return (
    <>
      <p>
        <Link to="/uppgifter">{t("task.back")}</Link>
      </p>
      <h1>
        {request.number}. {request.title}
      </h1>
      <p>{t("task.for", { organisation: task.organisation.name })}</p>
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          text: t(textField.label),
          datasetUrls: t("task.datasetUrls"),
          reasonId: t("task.declineReason"),
          reason: t("task.reopenReason"),
          assigneeUserId: t("task.assignee"),
          ...Object.fromEntries((data.survey?.questions ?? []).map((q) => [`q.${q.id}`, q.text])),
        }}
        fieldIds={{ text: textField.id }}
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

      <TaskFacts task={task} request={request} />
      <TaskRequest request={request} />
      <CurrentAnswer task={task} datasets={data.datasets} survey={Boolean(data.survey)} />
      {data.survey ? <SurveyAnswers survey={data.survey} taskStatus={status} version={version} failure={failure} values={values} /> : null}
      <TaskWork {...data} version={version} failure={failure} values={values} />
      <TaskHistory history={data.history} />
    </>
  );
}
