import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "../auth/guard.server";
import { BarChart } from "../components/bar-chart";
import { DataTable } from "../components/data-table";
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
      <DataTable
        labelledBy="table-title"
        caption={t("statistics.tableCaption")}
        captionClassName="muted"
        rows={municipalities}
        rowKey={(m) => m.id}
        columns={[
          {
            key: "rank",
            header: t("statistics.rank"),
            numeric: true,
            cell: (m) =>
              m.rank ?? (
                <>
                  <span aria-hidden="true">–</span>
                  <span className="visually-hidden">{t("statistics.notRanked")}</span>
                </>
              ),
          },
          {
            key: "municipality",
            header: t("statistics.municipality"),
            rowHeader: true,
            cell: (m) => <Link to={`/organisationer/${m.slug}`}>{m.name}</Link>,
          },
          { key: "share", header: t("statistics.shareInTime"), numeric: true, cell: (m) => share(m.shareInTime) },
          { key: "median", header: t("statistics.median"), numeric: true, cell: (m) => formatWorkingDays(m.medianWorkingDays, locale) },
          { key: "open", header: t("statistics.open"), numeric: true, cell: (m) => m.open },
          { key: "overdue", header: t("statistics.overdue"), numeric: true, cell: (m) => m.overdue },
          { key: "answered", header: t("statistics.answered"), numeric: true, cell: (m) => m.answered },
          { key: "datasets", header: t("statistics.datasets"), numeric: true, cell: (m) => m.datasets },
        ]}
      />
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
