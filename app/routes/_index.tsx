import { Form, Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getHomePage } from "../models/home.server";
import type { loader as rootLoader } from "../root";
import { todayInSweden } from "../utils/dates";
import { formatHours } from "../utils/time-saved-format";
import { formatShare } from "../utils/statistics-format";

/**
 * The public summary (issue 10, ADR 025; issue 13): this year's hours saved, how the municipalities
 * answer, and the newest and most supported requests, under a search box and the way to ask.
 */
export async function loader() {
  const today = todayInSweden();
  return getHomePage({ year: Number(today.slice(0, 4)), today });
}

export default function Index() {
  const { t, locale } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  const summary = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      <div className="home-actions">
        <Form method="get" action="/datasets" role="search" className="home-search">
          <label htmlFor="home-search">{t("home.search.label")}</label>
          <p className="hint" id="home-search-hint">
            {t("home.search.hint")}
          </p>
          <div className="home-search__row">
            <input id="home-search" type="search" name="q" aria-describedby="home-search-hint" />
            <button type="submit">{t("home.search.submit")}</button>
          </div>
        </Form>
        <div className="home-ask">
          <p>{t("home.askIntro")}</p>
          <Link to="/requests/new" className="button">
            {t("home.ask")}
          </Link>
        </div>
      </div>
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
      <section aria-labelledby="answer-times">
        <h2 id="answer-times">{t("home.answerTimes.title")}</h2>
        {summary.answerTimes.tasksAnswered === 0 ? (
          <p>{t("home.answerTimes.none")}</p>
        ) : (
          <>
            <dl className="figures">
              <div>
                <dt>{t("home.answerTimes.tasksAnswered")}</dt>
                <dd>{summary.answerTimes.tasksAnswered}</dd>
              </div>
              <div>
                <dt>{t("home.answerTimes.municipalities")}</dt>
                <dd>{summary.answerTimes.municipalitiesAnswering}</dd>
              </div>
              <div>
                <dt>{t("home.answerTimes.shareInTime")}</dt>
                <dd>{formatShare(summary.answerTimes.shareInTime, locale)}</dd>
              </div>
            </dl>
            {summary.answerTimes.quickest.length > 0 ? (
              <>
                <h3>{t("home.answerTimes.quickest")}</h3>
                <ol className="quickest">
                  {summary.answerTimes.quickest.map((m) => (
                    <li key={m.slug}>
                      <Link to={`/organisationer/${m.slug}`}>{m.name}</Link> –{" "}
                      {t("home.answerTimes.median", { count: m.medianWorkingDays })}
                    </li>
                  ))}
                </ol>
              </>
            ) : null}
          </>
        )}
        <p>
          <Link to="/statistik">{t("home.answerTimes.all")}</Link>
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
