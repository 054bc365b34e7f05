import type { WorkingDayCalendar } from "../components/due-date-picker";
import { todayInSweden } from "./dates";
import { daysOffInYear } from "./working-days";

/**
 * What the due-date picker needs to count working days in the browser: today in Sweden and the
 * weekdays off from this year through the next (120 working days, the longest answer time, never
 * reach further). Server-only because working-days.ts builds the holiday library when it loads:
 * imported by a route module, it shipped the library's 300 KB to the browser with the triage page.
 */
export function dueDateCalendar(today = todayInSweden()): WorkingDayCalendar {
  const year = Number(today.slice(0, 4));
  return { today, daysOff: [...daysOffInYear(year), ...daysOffInYear(year + 1)] };
}
