/**
 * The ordinary Swedish words of a maintained spelling dictionary (dictionary-sv: the hunspell
 * dictionary by Göran Andersson, LGPL-3.0, packaged by wooorm/dictionaries), so the place
 * recogniser can refuse to read an ordinary word ("grästorv") as a misspelt place ("Grästorp").
 * Base forms written in lower case only: names are capitalised entries, not ordinary words. Read
 * once per process, on the first match (~0.2 s, ~140,000 words, some 15 MB).
 */
let words: Promise<ReadonlySet<string>> | undefined;

export function swedishWords(): Promise<ReadonlySet<string>> {
  words ??= import("dictionary-sv").then(({ default: dictionary }) => baseForms(new TextDecoder().decode(dictionary.dic)));
  words.catch(() => (words = undefined));
  return words;
}

/** The dictionary's affix file marks forbidden spellings with "%" and stems that are no word alone with "¤". */
const NOT_A_WORD = /[%¤]/;

/** "abborre/AEGY" → "abborre"; the first line is the entry count. */
function baseForms(dic: string): Set<string> {
  const forms = new Set<string>();
  for (const line of dic.split("\n").slice(1)) {
    const [word, flags = ""] = line.trim().split("/", 2);
    if (/^\p{Ll}\p{L}*$/u.test(word) && !NOT_A_WORD.test(flags)) forms.add(word);
  }
  return forms;
}
