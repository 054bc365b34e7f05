import type { DictionaryWords } from "./hunspell";
import type { Token } from "./text";

/**
 * Which language a request's words are written in, from two maintained spelling dictionaries
 * (dictionary-en and dictionary-sv, read by hunspell.ts) instead of a hand list: "sledging hills"
 * has no English function word, but both its words are English words and neither is Swedish.
 * Pure; word-languages.server.ts loads the dictionaries (issue 11, ADR 033).
 */
export interface WordLanguages {
  english: DictionaryWords;
  /** Read on folded words: requesters often type Swedish without its diacritics ("vagar"). */
  swedish: DictionaryWords;
}

/**
 * `english`: in the English dictionary and not the Swedish one; `swedish` the other way round;
 * `both` ("park", "plan", "bad"): says nothing; `unknown`: in neither (a Swedish compound, a
 * name, a typo); `neutral`: no letters (a number).
 */
export type WordEvidence = "english" | "swedish" | "both" | "unknown" | "neutral";

export function wordEvidence(token: Token, languages: WordLanguages): WordEvidence {
  if (!/\p{L}/u.test(token.lower)) return "neutral";
  const english = languages.english.has(token.lower);
  const swedish = languages.swedish.has(token.folded);
  if (english && swedish) return "both";
  if (english) return "english";
  if (swedish) return "swedish";
  return "unknown";
}

export interface RequestLanguage {
  /** The whole request is read as English. */
  english: boolean;
  /** Tokens (by index) that are English words, also in a request that is not English as a whole. */
  englishTokens: Set<number>;
}

/**
 * The dictionaries' verdict on a request whose function words said nothing: English when its
 * English words outnumber both its Swedish words and the words neither dictionary knows (so
 * "badplatser swimming" and "vattenkvalitet bathing" stay Swedish requests with one English word).
 * Places and numbers are neutral. Function words count like any other ("och", "det", "i" are only
 * Swedish; "the", "of" only English; "for" both), so "Var finns det parking i Borås" is Swedish
 * with one English word.
 */
export function requestLanguage(tokens: Token[], placeTokens: Set<number>, languages: WordLanguages): RequestLanguage {
  const englishTokens = new Set<number>();
  let swedish = 0;
  let unknown = 0;
  for (const token of tokens) {
    if (placeTokens.has(token.index)) continue;
    const evidence = wordEvidence(token, languages);
    if (evidence === "english") englishTokens.add(token.index);
    else if (evidence === "swedish") swedish++;
    else if (evidence === "unknown") unknown++;
  }
  return { english: englishTokens.size > swedish && englishTokens.size > unknown, englishTokens };
}
