import type { ReactNode } from "react";
import { DataTable } from "./data-table";
import { useTranslation } from "../i18n/use-translation";
import { formatHours } from "../utils/time-saved-format";

export interface FiguresRow {
  key: string;
  label: ReactNode;
  answers: number;
  minutes: number;
  minutesLow: number;
  minutesHigh: number;
}

/**
 * One breakdown of the time-saved report as a table: the answers spared and the hours in the low,
 * central and high scenarios side by side (ADR 025). The table is the source of truth a chart above
 * it repeats; it scrolls on its own on a narrow screen.
 */
export function FiguresTable({ caption, labelHeading, rows }: { caption: string; labelHeading: string; rows: FiguresRow[] }) {
  const { t, locale } = useTranslation();
  const hours = (scenario: "low" | "central" | "high") => `${t("report.hours")} (${t(`timeSaved.scenario.${scenario}`)})`;
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(row) => row.key}
      columns={[
        { key: "label", header: labelHeading, rowHeader: true, cell: (row) => row.label },
        { key: "answers", header: t("report.answers"), numeric: true, cell: (row) => row.answers },
        { key: "low", header: hours("low"), numeric: true, cell: (row) => formatHours(row.minutesLow, locale) },
        { key: "central", header: hours("central"), numeric: true, cell: (row) => formatHours(row.minutes, locale) },
        { key: "high", header: hours("high"), numeric: true, cell: (row) => formatHours(row.minutesHigh, locale) },
      ]}
    />
  );
}
