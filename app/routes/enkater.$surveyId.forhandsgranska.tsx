import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOwnSurvey } from "../auth/guard.server";
import { SurveyQuestionFields } from "../components/survey-questions";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";

export const meta: MetaFunction = (args) => pageTitle(args, "title.previewSurvey");

/** The sender sees the draft as a municipality will: the same fields as the task page, disabled. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey } = await requireOwnSurvey(request, params.surveyId);
  const { senderUserId: _sender, ...shown } = survey;
  return { survey: shown };
}

export default function PreviewSurvey() {
  const { t } = useTranslation();
  const { survey } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={survey.status === "draft" ? `/enkater/${survey.id}/redigera` : `/enkater/${survey.id}`}>{t("survey.backToEdit")}</Link>
      </p>
      <h1>{t("survey.previewTitle")}</h1>
      <p className="notice">{t("survey.previewNotice")}</p>
      <h2>{survey.title}</h2>
      {survey.purpose ? <p className="prewrap">{survey.purpose}</p> : null}
      {survey.legalBasis ? (
        <p>
          {t("survey.legalBasis")}: {survey.legalBasis}
        </p>
      ) : null}
      <p>
        {t("survey.deadline")}: {survey.deadlineWorkingDays}
      </p>
      <h3>{t("surveyTask.title")}</h3>
      <p>{t("surveyTask.intro")}</p>
      <SurveyQuestionFields questions={survey.questions} disabled />
    </>
  );
}
