import { translate, type MessageKey } from "./translate";

/**
 * An API's message from the catalogue. API clients are programs and their developers, who may not
 * read Swedish: the Swedish text first, the English one after it in brackets, as both APIs have
 * always answered.
 */
export function apiMessage(key: MessageKey, params: Record<string, string | number> = {}) {
  return `${translate("sv", key, params)} (${translate("en", key, params)})`;
}

/** `data or survey` in each language, for a message whose parameter lists alternatives. */
export function apiAlternatives(key: MessageKey, values: readonly string[]) {
  const or = (locale: "sv" | "en") => values.join(` ${translate(locale, "api.or")} `);
  return `${translate("sv", key, { values: or("sv") })} (${translate("en", key, { values: or("en") })})`;
}
