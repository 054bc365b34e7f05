import type { Locale } from "../../db/schema";
import { translate, type MessageKey } from "./translate";

/** What every route's `meta` receives: the matched routes, the root's data holding the locale. */
type MetaMatches = { matches: readonly { id: string; data: unknown }[] };

/** The reader's language as the root loader chose it; Swedish where it did not run (error pages). */
export function metaLocale({ matches }: MetaMatches): Locale {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: Locale } | undefined;
  return root?.locale ?? "sv";
}

/**
 * A page's title from the message catalogue in the reader's language: a key, or a text of the
 * page's own (a request's or dataset's title) with the key to use while it has none.
 */
export function pageTitle(args: MetaMatches, page: MessageKey | { text: string | undefined; fallback: MessageKey }) {
  const locale = metaLocale(args);
  const text = typeof page === "string" ? translate(locale, page) : (page.text ?? translate(locale, page.fallback));
  return [{ title: translate(locale, "title.page", { page: text }) }];
}
