import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/guard.server";
import { SurveyQuestionFields } from "../components/survey-questions";
import { getLocale } from "../i18n/locale.server";
import { pageTitle } from "../i18n/page-title";
import { surveyTexts } from "../i18n/survey-texts.server";
import { useSurveyText } from "../i18n/use-survey-text";
import { getSurvey } from "../models/survey-page.server";
import { surveyIdParam } from "../schemas/survey.server";
import { forbidden, invariantResponse } from "../utils/http.server";

export const meta: MetaFunction = (args) => pageTitle(args, "title.previewSurvey");

/** The sender sees the draft as a municipality will: the same fields as the task page, disabled. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = surveyIdParam.safeParse(params.surveyId);
  const survey = invariantResponse(parsed.success ? await getSurvey(parsed.data) : undefined, 404);
  if (survey.senderUserId !== user.id) forbidden();
  const { senderUserId: _sender, ...shown } = survey;
  return { survey: shown, surveyTexts: surveyTexts(await getLocale(request, user)) };
}

export default function PreviewSurvey() {
  const st = useSurveyText();
  const { survey } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={survey.status === "draft" ? `/enkater/${survey.id}/redigera` : `/enkater/${survey.id}`}>{st("survey.backToEdit")}</Link>
      </p>
      <h1>{st("survey.previewTitle")}</h1>
      <p className="notice">{st("survey.previewNotice")}</p>
      <h2>{survey.title}</h2>
      {survey.purpose ? <p className="prewrap">{survey.purpose}</p> : null}
      {survey.legalBasis ? (
        <p>
          {st("survey.legalBasis")}: {survey.legalBasis}
        </p>
      ) : null}
      <p>
        {st("survey.deadline")}: {survey.deadlineWorkingDays}
      </p>
      <h3>{st("surveyTask.title")}</h3>
      <p>{st("surveyTask.intro")}</p>
      <SurveyQuestionFields questions={survey.questions} disabled />
    </>
  );
}
