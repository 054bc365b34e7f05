import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "../auth/guard.server";
import { BarChart } from "../components/bar-chart";
import { getLocale } from "../i18n/locale.server";
import { pageTitle } from "../i18n/page-title";
import { translate } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { listMunicipalityStatistics } from "../models/organisation-statistics.server";
import { renderBarChart } from "../utils/bar-chart.server";
import { formatShare, formatWorkingDays } from "../utils/statistics-format";

/*
 * The public statistics, /statistik (issue 9, ADR 024): the municipalities ranked on how they
 * answer, as Alaveteli's /statistics ranks public bodies. The table is the source of truth; the
 * chart above it repeats one column, drawn on the server (ADR 030); /statistik.csv has the same figures.
 */

export const meta: MetaFunction = (args) => pageTitle(args, "title.statistics");

export async function loader({ request }: LoaderFunctionArgs) {
  const [municipalities, locale] = await Promise.all([
    listMunicipalityStatistics(),
    getUser(request).then((user) => getLocale(request, user)),
  ]);
  const ranked = municipalities.filter((m) => m.shareInTime !== null);
  const share = (value: number | null) => formatShare(value, locale);
  const best = ranked[0];
  const worst = ranked.at(-1);
  return {
    municipalities,
    chart:
      best && worst
        ? renderBarChart(
            ranked.map((m) => ({ label: m.name, value: m.shareInTime! })),
            {
              id: "chart-share-in-time",
              max: 1,
              title: translate(locale, "statistics.chartTitle"),
              description: translate(locale, "statistics.chartDescription", {
                count: ranked.length,
                best: best.name,
                bestShare: share(best.shareInTime),
                worst: worst.name,
                worstShare: share(worst.shareInTime),
              }),
              unit: "share",
              locale,
            },
          )
        : null,
  };
}

export default function Statistics() {
  const { t, locale } = useTranslation();
  const { municipalities, chart } = useLoaderData<typeof loader>();
  const share = (value: number | null) => formatShare(value, locale);
  return (
    <>
      <h1>{t("statistics.title")}</h1>
      <p>{t("statistics.intro")}</p>
      {chart ? <BarChart chart={chart} caption={t("statistics.chartCaption")} /> : <p>{t("statistics.chartNone")}</p>}
      <h2 id="table-title">{t("statistics.tableTitle")}</h2>
      <p>
        <a href="/statistik.csv" download>
          {t("statistics.csv")}
        </a>
      </p>
      <div className="table-scroll" role="region" aria-labelledby="table-title" tabIndex={0}>
        <table>
          <caption className="muted">{t("statistics.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" className="number">
                {t("statistics.rank")}
              </th>
              <th scope="col">{t("statistics.municipality")}</th>
              <th scope="col" className="number">
                {t("statistics.shareInTime")}
              </th>
              <th scope="col" className="number">
                {t("statistics.median")}
              </th>
              <th scope="col" className="number">
                {t("statistics.open")}
              </th>
              <th scope="col" className="number">
                {t("statistics.overdue")}
              </th>
              <th scope="col" className="number">
                {t("statistics.answered")}
              </th>
              <th scope="col" className="number">
                {t("statistics.datasets")}
              </th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => (
              <tr key={m.id}>
                <td className="number">
                  {m.rank ?? (
                    <>
                      <span aria-hidden="true">–</span>
                      <span className="visually-hidden">{t("statistics.notRanked")}</span>
                    </>
                  )}
                </td>
                <th scope="row">
                  <Link to={`/organisationer/${m.slug}`}>{m.name}</Link>
                </th>
                <td className="number">{share(m.shareInTime)}</td>
                <td className="number">{formatWorkingDays(m.medianWorkingDays, locale)}</td>
                <td className="number">{m.open}</td>
                <td className="number">{m.overdue}</td>
                <td className="number">{m.answered}</td>
                <td className="number">{m.datasets}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t("statistics.definitionsTitle")}</h2>
      <dl>
        <dt>{t("statistics.shareInTime")}</dt>
        <dd>{t("statistics.definitionShareInTime")}</dd>
        <dt>{t("statistics.median")}</dt>
        <dd>{t("statistics.definitionMedian")}</dd>
        <dt>{t("statistics.open")}</dt>
        <dd>{t("statistics.definitionOpen")}</dd>
        <dt>{t("statistics.overdue")}</dt>
        <dd>{t("statistics.definitionOverdue")}</dd>
        <dt>{t("statistics.answered")}</dt>
        <dd>{t("statistics.definitionAnswered")}</dd>
        <dt>{t("statistics.datasets")}</dt>
        <dd>{t("statistics.definitionDatasets")}</dd>
      </dl>
    </>
  );
}
