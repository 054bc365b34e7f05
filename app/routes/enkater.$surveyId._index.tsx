import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { getUser, requireUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { ErrorSummary } from "../components/forms";
import { pageTitle } from "../i18n/page-title";
import { surveyAnswerTypeLabel, surveySourceLabel, surveyStatusLabel } from "../i18n/surveys.messages";
import { taskStatusLabel } from "../i18n/status.messages";
import { useTranslation } from "../i18n/use-translation";
import { getSurvey, listSurveyTasks } from "../models/survey-page.server";
import { getSurveyResultsTable } from "../models/survey-results.server";
import { closeSurvey } from "../models/survey-send.server";
import { emptyFormSchema } from "../schemas/form.server";
import { surveyIdParam } from "../schemas/survey.server";
import { formatDate } from "../utils/dates";
import { conflictFailure, formAction, parseForm, parseIntent } from "../utils/form.server";
import { QuestionSpecificationForm, questionChoiceHref, questionSpecificationSelectId } from "../components/question-specification-choice";
import { specificationTitle } from "../components/specification-choice";
import type { MessageKey } from "../i18n/translate";
import { getSurveySpecificationChoices } from "../models/specification-choice.server";
import { specificationLinkIntents, surveySpecificationParamsSchema } from "../schemas/specification-link.server";
import { linkQuestionFromForm } from "../utils/question-specification-link.server";
import { invariantResponse } from "../utils/http.server";
import { formatSurveyValue } from "../utils/survey-format";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, { text: args.data?.survey.title, fallback: "title.survey" });

/** The survey the reader may know of: a draft is nobody else's business, not even whether it exists (404). */
async function requireVisibleSurvey(userId: string | undefined, surveyIdText: string | undefined) {
  const parsed = surveyIdParam.safeParse(surveyIdText);
  const survey = invariantResponse(parsed.success ? await getSurvey(parsed.data) : undefined, 404);
  if (survey.status === "draft" && userId !== survey.senderUserId) invariantResponse(null, 404);
  return survey;
}

