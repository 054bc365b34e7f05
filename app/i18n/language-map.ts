import type { Locale } from "../../db/schema";

/**
 * The text of a catalogue's language map in the reader's language when the catalogue has it,
 * else Swedish, else untagged, else whatever there is; with the language it is in, for `lang`.
 */
export function pickLanguage(map: Record<string, string> | null | undefined, locale: Locale): { text: string; lang: string | undefined } {
  if (!map) return { text: "", lang: undefined };
  for (const lang of [locale, "sv", "", "en"]) {
    if (map[lang]) return { text: map[lang], lang: lang || undefined };
  }
  const [lang, text] = Object.entries(map)[0] ?? ["", ""];
  return { text, lang: lang || undefined };
}
