import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getHomeSummary } from "../models/time-saved-report.server";
import type { loader as rootLoader } from "../root";
import { todayInSweden } from "../utils/dates";
import { formatHours } from "../utils/time-saved-format";

/** The public summary (issue 10, ADR 025): this year's hours saved, and the newest and most supported requests. */
export async function loader() {
  return getHomeSummary({ year: Number(todayInSweden().slice(0, 4)) });
}

export default function Index() {
  const { t, locale } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const summary = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      <h2>{t("home.steps.title")}</h2>
      <ol>
        <li>{t("home.steps.one")}</li>
        <li>{t("home.steps.two")}</li>
        <li>{t("home.steps.three")}</li>
      </ol>
      {root?.user ? (
        <p>{t("home.signedInAs", { name: root.user.name })}</p>
      ) : (
        <p>
          <Link to="/signup">{t("home.getStarted")}</Link>
        </p>
      )}
      <section aria-labelledby="time-saved">
        <h2 id="time-saved">{t("home.summaryTitle", { year: summary.year })}</h2>
        <dl className="figures">
          <div>
            <dt>{t("home.hoursSaved")}</dt>
            <dd>{formatHours(summary.minutes, locale)}</dd>
          </div>
          <div>
            <dt>{t("home.questionsNotAsked")}</dt>
            <dd>{summary.questionsNotAsked}</dd>
          </div>
          <div>
            <dt>{t("home.answeredByExistingData")}</dt>
            <dd>{summary.answeredByExistingData}</dd>
          </div>
        </dl>
        <p>
          <Link to="/tidsbesparing/metod">{t("home.methodology")}</Link>
        </p>
      </section>
      <section aria-labelledby="newest">
        <h2 id="newest">{t("home.newestTitle")}</h2>
        <ul>
          {summary.newest.map((r) => (
            <li key={r.number}>
              <Link to={`/requests/${r.number}`}>{r.title}</Link> – {t(`requestStatus.${r.status}`)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="most-supported">
        <h2 id="most-supported">{t("home.mostSupportedTitle")}</h2>
        <ul>
          {summary.mostSupported.map((r) => (
            <li key={r.number}>
              <Link to={`/requests/${r.number}`}>{r.title}</Link> – {t("home.votes", { count: r.voteCount })}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
