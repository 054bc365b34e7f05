import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { pageTitle } from "../i18n/page-title";
import { surveyStatusLabel } from "../i18n/surveys.messages";
import { useTranslation } from "../i18n/use-translation";
import { listSurveys } from "../models/survey-page.server";
import { formatDate } from "../utils/dates";

export const meta: MetaFunction = (args) => pageTitle(args, "title.surveys");

/** Everyone's sent surveys; a signed-in user's own drafts too. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const surveys = await listSurveys({ viewerId: user?.id ?? null });
  return {
    signedIn: user !== null,
    mayManage: user ? can(toActor(user), "triage:request:any") : false,
    surveys: surveys.map(({ senderUserId: _sender, ...survey }) => survey),
  };
}

export default function Surveys() {
  const { t, locale } = useTranslation();
  const { signedIn, mayManage, surveys } = useLoaderData<typeof loader>();
  const mine = surveys.filter((s) => s.mine);
  const sent = surveys.filter((s) => !s.mine);
  const list = (items: typeof surveys) => (
    <ul className="plain-list">
      {items.map((survey) => (
        <li key={survey.id}>
          <Link to={survey.status === "draft" ? `/enkater/${survey.id}/redigera` : `/enkater/${survey.id}`}>{survey.title}</Link>{" "}
          <span>
            ({t(surveyStatusLabel(survey.status))}, {t("surveys.questionsCount", { count: survey.questions })}
            {survey.dueDate ? `, ${t("surveys.dueDate", { date: formatDate(survey.dueDate, locale) })}` : ""})
          </span>
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <h1>{t("surveys.title")}</h1>
      <p>{t("surveys.intro")}</p>
      {signedIn ? (
        <p>
          <Link to="/enkater/ny">{t("surveys.new")}</Link>
          {mayManage ? (
            <>
              {" · "}
              <Link to="/admin/enkater">{t("surveySettings.link")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
      {mine.length ? (
        <section aria-labelledby="mine">
          <h2 id="mine">{t("surveys.mine")}</h2>
          {list(mine)}
        </section>
      ) : null}
      <section aria-labelledby="sent">
        <h2 id="sent">{t("surveys.all")}</h2>
        {sent.length ? list(sent) : <p>{t("surveys.none")}</p>}
      </section>
    </>
  );
}
