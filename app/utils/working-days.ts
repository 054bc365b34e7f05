import Holidays from "date-holidays";
import { todayInSweden } from "./dates";

/**
 * Deadlines are counted in Swedish working days: weekends, public holidays ("röda dagar") and
 * midsummer, Christmas and New Year's eves (de facto days off, "bank" holidays in date-holidays)
 * do not count.
 */
const swedishHolidays = new Holidays("SE", { types: ["public", "bank"] });

function parseDay(day: string) {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, date, 12));
}

function formatDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

/**
 * Each year's days off, asked of date-holidays once: asking it day by day costs about a millisecond
 * a day, which a count of working days over months (a task page, a work list) pays in full.
 */
const daysOffByYear = new Map<number, Set<string>>();

function isDayOff(day: string) {
  const year = Number(day.slice(0, 4));
  let daysOff = daysOffByYear.get(year);
  if (!daysOff) daysOffByYear.set(year, (daysOff = new Set(daysOffInYear(year))));
  return daysOff.has(day);
}

export function isWorkingDay(day: string): boolean {
  const weekday = parseDay(day).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !isDayOff(day);
}

/** The date `workingDays` Swedish working days after `from` (YYYY-MM-DD). */
export function addWorkingDays(from: string, workingDays: number): string {
  const date = parseDay(from);
  let left = workingDays;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(formatDay(date))) left--;
  }
  return formatDay(date);
}

/** Overdue once the due day has passed (the due day itself still counts). */
export function isOverdue(dueDate: string, today = todayInSweden()): boolean {
  return today > dueDate;
}

/** How many Swedish working days come after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string): number {
  if (to <= from) return 0;
  const date = parseDay(from);
  const end = parseDay(to);
  let count = 0;
  while (date < end) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(formatDay(date))) count++;
  }
  return count;
}

/**
 * The weekdays of a year that are not working days (public holidays and the eves taken off), as
 * YYYY-MM-DD: the same days `isWorkingDay` refuses, at one library call per year rather than per
 * day, for the working-day calendar the statistics count in SQL (ADR 024).
 */
export function daysOffInYear(year: number): string[] {
  return swedishHolidays.getHolidays(year).map((holiday) => holiday.date.slice(0, 10));
}
