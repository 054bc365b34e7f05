import type { Locale } from "../../db/schema";
import { catalogues, type MessageKey } from "./messages";

export { catalogues };

/** Keys under `mail.` are mail texts: the server writes mail, the browser never shows them. */
const SERVER_ONLY_PREFIX = "mail.";

const forBrowser = new Map<Locale, Record<MessageKey, string>>();

/** What the browser needs to show pages in the reader's language: one language, no mail texts (built once per language). */
export function browserCatalogue(locale: Locale): Record<MessageKey, string> {
  let catalogue = forBrowser.get(locale);
  if (!catalogue) {
    catalogue = Object.fromEntries(Object.entries(catalogues[locale]).filter(([key]) => !key.startsWith(SERVER_ONLY_PREFIX))) as Record<
      MessageKey,
      string
    >;
    forBrowser.set(locale, catalogue);
  }
  return catalogue;
}
