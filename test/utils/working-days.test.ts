import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays, isOverdue, isWorkingDay, workingDaysBetween } from "../../app/utils/working-days";

describe("Swedish working days", () => {
  it("skips weekends", () => {
    // Friday 2026-11-20 + 1 working day = Monday 2026-11-23.
    expect(addWorkingDays("2026-11-20", 1)).toBe("2026-11-23");
    expect(addWorkingDays("2026-11-23", 5)).toBe("2026-11-30");
  });

  it("skips public holidays and the eves that are days off", () => {
    expect(isWorkingDay("2026-12-24")).toBe(false); // julafton
    expect(isWorkingDay("2026-12-25")).toBe(false); // juldagen
    expect(isWorkingDay("2026-06-19")).toBe(false); // midsommarafton
    expect(isWorkingDay("2026-06-06")).toBe(false); // nationaldagen (a Saturday anyway)
    expect(isWorkingDay("2026-05-14")).toBe(false); // Kristi himmelsfärd
    expect(isWorkingDay("2026-12-23")).toBe(true);
    // From 23 December: 24, 25, 26 (Sat), 27 (Sun) off; 28–30 count; 31, 1 January and the weekend off; 4 January.
    expect(addWorkingDays("2026-12-23", 4)).toBe("2027-01-04");
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March are off.
    expect(addWorkingDays("2027-03-25", 1)).toBe("2027-03-30");
  });

  it("knows each of påsk, midsommar, jul and nyår, and counts a deadline across them (ADR 022)", () => {
    // Påsk 2026: långfredagen 3 April and annandag påsk 6 April are off; skärtorsdagen is worked.
    expect(["2026-04-02", "2026-04-03", "2026-04-06", "2026-04-07"].map(isWorkingDay)).toEqual([true, false, false, true]);
    expect(addWorkingDays("2026-04-02", 1)).toBe("2026-04-07");
    // Midsommar 2027: midsommarafton Friday 25 June is off, midsommardagen is a Saturday.
    expect(addWorkingDays("2027-06-24", 1)).toBe("2027-06-28");
    // Jul and nyår: julafton, juldagen, annandag jul, nyårsafton, nyårsdagen and trettondedag jul.
    for (const day of ["2027-12-24", "2027-12-31", "2028-01-06", "2026-12-26", "2027-01-01", "2027-01-06"])
      expect(isWorkingDay(day)).toBe(false);
    // The default 20 working days from 10 December 2026 skip 24–27 and 31 December, 1–3 and 6 January.
    expect(addWorkingDays("2026-12-10", 20)).toBe("2027-01-14");
    expect(workingDaysBetween("2026-12-10", "2027-01-14")).toBe(20);
  });

  it("agrees day by day with date-holidays' own answer (each year's days off are asked for once)", () => {
    const holidays = new Holidays("SE", { types: ["public", "bank"] });
    const mismatches: string[] = [];
    for (let date = new Date(Date.UTC(2025, 0, 1, 12)); date.getUTCFullYear() < 2031; date.setUTCDate(date.getUTCDate() + 1)) {
      const day = date.toISOString().slice(0, 10);
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      if (isWorkingDay(day) !== (!weekend && !holidays.isHoliday(date))) mismatches.push(day);
    }
    expect(mismatches).toEqual([]);
  });

  it("calls a deadline overdue only after its day", () => {
    expect(isOverdue("2026-11-20", "2026-11-20")).toBe(false);
    expect(isOverdue("2026-11-20", "2026-11-21")).toBe(true);
    expect(todayInSweden(new Date("2026-11-22T23:30:00Z"))).toBe("2026-11-23");
  });

  it("counts the working days left until a due date, across jul, nyår, påsk and midsommar", () => {
    expect(workingDaysBetween("2026-12-23", "2027-01-04")).toBe(4);
    expect(workingDaysBetween("2027-03-25", "2027-03-30")).toBe(1);
    expect(workingDaysBetween("2026-06-18", "2026-06-22")).toBe(1); // midsommarafton off, the weekend off
    expect(workingDaysBetween("2026-11-20", "2026-11-20")).toBe(0);
    expect(workingDaysBetween("2026-11-21", "2026-11-20")).toBe(0);
    for (const [from, days] of [
      ["2026-12-23", 4],
      ["2027-03-24", 20],
      ["2026-06-01", 15],
    ] as const) {
      expect(workingDaysBetween(from, addWorkingDays(from, days))).toBe(days);
    }
  });
});
