import { englishDictionary, swedishDictionary } from "./dictionaries.server";
import type { WordLanguages } from "./word-language";

/**
 * The English and Swedish Hunspell dictionaries as the word languages read them (ADR 033): the
 * same read of dictionary-sv as the place recogniser's (dictionaries.server.ts), once per process,
 * on the first match. 1–3 µs per word for both.
 */
export async function wordLanguages(): Promise<WordLanguages> {
  const [english, swedish] = await Promise.all([englishDictionary(), swedishDictionary()]);
  return { english, swedish: swedish.words };
}
