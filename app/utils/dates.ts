import type { Locale } from "../../db/schema";

/**
 * Dates as the portal shows them, in one place (docs/decisions/013). Everything is read in Swedish
 * time, whatever the server's or the browser's time zone, so a date is the same on the page and in
 * its hydration. Client-safe: no server modules, no date library (working days, which need the
 * holiday calendar, are in working-days.ts and build on `todayInSweden`).
 */
export const SWEDISH_TIME_ZONE = "Europe/Stockholm";

type DateInput = Date | string | number;

const STYLES = {
  /** 2026-03-05 / 05/03/2026 */
  date: { timeZone: SWEDISH_TIME_ZONE },
  /** 5 mars 2026 / 5 March 2026 */
  longDate: { dateStyle: "long", timeZone: SWEDISH_TIME_ZONE },
  /** 2026-03-05 14:07 / 05/03/2026, 14:07 */
  dateTime: { dateStyle: "short", timeStyle: "short", timeZone: SWEDISH_TIME_ZONE },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateStyle = keyof typeof STYLES;

// Making an Intl.DateTimeFormat costs far more than formatting with one: two per listed request
// made them a large share of the register's rendering under load. One per language and style.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(locale: Locale | "sv-fixed", style: DateStyle | "parts") {
  const key = `${locale}\u0000${style}`;
  let format = formats.get(key);
  if (!format) {
    format =
      style === "parts"
        ? new Intl.DateTimeFormat("sv-SE", {
            timeZone: SWEDISH_TIME_ZONE,
            year: "numeric",
            month: "2-digit",
            day: "2-digit",
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
          })
        : new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", STYLES[style]);
    formats.set(key, format);
  }
  return format;
}

/** A date or moment in the language's own way (`date`, `longDate` or `dateTime`). */
export function formatDate(value: DateInput, locale: Locale, style: DateStyle = "date"): string {
  return formatFor(locale, style).format(new Date(value));
}

/**
 * `2026-03-05 14:07` in either language: built from parts in a fixed order, so the server and the
 * browser print the same text (the page is hydrated) whatever their ICU versions make of a
 * locale's default pattern.
 */
export function formatTimestamp(value: DateInput): string {
  const parts = Object.fromEntries(
    formatFor("sv-fixed", "parts")
      .formatToParts(new Date(value))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** Today's calendar date in Sweden, as YYYY-MM-DD: the day due dates are counted from and read against. */
export function todayInSweden(now: Date = new Date()): string {
  return formatFor("sv", "date").format(now);
}

/** A real calendar date written YYYY-MM-DD (not 2027-02-30, not 2027-13-45). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T12:00:00Z`);
  // An impossible month is an invalid Date, whose toISOString throws; an impossible day rolls over.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