/** A sent survey's public page: its questions, and its results as far as the reader may see them. A draft is its sender's alone. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const survey = await requireVisibleSurvey(user?.id, params.surveyId);
  const isSender = user?.id === survey.senderUserId;
  const readsAll = user ? can(toActor(user), "triage:request:any") : false;
  // Once sent, which specification each question asks for is the coordinators' to confirm (issue
  // 14); a withdrawn survey asks for nothing. The matcher is asked for the open question only.
  const linksSpecifications = readsAll && survey.status !== "draft" && survey.requestStatus !== "withdrawn";
  const { specifikation: query, fraga: openQuestion } = surveySpecificationParamsSchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const [results, tasks, specifications] = await Promise.all([
    getSurveyResultsTable({ surveyId: survey.id, viewer: { userId: user?.id ?? null, readsAll } }),
    survey.requestId && (isSender || readsAll) ? listSurveyTasks(survey.requestId) : Promise.resolve([]),
    linksSpecifications ? getSurveySpecificationChoices({ surveyId: survey.id, query, openQuestionId: openQuestion }) : null,
  ]);
  const { senderUserId: _sender, senderName, ...shown } = survey;
  return {
    // A person's name is personal data: shown to the sender and the coordinators, the organisation to everyone.
    survey: { ...shown, senderName: isSender || readsAll ? senderName : null },
    isSender,
    mayClose: survey.status === "sent" && (isSender || readsAll),
    results: results ?? null,
    tasks,
    specifications,
    openQuestion: openQuestion ?? null,
  };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { id: surveyId } = await requireVisibleSurvey(user.id, params.surveyId);
  const intent = await parseIntent(request, ["close", ...specificationLinkIntents] as const);
  const actor = toActor(user);
  if (intent !== "close") return linkQuestionFromForm(request, { actor, surveyId, intent });
  const form = await parseForm(request, emptyFormSchema);
  if (!form.ok) return form;
  return closeSurvey({ actor, surveyId, mayCloseAny: can(actor, "triage:request:any") })
    .then(() => ({ ok: true as const, message: "survey.closed" as MessageKey, values: {} }))
    .catch((error) => conflictFailure(error, form.values));
}

export default function SurveyPage() {
  const { t, locale } = useTranslation();
  const { survey, isSender, mayClose, results, tasks, specifications, openQuestion } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const failedQuestion = survey.questions.findIndex((q) => q.id === failure?.values.questionId);
  const [searchParams] = useSearchParams();
  const sent = searchParams.get("skickad")?.split(",").map(Number);
  const words = { yes: t("survey.yes"), no: t("survey.no"), locale };
  return (
    <>
      <p>
        <Link to="/enkater">{t("surveys.title")}</Link>
      </p>
      <h1>{survey.title}</h1>
      {sent && sent.length === 2 && sent.every(Number.isFinite) ? (
        <StatusNotice>
          {sent[0] === 0
            ? t("survey.sentAllKnown", { count: sent[1] })
            : t("survey.sent", { tasks: t("survey.sent.tasks", { count: sent[0] }), reused: t("survey.sent.reused", { count: sent[1] }) })}
        </StatusNotice>
      ) : null}
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{ specificationId: t("specificationLink.choose") }}
        fieldIds={failedQuestion >= 0 ? { specificationId: questionSpecificationSelectId(failedQuestion + 1) } : undefined}
      />
      <dl className="facts">
        <dt>{t("survey.status")}</dt>
        <dd>{t(surveyStatusLabel(survey.status))}</dd>
        <dt>{t("survey.sender")}</dt>
        <dd>{survey.senderOrganisationName ?? survey.senderName ?? t("survey.senderNotShown")}</dd>
        {survey.dueDate ? (
          <>
            <dt>{t("taskInbox.due")}</dt>
            <dd>{formatDate(survey.dueDate, locale)}</dd>
          </>
        ) : null}
        {survey.legalBasis ? (
          <>
            <dt>{t("survey.legalBasis")}</dt>
            <dd>{survey.legalBasis}</dd>
          </>
        ) : null}
      </dl>
      {survey.purpose ? <p className="prewrap">{survey.purpose}</p> : null}
      {survey.requestNumber ? (
        <p>
          <Link to={`/requests/${survey.requestNumber}`}>{t("survey.request", { number: survey.requestNumber })}</Link>
        </p>
      ) : null}
      {survey.status === "draft" && isSender ? (
        <p>
          <Link to={`/enkater/${survey.id}/redigera`}>{t("surveys.edit")}</Link>
        </p>
      ) : null}

      <h2>{t("survey.questions")}</h2>
      <ol>
        {survey.questions.map((question, index) => {
          const choice = specifications?.byQuestion[question.id];
          const failed = failure?.values.questionId === question.id;
          return (
            <li key={question.id}>
              {question.text} ({t(surveyAnswerTypeLabel(question.answerType))}
              {question.unit ? `, ${question.unit}` : ""}
              {question.confidential ? `, ${t("survey.confidentialShort")}` : ""})
              {specifications ? (
                openQuestion === question.id || failed ? (
                  <QuestionSpecificationForm
                    questionId={question.id}
                    number={index + 1}
                    choice={choice}
                    register={specifications.register}
                    query={specifications.query}
                    intro={t("specificationLink.sentQuestionIntro")}
                    errors={failed ? failure?.fieldErrors.specificationId : undefined}
                    chosen={failed ? failure?.values.specificationId : undefined}
                  />
                ) : (
                  <p>
                    {t("specificationLink.questionCurrent")}:{" "}
                    {choice?.current ? (
                      <Link to={`/specifikationer/${choice.current.id}`}>{specificationTitle(choice.current)}</Link>
                    ) : (
                      t("specificationLink.questionNone")
                    )}
                    {" · "}
                    <Link
                      to={questionChoiceHref(question.id, index + 1, specifications.query)}
                      preventScrollReset
                      aria-label={t("specificationLink.openQuestionLabel", { number: index + 1 })}
                    >
                      {t("specificationLink.openQuestion")}
                    </Link>
                  </p>
                )
              ) : null}
            </li>
          );
        })}
      </ol>

      {tasks.length ? (
        <>
          <h2>{t("survey.tasks")}</h2>
          <ul>
            {tasks.map((task) => (
              <li key={task.id}>
                {task.organisationName}: {t(taskStatusLabel(task.status))}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 id="results">{t("survey.results")}</h2>
      {results?.access.visible ? (
        <>
          <p>
            <a href={`/enkater/${survey.id}/resultat.csv`} download>
              {t("survey.resultsCsv")}
            </a>
          </p>
          <div className="table-scroll">
            <table aria-labelledby="results">
              <thead>
                <tr>
                  <th scope="col">{t("survey.organisation")}</th>
                  {results.questions.map((question, index) => (
                    <th key={question.id} scope="col">
                      {index + 1}. {question.text}
                      {question.confidential ? ` (${t("survey.resultsConfidential")})` : ""}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {results.rows.map((row) => (
                  <tr key={row.organisationId}>
                    <th scope="row">{row.organisationName}</th>
                    {row.cells.map((cell, index) => (
                      <td key={results.questions[index].id}>
                        {cell ? formatSurveyValue(cell.value, words) : t("survey.resultsNoAnswer")}
                        {cell && cell.source !== "typed" ? <small> ({t(surveySourceLabel(cell.source))})</small> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : (
        <p>{t("survey.resultsHidden")}</p>
      )}

      {mayClose ? (
        <Form method="post">
          <input type="hidden" name="intent" value="close" />
          <button type="submit">{t("survey.close")}</button>
        </Form>
      ) : null}
    </>
  );
}
