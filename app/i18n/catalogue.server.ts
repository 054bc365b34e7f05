import type { Locale } from "../../db/schema";
import { catalogues, type MessageKey } from "./messages";

export { catalogues };

/**
 * Keys under `mail.` are mail texts: the server writes mail, the browser never shows them; nor the
 * OpenAPI document's descriptions (`apiDoc.`), which the server translates (ADR 037), nor the
 * texts of the Atom feeds (`atom.`) and the DCAT catalogue (`dcat.`), ADR 038 and 039.
 */
export const SERVER_ONLY_PREFIXES = ["mail.", "apiDoc.", "atom.", "dcat."];

const forBrowser = new Map<Locale, Record<MessageKey, string>>();

/** What the browser needs to show pages in the reader's language: one language, no mail texts (built once per language). */
export function browserCatalogue(locale: Locale): Record<MessageKey, string> {
  let catalogue = forBrowser.get(locale);
  if (!catalogue) {
    catalogue = Object.fromEntries(
      Object.entries(catalogues[locale]).filter(([key]) => !SERVER_ONLY_PREFIXES.some((prefix) => key.startsWith(prefix))),
    ) as Record<MessageKey, string>;
    forBrowser.set(locale, catalogue);
  }
  return catalogue;
}
