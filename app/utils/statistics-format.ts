import type { Locale } from "../../db/schema";

/**
 * The accountability figures as the statistics page, the organisation page and the CSV write them
 * (ADR 024): one formatter each, so the CSV's cells are the page's Swedish text. Client-safe.
 */
const formats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, kind: "percent" | "decimal") {
  const key = `${locale}\u0000${kind}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(
      locale === "sv" ? "sv-SE" : "en-GB",
      kind === "percent" ? { style: "percent", maximumFractionDigits: 0 } : { maximumFractionDigits: 1 },
    );
    formats.set(key, format);
  }
  return format;
}

/** "60 %" / "60%"; null (nothing to count yet) as an en dash. */
export function formatShare(share: number | null, locale: Locale) {
  return share === null ? "–" : numberFormat(locale, "percent").format(share);
}

/** The share as a whole percentage without its sign, for the CSV ("60"). */
export function sharePercent(share: number | null) {
  return share === null ? "" : String(Math.round(share * 100));
}

/** Working days with at most one decimal ("3,5" / "3.5"); null as an en dash. */
export function formatWorkingDays(days: number | null, locale: Locale) {
  return days === null ? "–" : numberFormat(locale, "decimal").format(days);
}
