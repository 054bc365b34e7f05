import { Link } from "@remix-run/react";
import { BarChart } from "../../components/bar-chart";
import { DataTable } from "../../components/data-table";
import { FiguresTable } from "../../components/time-saved-figures";
import { useTranslation } from "../../i18n/use-translation";
import { formatHours } from "../../utils/time-saved-format";
import type { LoaderData } from "./page-data";

/** The hours saved in the three scenarios side by side, in total. */
export function ScenariosSection({ totals }: { totals: LoaderData["report"]["totals"] }) {
  const { t, locale } = useTranslation();
  const rows = [
    { scenario: "low", minutes: totals.minutesLow },
    { scenario: "central", minutes: totals.minutes },
    { scenario: "high", minutes: totals.minutesHigh },
  ] as const;
  return (
    <>
      <h2 id="scenarios">{t("report.scenariosTitle")}</h2>
      <DataTable
        labelledBy="scenarios"
        caption={t("report.scenariosCaption")}
        rows={rows}
        rowKey={(row) => row.scenario}
        columns={[
          { key: "scenario", header: t("report.scenario"), rowHeader: true, cell: (row) => t(`timeSaved.scenario.${row.scenario}`) },
          { key: "hours", header: t("report.hours"), numeric: true, cell: (row) => formatHours(row.minutes, locale) },
          { key: "answers", header: t("report.answers"), numeric: true, cell: () => totals.answers },
        ]}
      />
      {totals.answers === 0 && totals.minutes === 0 ? <p>{t("report.none")}</p> : null}
    </>
  );
}

/** The hours saved by month, quarter, year, organisation spared, reason and requester: a chart where there is one, then its table. */
export function BreakdownSections({ report, charts }: Pick<LoaderData, "report" | "charts">) {
  const { t } = useTranslation();
  const chart = (svg: LoaderData["charts"]["month"]) => (svg ? <BarChart chart={svg} caption={t("report.chartCaption")} /> : null);
  return (
    <>
      <h2>{t("report.byMonthTitle")}</h2>
      {chart(charts.month)}
      <FiguresTable
        caption={t("report.byMonthTitle")}
        labelHeading={t("report.month")}
        rows={report.byMonth.map((m) => ({ key: m.month, label: m.month, ...m }))}
      />
      <h2>{t("report.byQuarterTitle")}</h2>
      <FiguresTable
        caption={t("report.byQuarterTitle")}
        labelHeading={t("report.quarter")}
        rows={report.byQuarter.map((q) => ({ key: q.quarter, label: q.quarter, ...q }))}
      />
      <h2>{t("report.byYearTitle")}</h2>
      <FiguresTable
        caption={t("report.byYearTitle")}
        labelHeading={t("report.year")}
        rows={report.byYear.map((y) => ({ key: String(y.year), label: y.year, ...y }))}
      />

      <h2>{t("report.byOrganisationTitle")}</h2>
      {chart(charts.organisation)}
      <FiguresTable
        caption={t("report.byOrganisationTitle")}
        labelHeading={t("report.organisation")}
        rows={report.byOrganisation.map((o) => ({ key: o.slug, label: <Link to={`/organisationer/${o.slug}`}>{o.name}</Link>, ...o }))}
      />

      <h2>{t("report.byReasonTitle")}</h2>
      {chart(charts.reason)}
      <FiguresTable
        caption={t("report.byReasonTitle")}
        labelHeading={t("report.reason")}
        rows={report.byReason.map((r) => ({ key: r.reason, label: t(`timeSaved.reason.${r.reason}`), ...r }))}
      />

      <h2>{t("report.byRequesterTitle")}</h2>
      <FiguresTable
        caption={t("report.byRequesterTitle")}
        labelHeading={t("report.requester")}
        rows={report.byRequester.map((r) => ({
          key: `${r.requesterType}\u0000${r.requesterOrganisation ?? ""}`,
          label:
            r.requesterOrganisation ??
            (r.requesterType
              ? t(`newRequest.requesterType.${r.requesterType as "company" | "research" | "authority" | "citizen"}`)
              : t("timeSaved.noRequest")),
          ...r,
        }))}
      />
    </>
  );
}
