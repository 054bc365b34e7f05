import type { Locale } from "../../db/schema";

/**
 * Hours from the ledger's minutes, as the report and the home page write them: one decimal,
 * Swedish or English digit grouping. Client-safe.
 */
const formats = new Map<Locale, Intl.NumberFormat>();

export function formatHours(minutes: number, locale: Locale) {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: 1 });
    formats.set(locale, format);
  }
  return format.format(minutes / 60);
}
