import type { HarvestRunStatus as RunStatus } from "../../db/schema";
import { storedHarvestText } from "../catalogue/harvest-message";
import { useTranslation } from "../i18n/use-translation";
import { formatDate } from "../utils/dates";
import { RadioGroup } from "./forms";

export interface RunSummary {
  status: RunStatus;
  startedAt: string | Date;
  finishedAt: string | Date | null;
  added: number;
  updated: number;
  removed: number;
  failed: number;
  /** The Swedish text (all that a run written before keys has), and the key and parameters since. */
  error: string | null;
  errorKey?: string | null;
  errorParams?: Record<string, string | number> | null;
}

/** Status in words (never colour alone), when, and the counts of one harvest run. */
export function HarvestRunStatus({ run }: { run: RunSummary | null }) {
  const { t, locale } = useTranslation();
  if (!run) return <>{t("sources.never")}</>;
  const when = formatDate(run.finishedAt ?? run.startedAt, locale, "dateTime");
  return (
    <>
      <strong className={`run-status run-status--${run.status}`}>{t(`sources.run.${run.status}`)}</strong> {when}
      {run.status !== "running" ? (
        <>
          <br />
          {(["added", "updated", "removed", "failed"] as const)
            .map((count) => t(`sources.runCounts.${count}`, { count: run[count] }))
            .join(", ")}
        </>
      ) : null}
      {run.error || run.errorKey ? (
        <p className="field-error">{storedHarvestText(locale, { key: run.errorKey, params: run.errorParams, text: run.error })}</p>
      ) : null}
    </>
  );
}

/** How often a catalogue source is harvested. */
export function ScheduleChoice({ defaultValue }: { defaultValue: string }) {
  const { t } = useTranslation();
  return (
    <RadioGroup
      name="schedule"
      legend={t("sources.schedule")}
      defaultValue={defaultValue}
      options={(["daily", "manual"] as const).map((schedule) => ({ value: schedule, label: t(`sources.schedule.${schedule}`) }))}
    />
  );
}
