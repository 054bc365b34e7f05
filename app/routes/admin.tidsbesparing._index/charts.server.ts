import { translate } from "../../i18n/translate";
import type { TimeSavedReport } from "../../models/time-saved-report.server";
import { renderBarChart } from "../../utils/bar-chart.server";
import { formatHours } from "../../utils/time-saved-format";

/** The reader's language, as the catalogue takes it (routes do not import db/ for the type). */
type Locale = Parameters<typeof translate>[0];

const CHART_BARS = 15;

/** The report's charts of hours saved, drawn on the server (ADR 030); null where nothing was saved. */
export function reportCharts(report: TimeSavedReport, locale: Locale) {
  // Room for the longest label on one line, or two for the reasons (their names are long).
  const hoursChart = (id: string, title: string, items: { label: string; minutes: number }[], lines: 1 | 2 = 1) => {
    const bars = items.filter((item) => item.minutes > 0).slice(0, CHART_BARS);
    if (bars.length === 0) return null;
    const top = bars.reduce((a, b) => (b.minutes > a.minutes ? b : a));
    return renderBarChart(
      bars.map((b) => ({ label: b.label, value: b.minutes / 60 })),
      {
        id,
        title,
        description: translate(locale, "report.chartDescription", {
          count: bars.length,
          top: top.label,
          hours: translate(locale, "report.chartHours", {
            count: Math.round(top.minutes / 6) / 10,
            hours: formatHours(top.minutes, locale),
          }),
        }),
        unit: "hours",
        locale,
        labelWidth: lines === 1 ? 220 : 300,
        barHeight: lines === 1 ? 24 : 40,
      },
    );
  };
  return {
    month: hoursChart(
      "chart-month",
      translate(locale, "report.byMonthTitle"),
      report.byMonth.map((m) => ({ label: m.month, minutes: m.minutes })),
    ),
    organisation: hoursChart(
      "chart-organisation",
      translate(locale, "report.byOrganisationTitle"),
      report.byOrganisation.map((o) => ({ label: o.name, minutes: o.minutes })),
    ),
    reason: hoursChart(
      "chart-reason",
      translate(locale, "report.byReasonTitle"),
      report.byReason.map((r) => ({ label: translate(locale, `timeSaved.reason.${r.reason}`), minutes: r.minutes })),
      2,
    ),
  };
}
