import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { getLocale } from "../i18n/locale.server";
import { pageTitle } from "../i18n/page-title";
import { surveyTexts } from "../i18n/survey-texts.server";
import { surveyStatusLabel } from "../i18n/survey-labels";
import { useTranslation } from "../i18n/use-translation";
import { useSurveyText } from "../i18n/use-survey-text";
import { listSurveys } from "../models/survey-page.server";
import { formatDate } from "../utils/dates";

export const meta: MetaFunction = (args) => pageTitle(args, "title.surveys");

/** Everyone's sent surveys; a signed-in user's own drafts too. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const surveys = await listSurveys({ viewerId: user?.id ?? null });
  return {
    signedIn: user !== null,
    surveyTexts: surveyTexts(await getLocale(request, user)),
    mayManage: user ? can(toActor(user), "triage:request:any") : false,
    surveys: surveys.map(({ senderUserId: _sender, ...survey }) => survey),
  };
}

export default function Surveys() {
  const { locale } = useTranslation();
  const st = useSurveyText();
  const { signedIn, mayManage, surveys } = useLoaderData<typeof loader>();
  const mine = surveys.filter((s) => s.mine);
  const sent = surveys.filter((s) => !s.mine);
  const list = (items: typeof surveys) => (
    <ul className="plain-list">
      {items.map((survey) => (
        <li key={survey.id}>
          <Link to={survey.status === "draft" ? `/enkater/${survey.id}/redigera` : `/enkater/${survey.id}`}>{survey.title}</Link>{" "}
          <span>
            ({st(surveyStatusLabel(survey.status))}, {st("surveys.questionsCount", { count: survey.questions })}
            {survey.dueDate ? `, ${st("surveys.dueDate", { date: formatDate(survey.dueDate, locale) })}` : ""})
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <h1>{st("surveys.title")}</h1>
      <p>{st("surveys.intro")}</p>
      {signedIn ? (
        <p>
          <Link to="/enkater/ny">{st("surveys.new")}</Link>
          {mayManage ? (
            <>
              {" · "}
              <Link to="/admin/enkater">{st("surveySettings.link")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {mine.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{st("surveys.mine")}</h2>
          {list(mine)}
        </section>
      ) : null}
      <section aria-labelledby="sent">
        <h2 id="sent">{st("surveys.all")}</h2>
        {sent.length ? list(sent) : <p>{st("surveys.none")}</p>}
      </section>
    </>
  );
}
