import type { Locale } from "../../db/schema";
import type { MessageKey } from "./messages";
// On the server the full catalogues; in the browser Remix replaces a .server module with an empty
// one, so the catalogues never reach a bundle and the root loader's copy is used instead (ADR 027).
import * as server from "./catalogue.server";

export type { MessageKey };

/** In the browser: the reader's language as the root loader sent it. */
const inBrowser: Partial<Record<Locale, Partial<Record<MessageKey, string>>>> = {};

/** Called by the root layout with its loader's catalogue, before anything on the page is translated. */
export function provideCatalogue(locale: Locale, catalogue: Partial<Record<MessageKey, string>>) {
  if (typeof document !== "undefined") inBrowser[locale] = catalogue;
}

function catalogueOf(locale: Locale): Partial<Record<MessageKey, string>> | undefined {
  return server.catalogues?.[locale] ?? inBrowser[locale];
}

export function isMessageKey(key: string): key is MessageKey {
  const catalogue = catalogueOf("sv") ?? catalogueOf("en");
  return catalogue !== undefined && key in catalogue;
}

/** The text of a key in the language, with `{name}` filled from params; the key itself if the text is missing. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}) {
  const template = catalogueOf(locale)?.[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
