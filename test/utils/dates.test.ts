import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatDate, formatTimestamp, todayInSweden } from "../../app/utils/dates";
import { readSource, sourceFiles } from "../support/sources";

// Winter and summer time, and moments whose Swedish date differs from their UTC date.
const moments = ["2026-01-05T09:30:00Z", "2026-03-29T00:59:00Z", "2026-06-30T22:15:00Z", "2026-12-31T23:30:00Z"];

describe("formatDate", () => {
  it("prints exactly what each page printed with its own formatter", () => {
    for (const iso of moments) {
      for (const locale of ["sv", "en"] as const) {
        const tag = locale === "sv" ? "sv-SE" : "en-GB";
        expect(formatDate(iso, locale)).toBe(new Date(iso).toLocaleDateString(tag, { timeZone: "Europe/Stockholm" }));
        expect(formatDate(iso, locale, "longDate")).toBe(
          new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "Europe/Stockholm" }).format(new Date(iso)),
        );
        expect(formatDate(new Date(iso), locale, "dateTime")).toBe(
          new Date(iso).toLocaleString(tag, { dateStyle: "short", timeStyle: "short", timeZone: "Europe/Stockholm" }),
        );
      }
    }
  });

  it("reads dates in Swedish time, in each language's words", () => {
    expect(formatDate("2026-12-31T23:30:00Z", "sv")).toBe("2027-01-01");
    expect(formatDate("2026-12-31T23:30:00Z", "en")).toBe("01/01/2027");
    expect(formatDate("2026-03-05T10:00:00Z", "sv", "longDate")).toBe("5 mars 2026");
    expect(formatDate("2026-03-05T10:00:00Z", "en", "longDate")).toBe("5 March 2026");
    expect(formatDate("2026-06-30T22:15:00Z", "sv", "dateTime")).toBe("2026-07-01 00:15");
  });
});

describe("formatTimestamp", () => {
  it("is YYYY-MM-DD HH:mm in Swedish time, the same in both languages", () => {
    expect(formatTimestamp("2026-03-05T13:07:00Z")).toBe("2026-03-05 14:07");
    expect(formatTimestamp(new Date("2026-06-30T22:15:00Z"))).toBe("2026-07-01 00:15");
    expect(formatTimestamp("2026-01-01T00:00:00+01:00")).toBe("2026-01-01 00:00");
  });
});

describe("todayInSweden", () => {
  it("is the calendar date in Stockholm, not in UTC", () => {
    expect(todayInSweden(new Date("2026-11-22T23:30:00Z"))).toBe("2026-11-23");
    expect(todayInSweden(new Date("2026-07-15T21:59:00Z"))).toBe("2026-07-15");
    expect(todayInSweden(new Date("2026-07-15T22:00:00Z"))).toBe("2026-07-16");
    expect(todayInSweden()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("the portal's code", () => {
  it("formats dates and finds today in Sweden only through app/utils/dates.ts", () => {
    const formatters = [...sourceFiles("app"), ...sourceFiles("db"), ...sourceFiles("search")].filter(
      (file) =>
        file !== path.join("app", "utils", "dates.ts") &&
        /Intl\.DateTimeFormat|toLocale(Date|Time)?String\(|function todayInSweden/.test(readSource(file)),
    );
    expect(formatters).toEqual([]);
  });
});
