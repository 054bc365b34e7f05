import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireOwnSurvey, toActor } from "../auth/guard.server";
import { ErrorSummary } from "../components/forms";
import { pageTitle } from "../i18n/page-title";
import { reuseKindLabel } from "../i18n/surveys.messages";
import { useTranslation } from "../i18n/use-translation";
import { planSurveyReuse, reusePlanFingerprint } from "../models/survey-reuse.server";
import { confirmQuestionReuse, sendSurvey, SurveyReusePlanChangedError } from "../models/survey-send.server";
import { confirmReuseSchema, sendSurveySchema, surveySendIntents } from "../schemas/survey.server";
import { formatDate } from "../utils/dates";
import { conflictFailure, formAction, formFailure, parseForm, parseIntent } from "../utils/form.server";
import { conflict } from "../utils/http.server";

export const meta: MetaFunction = (args) => pageTitle(args, "title.sendSurvey");

/**
 * "Ask only what is not known": per question and recipient, what open data or the recipient's
 * earlier answer already tells, and what other surveys asked them recently; the sender confirms
 * reuse per question, then sends.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey } = await requireOwnSurvey(request, params.surveyId);
  if (survey.status !== "draft") conflict("errors.surveyNotDraft");
  const plan = await planSurveyReuse({ surveyId: survey.id });
  const names = Object.fromEntries(survey.targets.map((o) => [o.id, o.name]));
  return {
    survey: { id: survey.id, title: survey.title, validityMonths: survey.validityMonths, targets: survey.targets.length },
    questions: survey.questions.map((question) => {
      const found = plan.questions.find((q) => q.questionId === question.id);
      return {
        id: question.id,
        text: question.text,
        confirmed: question.reuseConfirmed,
        known: (found?.cells ?? [])
          .filter((cell) => cell.kind !== "new")
          .map((cell) => ({
            organisation: names[cell.organisationId] ?? "",
            kind: cell.kind,
            dataset: cell.dataset,
            answer: cell.answer
              ? {
                  value: Array.isArray(cell.answer.value) ? cell.answer.value.join(", ") : String(cell.answer.value),
                  answeredOn: cell.answer.answeredOn,
                  surveyTitle: cell.answer.surveyTitle,
                  old: cell.answer.old,
                }
              : null,
          })),
        recentlyAsked: found?.recentlyAsked ?? [],
      };
    }),
    searchFailed: plan.searchFailed,
    /** Sent back with "send": sending refuses when what it finds then is not what this page shows. */
    fingerprint: reusePlanFingerprint(plan),
  };
}

/**
 * A refused send because what was found changed is a 409, which single fetch would not follow
 * with the loader; the page must show the new plan the message asks the sender to review.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, params }: ActionFunctionArgs) {
  const { user, survey } = await requireOwnSurvey(request, params.surveyId);
  const actor = toActor(user);
  const intent = await parseIntent(request, surveySendIntents);
  if (intent === "confirm_reuse") {
    const form = await parseForm(request, confirmReuseSchema);
    if (!form.ok) return form;
    return confirmQuestionReuse({ actor, surveyId: survey.id, ...form.data })
      .then(() => ({ ok: true as const, values: {} }))
      .catch((error) => conflictFailure(error, form.values));
  }
  const form = await parseForm(request, sendSurveySchema);
  if (!form.ok) return form;
  return sendSurvey({ actor, surveyId: survey.id, shownFingerprint: form.data.fingerprint })
    .then((sent) => redirect(`/enkater/${survey.id}?${new URLSearchParams({ skickad: `${sent.tasks},${sent.reused}` })}`))
    .catch((error) =>
      // What was found changed: a conflict, shown on the page with the plan as it is now.
      error instanceof SurveyReusePlanChangedError
        ? data(formFailure(form.values, { form: [error.messageKey] }), { status: 409 })
        : conflictFailure(error, form.values),
    );
}

export default function SendSurvey() {
  const { t, locale } = useTranslation();
  const { survey, questions, searchFailed, fingerprint } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  return (
    <>
      <p>
        <Link to={`/enkater/${survey.id}/redigera`}>{t("survey.backToEdit")}</Link>
      </p>
      <h1>{t("survey.sendTitle")}</h1>
      <p>{survey.title}</p>
      <p>{t("survey.sendIntro")}</p>
      {searchFailed ? <p className="notice">{t("survey.reuse.searchFailed")}</p> : null}
      <ErrorSummary errors={failure} fieldLabels={{}} />
      {questions.map((question, index) => (
        <section key={question.id} aria-labelledby={`question-${index + 1}`} className="survey-reuse">
          <h2 id={`question-${index + 1}`}>
            {t("survey.question", { number: index + 1 })}: {question.text}
          </h2>
          {question.recentlyAsked.map((recent) => (
            <p key={recent.surveyId} className="notice">
              {t("survey.reuse.recent", {
                count: recent.organisations,
                survey: recent.surveyTitle,
                date: formatDate(recent.sentOn, locale),
              })}
            </p>
          ))}
          {question.known.length === 0 ? (
            <p>{t("survey.reuse.none")}</p>
          ) : (
            <>
              <p>{t("survey.reuse.summary", { known: question.known.length, count: survey.targets })}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("survey.organisation")}</th>
                    <th scope="col">{t("survey.answerColumn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {question.known.map((cell) => (
                    <tr key={cell.organisation}>
                      <th scope="row">{cell.organisation}</th>
                      <td>
                        {t(reuseKindLabel(cell.kind))}:{" "}
                        {cell.dataset ? <a href={cell.dataset.uri}>{t("survey.reuse.dataset", { title: cell.dataset.title })}</a> : null}
                        {cell.answer
                          ? t("survey.reuse.from", {
                              value: cell.answer.value,
                              date: formatDate(cell.answer.answeredOn, locale),
                              survey: cell.answer.surveyTitle,
                            })
                          : null}
                        {cell.answer?.old ? <strong> ({t("survey.reuse.old", { count: survey.validityMonths })})</strong> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {question.confirmed ? <p role="status">{t("survey.reuse.confirmed")}</p> : null}
              <Form method="post">
                <input type="hidden" name="intent" value="confirm_reuse" />
                <input type="hidden" name="questionId" value={question.id} />
                <input type="hidden" name="confirmed" value={question.confirmed ? "false" : "true"} />
                <button type="submit">{question.confirmed ? t("survey.reuse.unconfirm") : t("survey.reuse.confirm")}</button>
              </Form>
            </>
          )}
        </section>
      ))}
      <Form method="post">
        <input type="hidden" name="intent" value="send" />
        <input type="hidden" name="fingerprint" value={fingerprint} />
        <button type="submit">{t("survey.send")}</button>
      </Form>
    </>
  );
}
