import { useEffect, useId, useMemo, useState } from "react";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { FieldError } from "./forms";
import { formatDate } from "../utils/dates";

/**
 * What the server's working-day calendar (app/utils/working-days.ts) knows, sent with the page so
 * the browser can count without the holiday library: today in Sweden and the weekdays off.
 */
export interface WorkingDayCalendar {
  today: string;
  daysOff: string[];
}

function shift(day: string, by: number) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}

function isWorkingDay(day: string, daysOff: Set<string>) {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !daysOff.has(day);
}

/** Working days after `from` up to and including `to`, as workingDaysBetween counts them on the server. */
export function countWorkingDays(from: string, to: string, daysOff: Set<string>) {
  let count = 0;
  for (let day = shift(from, 1); day <= to; day = shift(day, 1)) if (isWorkingDay(day, daysOff)) count++;
  return count;
}

/** The day `workingDays` working days after `from`, as addWorkingDays gives it on the server. */
export function addWorkingDaysIn(from: string, workingDays: number, daysOff: Set<string>) {
  let day = from;
  for (let left = workingDays; left > 0;) {
    day = shift(day, 1);
    if (isWorkingDay(day, daysOff)) left--;
  }
  return day;
}

export const DUE_PRESETS = [10, 20, 30] as const;

/**
 * The answer time as the form sends it, in working days (`name`), chosen three ways: a preset
 * (10, 20, 30 working days), a date from the date picker that says how many working days it is, or
 * the number itself. Without JavaScript only the number field is there, its hint naming the presets' dates.
 */
export function DueDatePicker({
  name,
  label,
  calendar,
  defaultWorkingDays,
  errors,
}: {
  name: string;
  label: string;
  calendar: WorkingDayCalendar;
  defaultWorkingDays: string;
  errors?: MessageKey[];
}) {
  const { t, locale } = useTranslation();
  const id = useId();
  const daysOff = useMemo(() => new Set(calendar.daysOff), [calendar.daysOff]);
  const [enhanced, setEnhanced] = useState(false);
  const [days, setDays] = useState(defaultWorkingDays);
  useEffect(() => setEnhanced(true), []);
  const valid = /^\d{1,3}$/.test(days.trim()) && Number(days) >= 1 && Number(days) <= 120;
  const dueDate = valid ? addWorkingDaysIn(calendar.today, Number(days), daysOff) : "";
  const presetText = (preset: number) =>
    t("triage.duePreset", { count: preset, date: formatDate(addWorkingDaysIn(calendar.today, preset, daysOff), locale) });
  const error = errors?.[0];
  return (
    <fieldset
      className={error ? "field field--error due-date" : "field due-date"}
      aria-describedby={error ? `${id}-error ${id}-status` : `${id}-status`}
    >
      <legend>{t("triage.dueTitle")}</legend>
      {error ? <FieldError id={`${id}-error`}>{t(error)}</FieldError> : null}
      {enhanced ? (
        <div className="due-date__presets" role="group" aria-label={t("triage.duePresets")}>
          {DUE_PRESETS.map((preset) => (
            <button
              key={preset}
              type="button"
              className="button--secondary"
              aria-pressed={days === String(preset)}
              onClick={() => setDays(String(preset))}
            >
              {presetText(preset)}
            </button>
          ))}
        </div>
      ) : null}
      <div className="due-date__row">
        {enhanced ? (
          <div className="field">
            <label htmlFor={`${id}-date`}>{t("triage.dueDate")}</label>
            <input
              id={`${id}-date`}
              type="date"
              min={shift(calendar.today, 1)}
              value={dueDate}
              onChange={(event) => {
                const picked = event.target.value;
                if (picked > calendar.today) setDays(String(countWorkingDays(calendar.today, picked, daysOff)));
              }}
            />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={name}>{label}</label>
          {enhanced ? null : (
            <p className="hint" id={`${id}-hint`}>
              {t("triage.duePresetsHint", { presets: DUE_PRESETS.map(presetText).join(", ") })}
            </p>
          )}
          <input
            id={name}
            name={name}
            inputMode="numeric"
            value={days}
            onChange={(event) => setDays(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={[error ? `${id}-error` : null, enhanced ? `${id}-status` : `${id}-hint`].filter(Boolean).join(" ")}
          />
        </div>
      </div>
      <p className="hint" id={`${id}-status`} role="status">
        {enhanced && valid ? t("triage.dueSummary", { count: Number(days), date: formatDate(dueDate, locale, "longDate") }) : null}
      </p>
    </fieldset>
  );
}
