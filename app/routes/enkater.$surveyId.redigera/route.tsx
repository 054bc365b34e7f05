import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireOwnSurvey, toActor } from "../../auth/guard.server";
import { ErrorSummary } from "../../components/forms";
import { surveyAnswerTypeLabel } from "../../i18n/surveys.messages";
import type { MessageKey } from "../../i18n/translate";
import { pageTitle } from "../../i18n/page-title";
import { surveySpecificationParamsSchema } from "../../schemas/specification-link.server";
import { useTranslation } from "../../i18n/use-translation";
import {
  addQuestion,
  listAnswerTimeDefaults,
  moveQuestion,
  removeQuestion,
  setSurveyTargets,
  updateQuestion,
  updateSurveyDetails,
} from "../../models/survey.server";
import { listTargetableOrganisations } from "../../models/survey-page.server";
import {
  moveQuestionSchema,
  questionIdSchema,
  surveyDetailsSchema,
  surveyEditIntents,
  surveyQuestionSchema,
  surveyTargetsSchema,
} from "../../schemas/survey.server";
import { conflictFailure, formAction, parseForm, parseIntent } from "../../utils/form.server";
import { conflict } from "../../utils/http.server";
import { SurveyDetailsFields, surveyDetailsLabels } from "./details-form";
import { QuestionForm, questionFields, type QuestionValues } from "./question-form";
import { TargetsForm } from "./targets-form";
import { QuestionSpecificationForm, questionSpecificationSelectId } from "../../components/question-specification-choice";
import { getSurveySpecificationChoices } from "../../models/specification-choice.server";
import { specificationLinkIntents } from "../../schemas/specification-link.server";
import { linkQuestionFromForm } from "../../utils/question-specification-link.server";
import { StatusNotice } from "../../components/status-notice";
import { keptList } from "../../utils/kept-values";

export const meta: MetaFunction = (args) => pageTitle(args, "title.editSurvey");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey } = await requireOwnSurvey(request, params.surveyId);
  if (survey.status !== "draft") conflict("errors.surveyNotDraft");
  const { specifikation: query, fraga: openQuestion } = surveySpecificationParamsSchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const [organisations, defaults, specifications] = await Promise.all([
    listTargetableOrganisations(),
    listAnswerTimeDefaults(),
    // The matcher is asked for the question being edited only (`?fraga=`), not for all of them on each view.
    getSurveySpecificationChoices({ surveyId: survey.id, query, openQuestionId: openQuestion }),
  ]);
  const { senderUserId: _sender, ...shown } = survey;
  return { survey: shown, organisations, defaults, specifications, openQuestion };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

type Saved = { ok: true; message: MessageKey; values: Record<string, string> };
const saved: Saved = { ok: true, message: "form.saved", values: {} };

async function runAction({ request, params }: ActionFunctionArgs) {
  const { user, survey } = await requireOwnSurvey(request, params.surveyId);
  const actor = toActor(user);
  const surveyId = survey.id;
  const intent = await parseIntent(request, [...surveyEditIntents, ...specificationLinkIntents]);
  if (intent === "link_specification" || intent === "unlink_specification") {
    // The editor tells every saved change the same way.
    const linked = await linkQuestionFromForm(request, { actor, surveyId, intent });
    return linked.ok ? saved : linked;
  }
  if (intent === "details") {
    const form = await parseForm(request, surveyDetailsSchema);
    if (!form.ok) return form;
    return updateSurveyDetails({ actor, surveyId, details: form.data })
      .then(() => saved)
      .catch((error) => conflictFailure(error, form.values));
  }
  if (intent === "targets") {
    const form = await parseForm(request, surveyTargetsSchema, { lists: ["organisationIds"] });
    if (!form.ok) return form;
    return setSurveyTargets({ actor, surveyId, targets: form.data })
      .then(() => saved)
      .catch((error) => conflictFailure(error, form.values));
  }
  if (intent === "add_question" || intent === "update_question") {
    const form = await parseForm(
      request,
      intent === "add_question" ? surveyQuestionSchema : surveyQuestionSchema.extend(questionIdSchema.shape),
    );
    if (!form.ok) return form;
    const question = form.data;
    const command =
      "questionId" in question && typeof question.questionId === "string"
        ? updateQuestion({ actor, surveyId, questionId: question.questionId, question })
        : addQuestion({ actor, surveyId, question });
    return command.then(() => saved).catch((error) => conflictFailure(error, form.values));
  }
  if (intent === "remove_question") {
    const form = await parseForm(request, questionIdSchema);
    if (!form.ok) return form;
    return removeQuestion({ actor, surveyId, questionId: form.data.questionId })
      .then(() => saved)
      .catch((error) => conflictFailure(error, form.values));
  }
  const form = await parseForm(request, moveQuestionSchema);
  if (!form.ok) return form;
  return moveQuestion({ actor, surveyId, ...form.data })
    .then(() => saved)
    .catch((error) => conflictFailure(error, form.values));
}

