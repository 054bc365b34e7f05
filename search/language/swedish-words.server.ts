import { swedishDictionary } from "./dictionaries.server";

/**
 * The ordinary Swedish words of a maintained spelling dictionary (dictionary-sv), so the place
 * recogniser can refuse to read an ordinary word ("grästorv") as a misspelt place ("Grästorp").
 * Base forms written in lower case only: names are capitalised entries, not ordinary words. The
 * same read of the dictionary as the word languages' (dictionaries.server.ts): ~135,000 words.
 */
export async function swedishWords(): Promise<ReadonlySet<string>> {
  return (await swedishDictionary()).baseForms;
}
