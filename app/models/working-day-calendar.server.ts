import { sql, type RawBuilder } from "kysely";
import { db } from "../../db/client.server";
import { daysOffInYear } from "../utils/working-days";

/**
 * The working-day calendar the public statistics count in (ADR 024): a row per day from
 * FIRST_DAY holding the Swedish working days up to and including it, so the working days after
 * one date up to another are `later.working_days - earlier.working_days` (what
 * `workingDaysBetween` counts), in a join rather than a loop per task. The rows come from the same
 * holiday library as every deadline, written by the app (a migration may not import it), the
 * first time a process needs them or when the calendar no longer reaches far enough ahead.
 */
const FIRST_DAY = "2000-01-01";
/** How far past the current year the calendar reaches, so a day of the coming years is always in it. */
const YEARS_AHEAD = 10;

function calendarRows(lastYear: number) {
  const days: string[] = [];
  const counts: number[] = [];
  let count = 0;
  const firstYear = Number(FIRST_DAY.slice(0, 4));
  for (let year = firstYear; year <= lastYear; year++) {
    const daysOff = new Set(daysOffInYear(year));
    for (const date = new Date(Date.UTC(year, 0, 1, 12)); date.getUTCFullYear() === year; date.setUTCDate(date.getUTCDate() + 1)) {
      const day = date.toISOString().slice(0, 10);
      const weekday = date.getUTCDay();
      if (weekday !== 0 && weekday !== 6 && !daysOff.has(day)) count++;
      days.push(day);
      counts.push(count);
    }
  }
  return { days, counts };
}

let ready: { lastYear: number; done: Promise<void> } | null = null;

/** Makes sure the calendar covers FIRST_DAY to the end of the year YEARS_AHEAD from today's; once per process. */
export function ensureWorkingDayCalendar(today: string): Promise<void> {
  const lastYear = Number(today.slice(0, 4)) + YEARS_AHEAD;
  if (ready && ready.lastYear >= lastYear) return ready.done;
  const done = fillCalendar(lastYear);
  ready = { lastYear, done };
  // A failed fill is tried again by the next caller.
  done.catch(() => {
    if (ready?.done === done) ready = null;
  });
  return done;
}

async function fillCalendar(lastYear: number) {
  const lastDay = `${lastYear}-12-31`;
  const existing = await db
    .selectFrom("working_day_calendar")
    .select([(eb) => eb.fn.min("day").as("first"), (eb) => eb.fn.max("day").as("last"), (eb) => eb.fn.countAll<string>().as("count")])
    .executeTakeFirstOrThrow();
  const expectedDays = Math.round((Date.parse(lastDay) - Date.parse(FIRST_DAY)) / 86_400_000) + 1;
  if (existing.first === FIRST_DAY && existing.last !== null && existing.last >= lastDay && Number(existing.count) >= expectedDays) return;
  const { days, counts } = calendarRows(lastYear);
  // Raw SQL: unnest turns two arrays into ~14,000 rows in one statement; rewriting a day's count
  // keeps the table right should the holiday library correct a year.
  await sql`
    INSERT INTO working_day_calendar (day, working_days)
    SELECT * FROM unnest(${days}::date[], ${counts}::int[])
    ON CONFLICT (day) DO UPDATE SET working_days = excluded.working_days
    WHERE working_day_calendar.working_days <> excluded.working_days`.execute(db);
}

/**
 * The calendar as one array, the working-day count of FIRST_DAY + i at index i + 1: looking a day
 * up in it is cheaper than a join per date once per task (50,000 tasks: ~5 ms of ~40). Select it
 * once per query (`crossJoin(workingDayNumbers().as("calendar"))`), then `workingDayNumberOf`.
 */
export function workingDayNumbers() {
  return db.selectFrom("working_day_calendar").select(sql<number[]>`array_agg(working_days ORDER BY day)`.as("numbers"));
}

/** A day's working-day count from that array; null for a day outside the calendar (or a null day). */
export function workingDayNumberOf(numbers: RawBuilder<unknown>, day: RawBuilder<unknown>) {
  return sql<number | null>`${numbers}[${day} - ${FIRST_DAY}::date + 1]`;
}
