import type { PlaceFinder, PlacesInRequest } from "./places.server";
import { roleOf } from "./request-language";
import { tokenize, type Token } from "./text";
import { requestLanguage, type WordLanguages } from "./word-language";

/**
 * A request read as a requester means it: which places it names, which words name the data asked
 * for, and which of those the request is about ("vi behöver data om matsvinn": matsvinn). Pure;
 * the engines turn the words into index terms.
 */
export interface RequestWord {
  /** As typed, lower case. */
  lower: string;
  folded: string;
  /** Generic words ("statistik", "antal") weigh little. */
  generic: boolean;
  /** The object of "data om …", "statistik över …", "en lista över …": what is asked for. */
  focus: boolean;
  /** Read as English: the request is English, or this word is an English word in a Swedish one. */
  english: boolean;
}

export interface AnalysedRequest {
  places: PlacesInRequest;
  words: RequestWord[];
  /** Written in English: the catalogue is Swedish, so an unknown English word says little. */
  english: boolean;
}

/** A request longer than this is read for its first words only (a pasted letter, say). */
const MAX_REQUEST_WORDS = 32;

const DATA_NOUNS = new Set([
  "data",
  "uppgifter",
  "uppgift",
  "statistik",
  "information",
  "info",
  "lista",
  "listor",
  "listan",
  "forteckning",
  "register",
  "siffror",
  "underlag",
  "karta",
  "kartor",
  "oversikt",
  "sammanstallning",
  "list",
  "statistics",
  "map",
]);
const ABOUT = new Set(["om", "over", "kring", "angaende", "gallande", "avseende", "rorande", "about", "on", "of"]);
const OBJECT_CUES = new Set(["finns", "finnas", "soker", "behover", "efterfragar", "onskar", "need", "want", "seeking"]);

const ENGLISH_MARKERS = new Set([
  "the",
  "of",
  "in",
  "which",
  "what",
  "where",
  "is",
  "are",
  "for",
  "and",
  "with",
  "publish",
  "how",
  "any",
  "there",
  "do",
]);
const SWEDISH_MARKERS = new Set([
  "och",
  "i",
  "det",
  "som",
  "for",
  "pa",
  "med",
  "att",
  "ar",
  "finns",
  "om",
  "over",
  "till",
  "av",
  "vilka",
  "hur",
  "var",
]);

/**
 * `languages`: the spelling dictionaries (wordLanguages()); without them only the function words
 * decide, and a short English keyword request ("sledging hills") is read as Swedish.
 */
export function analyseRequest(text: string, findPlaces: PlaceFinder, languages?: WordLanguages): AnalysedRequest {
  const tokens = tokenize(text);
  const places = findPlaces(tokens);
  const focus = focusTokens(tokens, places.placeTokens);
  const byFunctionWords = writtenInEnglish(tokens);
  const byDictionary = languages && !byFunctionWords ? requestLanguage(tokens, places.placeTokens, languages) : null;
  const english = byFunctionWords || byDictionary?.english === true;

  const words = new Map<string, RequestWord>();
  for (const token of tokens) {
    if (places.placeTokens.has(token.index)) continue;
    const role = roleOf(token.folded);
    if (role === "stop" || role === "errand") continue;
    const existing = words.get(token.folded);
    if (existing) {
      existing.focus ||= focus.has(token.index);
      continue;
    }
    if (words.size >= MAX_REQUEST_WORDS) break;
    words.set(token.folded, {
      lower: token.lower,
      folded: token.folded,
      generic: role === "generic",
      focus: focus.has(token.index),
      english: english || (byDictionary?.englishTokens.has(token.index) ?? false),
    });
  }
  return { places, words: [...words.values()], english };
}

/**
 * The request's words as meaning reads them: without the places it names. A place name in the
 * meaning query made every dataset of that municipality look alike (their titles carry its name),
 * so the named municipality's unrelated datasets scored as near misses and hid the one that
 * answers; places are the lexical scope's job (issue 11, ADR 034). The focus counts twice, as the
 * lexical score weighs it more (ADR 050).
 */
export function meaningText(request: AnalysedRequest): string {
  return request.words.flatMap((word) => (word.focus ? [word.lower, word.lower] : [word.lower])).join(" ");
}

/** More English function words than Swedish ones; the index documents of requests use it too. */
export function writtenInEnglish(tokens: Token[]): boolean {
  return tokens.filter((t) => ENGLISH_MARKERS.has(t.lower)).length > tokens.filter((t) => SWEDISH_MARKERS.has(t.folded)).length;
}

/**
 * What the request asks for sits after a few fixed phrases: "data om X", "statistik över X",
 * "finns det X", "hur många X", "vi söker/behöver X". The first content word after one of them
 * (skipping stop, errand and generic words: "behöver veta var det finns badplatser") is the focus.
 */
function focusTokens(tokens: Token[], placeTokens: Set<number>): Set<number> {
  const focus = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].folded;
    const cue =
      (DATA_NOUNS.has(word) && ABOUT.has(tokens[i + 1]?.folded ?? "")) ||
      OBJECT_CUES.has(word) ||
      (word === "hur" && tokens[i + 1]?.folded === "manga");
    if (!cue) continue;
    for (let k = i + 1; k < Math.min(tokens.length, i + 6); k++) {
      if (placeTokens.has(k)) break;
      if (roleOf(tokens[k].folded) === "content") {
        focus.add(k);
        break;
      }
    }
  }
  if (focus.size === 0) {
    const head = headOfKeywordRequest(tokens, placeTokens);
    if (head !== null) focus.add(head);
  }
  return focus;
}

/**
 * Words that open what qualifies the noun before them: prepositions and relative words, Swedish
 * (folded) and English. Function words only, as every language's grammar lists them.
 */
const QUALIFIER_OPENERS = new Set([
  "for",
  "vid",
  "med",
  "i",
  "pa",
  "till",
  "fran",
  "som",
  "av",
  "under",
  "over",
  "utan",
  "inom",
  "mellan",
  "enligt",
  "per",
  "hos",
  "mot",
  "efter",
  "with",
  "at",
  "in",
  "on",
  "to",
  "from",
  "that",
  "which",
  "of",
  "near",
  "by",
  "within",
  "without",
]);

/**
 * A request written as a noun phrase ("X för Y vid Z", "X som Y kan boka", "X with Y") asks for
 * its head noun, X: in Swedish and English the head comes before the prepositional phrases and
 * relative clauses that qualify it (ADR 050). Only when the request starts with content words
 * (after a place name) and the first word after them opens a qualifier; a sentence ("var kan
 * man …") or a bare list ("lediga tomter") has no head to guess.
 */
function headOfKeywordRequest(tokens: Token[], placeTokens: Set<number>): number | null {
  let k = 0;
  while (k < tokens.length && placeTokens.has(k)) k++;
  const start = k;
  while (k < tokens.length && !placeTokens.has(k) && roleOf(tokens[k].folded) === "content") k++;
  return k > start && k < tokens.length && QUALIFIER_OPENERS.has(tokens[k].folded) ? k - 1 : null;
}
