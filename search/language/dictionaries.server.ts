import { readHunspell, type DictionaryWords } from "./hunspell";
import { fold } from "./text";

/**
 * The spelling dictionaries of the wooorm/dictionaries family, read once per process for every
 * reader of them (issue 11), lazily on the first match, on the server only: dictionary-sv (Göran
 * Andersson's, LGPL-3.0) gives the place recogniser its ordinary words (ADR 028) and, with
 * dictionary-en (SCOWL-based en_US, MIT/BSD), the word languages their Swedish words (ADR 033).
 * Each file is decoded and split into lines once, however many readers or matches ask at once.
 * Measured side by side on the 2-core machine at load 15: both dictionaries with both views of the
 * Swedish one hold 34 MB of heap (38 MB when each reader read dictionary-sv itself) and take
 * 1.6–2.5 s to read, as before within the noise (ADR 033, amendment 2026-12-01).
 */
export interface SwedishDictionary {
  /** Lower-case entries and their prefixed and suffixed forms, looked up folded ("vagar"). */
  words: DictionaryWords;
  /**
   * Lower-case base forms as written, without the entries the affix file marks forbidden ("%",
   * e.g. "trollhättan" in lower case) or no word alone ("¤"): the ordinary words a misspelt place
   * must not be (ADR 028). Capitalised entries are names.
   */
  baseForms: ReadonlySet<string>;
}

let swedish: Promise<SwedishDictionary> | undefined;
let english: Promise<DictionaryWords> | undefined;

export function swedishDictionary(): Promise<SwedishDictionary> {
  swedish ??= import("dictionary-sv").then(({ default: dictionary }) => {
    const lines = text(dictionary.dic).split("\n");
    return { words: readHunspell(text(dictionary.aff), lines, fold), baseForms: baseForms(lines) };
  });
  // A failed read is tried again by the next match instead of failing every match after it.
  swedish.catch(() => (swedish = undefined));
  return swedish;
}

export function englishDictionary(): Promise<DictionaryWords> {
  english ??= import("dictionary-en").then(({ default: dictionary }) => readHunspell(text(dictionary.aff), text(dictionary.dic)));
  english.catch(() => (english = undefined));
  return english;
}

function text(bytes: Uint8Array) {
  return new TextDecoder().decode(bytes);
}

const NOT_A_WORD = /[%¤]/;

/** "abborre/AEGY" → "abborre"; the first line is the entry count. */
function baseForms(lines: readonly string[]): Set<string> {
  const forms = new Set<string>();
  for (const line of lines.slice(1)) {
    const [word, flags = ""] = line.trim().split("/", 2);
    if (/^\p{Ll}\p{L}*$/u.test(word) && !NOT_A_WORD.test(flags)) forms.add(word);
  }
  return forms;
}