const emptyQuestion: QuestionValues = {
  text: "",
  answerType: "number",
  unit: "",
  helpText: "",
  choices: "",
  estimatedMinutes: "",
  confidential: false,
};

export default function EditSurvey() {
  const { t } = useTranslation();
  const { survey, organisations, defaults, specifications, openQuestion } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  // Which form the failure belongs to: its values come back to that form only.
  const failedIntent = values.intent;
  const failedQuestion = values.questionId;
  const valuesOf = (intent: string, questionId?: string) =>
    failure && failedIntent === intent && (questionId === undefined || failedQuestion === questionId) ? values : undefined;
  const errorsOf = (intent: string, questionId?: string) => (valuesOf(intent, questionId) ? failure?.fieldErrors : undefined);
  // A question form's fields carry its prefix in their ids (question-form.tsx), so the summary links to that form's.
  const failedPosition = survey.questions.findIndex((q) => q.id === failedQuestion);
  const failedPrefix =
    failedIntent === "add_question"
      ? "new"
      : failedIntent === "update_question" && failedPosition >= 0
        ? `q${failedPosition + 1}`
        : undefined;
  const questionFieldIds = failedPrefix
    ? Object.fromEntries(questionFields.map((field) => [field, `${failedPrefix}-${field}`]))
    : undefined;
  const specificationFieldIds =
    failedIntent === "link_specification" && failedPosition >= 0
      ? { specificationId: questionSpecificationSelectId(failedPosition + 1) }
      : undefined;
  const fromForm = (v: Record<string, string>): QuestionValues => ({
    text: v.text ?? "",
    answerType: v.answerType ?? "number",
    unit: v.unit ?? "",
    helpText: v.helpText ?? "",
    choices: v.choices ?? "",
    estimatedMinutes: v.estimatedMinutes ?? "",
    confidential: v.confidential === "on",
  });
  const detailsValues = valuesOf("details") ?? {
    title: survey.title,
    purpose: survey.purpose,
    legalBasis: survey.legalBasis ?? "",
    deadlineWorkingDays: String(survey.deadlineWorkingDays),
  };

  return (
    <>
      <p>
        <Link to="/enkater">{t("surveys.title")}</Link>
      </p>
      <h1>{t("survey.editTitle")}</h1>
      <p>{t("survey.draftNotice")}</p>
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          ...surveyDetailsLabels(t),
          targetScope: t("survey.targetScope"),
          organisationIds: t("survey.chooseTargets"),
          text: t("survey.questionText"),
          answerType: t("survey.answerType"),
          unit: t("survey.unit"),
          helpText: t("survey.helpText"),
          choices: t("survey.choices"),
          estimatedMinutes: t("survey.minutes"),
          specificationId: t("specificationLink.choose"),
        }}
        fieldIds={questionFieldIds ?? specificationFieldIds}
      />

      <section aria-labelledby="details">
        <h2 id="details">{t("survey.details")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="details" />
          <SurveyDetailsFields values={detailsValues} errors={errorsOf("details")} />
          <div>
            <button type="submit">{t("survey.saveDetails")}</button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="targets">
        <h2 id="targets">{t("survey.targets")}</h2>
        <TargetsForm
          scope={valuesOf("targets")?.targetScope ?? survey.targetScope}
          chosen={keptList(valuesOf("targets"), "organisationIds") ?? survey.targets.map((o) => o.id)}
          organisations={organisations}
          count={survey.targets.length}
        />
      </section>

      <section aria-labelledby="questions">
        <h2 id="questions">{t("survey.questions")}</h2>
        {survey.questions.length === 0 ? <p>{t("survey.noQuestions")}</p> : null}
        <ol className="survey-questions">
          {survey.questions.map((question, index) => (
            <li key={question.id}>
              <details open={failedQuestion === question.id || openQuestion === question.id}>
                <summary>
                  {question.text} ({t(surveyAnswerTypeLabel(question.answerType))},{" "}
                  {t("survey.minutesShort", { minutes: question.estimatedMinutes })}
                  {question.confidential ? `, ${t("survey.confidentialShort")}` : ""})
                </summary>
                <QuestionForm
                  prefix={`q${index + 1}`}
                  intent="update_question"
                  questionId={question.id}
                  values={
                    valuesOf("update_question", question.id)
                      ? fromForm(values)
                      : {
                          text: question.text,
                          answerType: question.answerType,
                          unit: question.unit ?? "",
                          helpText: question.helpText ?? "",
                          choices: question.choices.join("\n"),
                          estimatedMinutes: String(question.estimatedMinutes),
                          confidential: question.confidential,
                        }
                  }
                  errors={errorsOf("update_question", question.id)}
                  defaults={defaults}
                  submitLabel={t("survey.saveQuestion")}
                />
                <QuestionSpecificationForm
                  questionId={question.id}
                  number={index + 1}
                  choice={specifications.byQuestion[question.id]}
                  register={specifications.register}
                  query={specifications.query}
                  errors={errorsOf("link_specification", question.id)?.specificationId}
                  chosen={valuesOf("link_specification", question.id)?.specificationId}
                />
              </details>
              <div className="row-actions">
                {index > 0 ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="move_question" />
                    <input type="hidden" name="questionId" value={question.id} />
                    <input type="hidden" name="direction" value="up" />
                    <button type="submit" aria-label={`${t("survey.moveUp")}: ${t("survey.question", { number: index + 1 })}`}>
                      {t("survey.moveUp")}
                    </button>
                  </Form>
                ) : null}
                {index < survey.questions.length - 1 ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="move_question" />
                    <input type="hidden" name="questionId" value={question.id} />
                    <input type="hidden" name="direction" value="down" />
                    <button type="submit" aria-label={`${t("survey.moveDown")}: ${t("survey.question", { number: index + 1 })}`}>
                      {t("survey.moveDown")}
                    </button>
                  </Form>
                ) : null}
                <Form method="post">
                  <input type="hidden" name="intent" value="remove_question" />
                  <input type="hidden" name="questionId" value={question.id} />
                  <button type="submit" aria-label={`${t("survey.removeQuestion")}: ${t("survey.question", { number: index + 1 })}`}>
                    {t("survey.removeQuestion")}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ol>
        <h3 id="add-question">{t("survey.addQuestion")}</h3>
        <QuestionForm
          key={result?.ok ? `added-${survey.version}` : "add"}
          prefix="new"
          intent="add_question"
          values={valuesOf("add_question") ? fromForm(values) : emptyQuestion}
          errors={errorsOf("add_question")}
          defaults={defaults}
          submitLabel={t("survey.addQuestion")}
        />
      </section>

      <p>
        <Link to={`/enkater/${survey.id}/forhandsgranska`}>{t("survey.preview")}</Link> ·{" "}
        <Link to={`/enkater/${survey.id}/skicka`}>{t("survey.toSend")}</Link>
      </p>
    </>
  );
}
