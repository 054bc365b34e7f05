import type { Locale } from "../../db/schema";
import type { MessageKey } from "./messages";
// On the server the full catalogues; in the browser Remix replaces a .server module with an empty
// one, so the catalogues never reach a bundle and the root loader's copy is used instead (ADR 027).
import * as server from "./catalogue.server";

export type { MessageKey };

/** In the browser: the reader's language as the root loader sent it. */
const inBrowser: Partial<Record<Locale, Partial<Record<MessageKey, string>>>> = {};

/** In the browser: the language the root loader last sent, for a page shown without its data. */
let lastProvidedLocale: Locale | undefined;

/** Called by the root layout with its loader's catalogue, before anything on the page is translated. */
export function provideCatalogue(locale: Locale, catalogue: Partial<Record<MessageKey, string>>) {
  if (typeof document === "undefined") return;
  inBrowser[locale] = catalogue;
  lastProvidedLocale = locale;
}

/**
 * The reader's language when the root's data is missing: in the browser, the one it last had (its
 * loader failed on a page change, and the reader has not changed language); on the server, which
 * answers a failed root loader with no way to know, Swedish.
 */
export function fallbackLocale(): Locale {
  return lastProvidedLocale ?? "sv";
}

function catalogueOf(locale: Locale): Partial<Record<MessageKey, string>> | undefined {
  return server.catalogues?.[locale] ?? inBrowser[locale];
}

export function isMessageKey(key: string): key is MessageKey {
  const catalogue = catalogueOf("sv") ?? catalogueOf("en");
  return catalogue !== undefined && key in catalogue;
}

/**
 * The text of a key in the language, with `{name}` filled from params; the key itself if the text is
 * missing. A key naming a plural pair (`key.one` / `key.other`) goes through translateCount with
 * `params.count`, so a message passed on as key and params (an action's outcome) is counted right too.
 */
export function translate(locale: Locale, key: MessageKey | CountKey, params: Record<string, string | number> = {}): string {
  const catalogue = catalogueOf(locale);
  if (catalogue && !(key in catalogue) && `${key}.other` in catalogue) {
    return translateCount(locale, key as CountKey, Number(params.count ?? 0), params);
  }
  const template = catalogue?.[key as MessageKey] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** Keys with a text per plural category: `key.one` and `key.other` (Swedish and English need no more). */
export type CountKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/**
 * The one way to put a count in a sentence ("1 röst", "2 votes"): the language's plural rules
 * (Intl.PluralRules) choose `key.one` or `key.other`, and `{count}` is the number written the
 * language's way (1 000 / 1,000). A category the catalogue lacks falls back to `other`.
 */
export function translateCount(locale: Locale, key: CountKey, count: number, params: Record<string, string | number> = {}) {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  const category = `${key}.${rules.select(count)}`;
  const chosen = (catalogueOf(locale)?.[category as MessageKey] !== undefined ? category : `${key}.other`) as MessageKey;
  return translate(locale, chosen, { ...params, count: format.format(count) });
}
