import { useId, type ReactNode } from "react";
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
  const id = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeading}</th>
            <th scope="col" className="number">
              {t("report.answers")}
            </th>
            <th scope="col" className="number">
              {t("report.hours")} ({t("timeSaved.scenario.low")})
            </th>
            <th scope="col" className="number">
              {t("report.hours")} ({t("timeSaved.scenario.central")})
            </th>
            <th scope="col" className="number">
              {t("report.hours")} ({t("timeSaved.scenario.high")})
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="number">{row.answers}</td>
              <td className="number">{formatHours(row.minutesLow, locale)}</td>
              <td className="number">{formatHours(row.minutes, locale)}</td>
              <td className="number">{formatHours(row.minutesHigh, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
