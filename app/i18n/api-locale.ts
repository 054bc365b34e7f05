import type { Locale } from "../../db/schema";
import { isMessageKey, translate, type MessageKey } from "./translate";

/**
 * The API's words in the reader's language (ADR 037). A zod schema's messages are fixed when the
 * module loads, but the language is the request's: so a schema carries a token, the message key
 * with its parameters (`api.page?max=10000`), and the answer translates it for whoever asked.
 */
export function apiIssue(key: MessageKey, params: Record<string, string | number> = {}) {
  const query = new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)])).toString();
  return query ? `${key}?${query}` : key;
}

/**
 * A token in one language, or, for a caller who chose none (a script), Swedish with English in
 * brackets, as the APIs have always answered. Text that is no token is returned as it is.
 */
export function apiText(token: string, locale: Locale | null) {
  const mark = token.indexOf("?");
  const key = mark === -1 ? token : token.slice(0, mark);
  if (!isMessageKey(key)) return token;
  const params = Object.fromEntries(new URLSearchParams(mark === -1 ? "" : token.slice(mark + 1)));
  if (locale) return translate(locale, key, params);
  return `${translate("sv", key, params)} (${translate("en", key, params)})`;
}

/** The first of Swedish or English an Accept-Language header prefers, by its q-values; null when it names neither. */
export function acceptedLocale(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag, ...options] = part.trim().toLowerCase().split(";");
      const q = options.map((option) => /^\s*q=([\d.]+)\s*$/.exec(option)?.[1]).find(Boolean);
      return { language: tag.split("-")[0].trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && Number.isFinite(entry.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = ranked.find((entry) => entry.language === "sv" || entry.language === "en");
  return found ? (found.language as Locale) : null;
}
