import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { ENGLISH_MUNICIPALITY_NAMES } from "./english-place-names";
import { REGION_PHRASES, STOP_WORDS, roleOf } from "./request-language";
import { swedishWords } from "./swedish-words.server";
import { editDistance, fold, tokenize, type Token } from "./text";

/**
 * Which municipalities a request names. Requesters write "Borås", "Borås stads", "Göteborgs",
 * "skovde", "Lilla Edet", "Dals-Ed", sometimes with a typo ("Uddevala"); names are matched against
 * our organisations, not a list in the code, so the same works for any region's municipalities.
 */
export interface Place {
  kommunkod: string;
  name: string;
  type: "municipality" | "region";
}

export interface PlacesInRequest {
  /** Municipalities named, in the order they appear. */
  municipalities: { kommunkod: string; name: string }[];
  /** The request names the whole region ("Västra Götaland", "kommunerna", "Västsverige"). */
  regionWide: boolean;
  /** Tokens that belong to a place name; they are not words to search for. */
  placeTokens: Set<number>;
}

/**
 * Names that are also ordinary words ("mark och vatten", "kan vara", "en skara", "ale" in English)
 * count as a place only when written as a name: with a capital letter inside a sentence that is not
 * all capitals, or beside "kommun"/"stad"/"municipality of". test/search/places.test.ts checks
 * against a Swedish dictionary (dictionary-sv) that every municipality name that is also a word is
 * listed here.
 */
export const COMMON_WORD_NAMES = new Set(["mark", "ale", "skara", "vara"]);
/** Written after a name: "Borås stads", "Lilla Edets kommun", "Gothenburg Municipality". */
const MUNICIPALITY_NOUNS = new Set([
  "kommun",
  "kommuns",
  "kommunen",
  "kommunens",
  "stad",
  "stads",
  "staden",
  "stadens",
  "municipality",
  "municipalitys",
  "city",
]);
/** Written before a name: "the municipality of Mark", "City of Gothenburg", "kommunen Ale". */
const PRECEDING_NOUNS: string[][] = [["municipality", "of"], ["city", "of"], ["town", "of"], ["kommunen"], ["kommun"]];

/**
 * A misspelt name is guessed only when it is long enough that a typo cannot make another word of
 * it: no guess under 7 letters ("Skövde" is one letter from "skörde", "Öckerö" from "ocker"), one
 * edit up to 11 ("Uddevala", "Trolhättan", "Lila Edet"), two from 12. Two edits at 10–11 letters
 * turn ordinary words into places ("färgglada" → Färgelanda, "trollkatten" → Trollhättan);
 * test/search/places.test.ts runs the whole Swedish dictionary through these rules. The first two
 * letters must be right: typos seldom hit them, and words like "stenas" or "lydköping" stay words.
 */
function typosAllowed(length: number): number {
  if (length < 7) return 0;
  if (length < 12) return 1;
  return 2;
}

interface NamePattern {
  kommunkod: string;
  name: string;
  /** Folded words of the name: "lilla", "edet". */
  parts: string[];
  /** The same words in lower case with their diacritics: "lilla", "edet"; "göteborg". */
  lowerParts: string[];
  /** The name's letters without spaces or hyphens: "lillaedet", "dalsed". */
  joined: string;
  ambiguous: boolean;
}

export type PlaceFinder = (tokens: Token[]) => PlacesInRequest;

/**
 * `ordinaryWords`: a dictionary's words (swedishWords()); one within a typo of a name is never read
 * as that name ("grästorv" is not Grästorp).
 */
export function createPlaceFinder(places: Place[], ordinaryWords?: ReadonlySet<string>): PlaceFinder {
  const municipalities: NamePattern[] = places
    .filter((place) => place.type === "municipality")
    .flatMap((place) => namesOf(place).map((written) => namePattern(place, written)))
    .filter((pattern): pattern is NamePattern => pattern !== null)
    // Longer names first, so "Lilla Edet" is not read as something shorter.
    .sort((a, b) => b.parts.length - a.parts.length);
  const byJoined = new Map(municipalities.map((pattern) => [pattern.joined, pattern]));
  const fuzzy = byFirstLetters(municipalities.filter((pattern) => !pattern.ambiguous && typosAllowed(pattern.joined.length) > 0));
  const regionPhrases = [
    ...REGION_PHRASES,
    ...places.filter((place) => place.type === "region").map((place) => tokenize(place.name).map((t) => t.folded)),
  ];

  return (tokens) => {
    const placeTokens = new Set<number>();
    const found = new Map<string, string>();
    let regionWide = false;
    // In a request typed in capitals ("MARK OCH VATTEN") a capital letter says nothing.
    const lettered = tokens.filter((token) => /\p{L}/u.test(token.lower));
    const shouting = lettered.length > 2 && lettered.every((token) => token.capitalised);
    const writtenAsName = (i: number) => tokens[i].capitalised && i > 0 && !shouting;
    const name = (pattern: NamePattern, start: number, length: number) => {
      found.set(pattern.kommunkod, pattern.name);
      for (let k = 0; k < length; k++) placeTokens.add(start + k);
      // "Borås stad", "Gothenburg's": the noun or the possessive is part of the name, not a word to search for.
      const after = tokens[start + length];
      if (after && (MUNICIPALITY_NOUNS.has(after.folded) || after.folded === "s")) placeTokens.add(after.index);
    };

    for (let i = 0; i < tokens.length; i++) {
      if (placeTokens.has(i)) continue;
      const region = regionPhrases.find((phrase) => matchesAt(tokens, i, phrase, false));
      if (region) {
        regionWide = true;
        for (let k = 0; k < region.length; k++) placeTokens.add(i + k);
        continue;
      }
      for (const pattern of municipalities) {
        if (!matchesAt(tokens, i, pattern.parts, true, pattern.lowerParts)) continue;
        if (pattern.ambiguous && !writtenAsName(i) && !besideMunicipalityNoun(tokens, i, pattern.parts.length)) continue;
        name(pattern, i, pattern.parts.length);
        break;
      }
      if (placeTokens.has(i)) continue;
      // "Lillaedet", "DalsEd": a name of two words written as one.
      const joined = byJoined.get(tokens[i].folded) ?? byJoined.get(tokens[i].folded.replace(/s$/, ""));
      if (joined && joined.parts.length > 1) name(joined, i, 1);
    }

    // A typo in a long name ("Uddevala", "Trolhättan", "Lila Edet") still names the place.
    for (let i = 0; i < tokens.length; i++) {
      if (placeTokens.has(i) || /\d/.test(tokens[i].folded)) continue;
      const guess = closestName(fuzzy, tokens, i, placeTokens);
      if (!guess) continue;
      const window = tokens.slice(i, i + guess.length);
      // Function words alone ("lilla det") are no misspelt "Lilla Edet".
      if (!window.some((token) => roleOf(token.folded) === "content")) continue;
      // "Lila Edet" mid-sentence is written as a name though "lila" and "edet" are words too.
      const asName = window.every((token) => writtenAsName(token.index));
      if (ordinaryWords && !asName && window.every((token) => isOrdinaryWord(token.lower, ordinaryWords))) continue;
      name(guess.pattern, i, guess.length);
    }
    return {
      municipalities: [...found].map(([kommunkod, name]) => ({ kommunkod, name })),
      regionWide,
      placeTokens,
    };
  };
}

/**
 * An ordinary word, or one of its inflected forms: the dictionary lists base forms only
 * ("vargarna" is "varg" + "arna", "grästorvs" is "grästorv" + "s").
 */
function isOrdinaryWord(word: string, words: ReadonlySet<string>): boolean {
  return INFLECTIONS.some(
    (ending) => word.endsWith(ending) && word.length > ending.length && words.has(word.slice(0, word.length - ending.length)),
  );
}

/** Endings of Swedish nouns, adjectives and verbs. */
const INFLECTIONS = [
  ...["", "s", "n", "t", "a", "e", "r", "en", "et", "na", "ar", "er", "or", "de", "te", "ns", "ts", "ens", "ets", "nas"],
  ...["ade", "are", "arna", "erna", "orna", "arnas", "ernas", "ornas"],
];

/** Misspelt names are looked up by their first two letters, which a guess requires to be right. */
type FuzzyIndex = Map<string, NamePattern[]>;

function byFirstLetters(patterns: NamePattern[]): FuzzyIndex {
  const index: FuzzyIndex = new Map();
  for (const pattern of patterns) {
    const key = pattern.joined.slice(0, 2);
    index.set(key, [...(index.get(key) ?? []), pattern]);
  }
  return index;
}

/** The organisation's own name and, where English writes it otherwise, its English one ("Gothenburg"). */
function namesOf(place: Place): string[] {
  const english = ENGLISH_MUNICIPALITY_NAMES[place.kommunkod]?.replace(/ Municipality$/, "");
  return english && fold(english) !== fold(place.name) ? [place.name, english] : [place.name];
}

function namePattern(place: Place, written: string): NamePattern | null {
  const tokens = tokenize(written);
  const parts = tokens.map((token) => token.folded);
  if (parts.length === 0) return null;
  const single = parts.length === 1 ? parts[0] : null;
  return {
    kommunkod: place.kommunkod,
    name: place.name,
    parts,
    lowerParts: tokens.map((token) => token.lower),
    joined: parts.join(""),
    ambiguous: single !== null && (COMMON_WORD_NAMES.has(single) || STOP_WORDS.has(single)),
  };
}

function besideMunicipalityNoun(tokens: Token[], i: number, length: number): boolean {
  if (MUNICIPALITY_NOUNS.has(tokens[i + length]?.folded ?? "")) return true;
  return PRECEDING_NOUNS.some((phrase) => i >= phrase.length && matchesAt(tokens, i - phrase.length, phrase, false));
}

/**
 * The one name within its typo budget of the words at i (as many words as the name has), or none
 * when two names are equally close: a guess between two places is no answer.
 */
function closestName(
  index: FuzzyIndex,
  tokens: Token[],
  i: number,
  placeTokens: Set<number>,
): { pattern: NamePattern; length: number } | null {
  let best: { pattern: NamePattern; length: number; distance: number } | null = null;
  let tie = false;
  for (const pattern of index.get(tokens[i].folded.slice(0, 2)) ?? []) {
    const length = pattern.parts.length;
    if (i + length > tokens.length) continue;
    const window = tokens.slice(i, i + length);
    if (window.some((token) => placeTokens.has(token.index) || token.folded.length < 2)) continue;
    // Typed with diacritics, the diacritics count as letters ("frågelåda" is far from "Färgelanda").
    const withDiacritics = window.some((token) => token.lower !== token.folded);
    const written = window.map((token) => (withDiacritics ? token.lower : token.folded)).join(" ");
    const target = (withDiacritics ? pattern.lowerParts : pattern.parts).join(" ");
    if (written.slice(0, 2) !== target.slice(0, 2)) continue;
    const budget = typosAllowed(pattern.joined.length);
    if (written.length < target.length - budget) continue;
    const distance = Math.min(editDistance(written, target, budget), editDistance(written, `${target}s`, budget));
    if (distance === 0 || distance > budget) continue;
    if (!best || distance < best.distance) {
      best = { pattern, length, distance };
      tie = false;
    } else if (distance === best.distance && best.pattern.kommunkod !== pattern.kommunkod) {
      tie = true;
    }
  }
  return best && !tie ? best : null;
}

/**
 * The name's words at position i; the last may carry a genitive s ("Göteborgs", "Lilla Edets").
 * A word typed without diacritics ("skovde") is the name; one typed with other diacritics than the
 * name's is another word ("böras" is not Borås, "skära" not Skara).
 */
function matchesAt(tokens: Token[], i: number, parts: string[], allowGenitive: boolean, lowerParts?: string[]): boolean {
  if (i < 0 || i + parts.length > tokens.length) return false;
  return parts.every((part, k) => {
    const token = tokens[i + k];
    const genitive = allowGenitive && k === parts.length - 1 && !part.endsWith("s");
    const sameLetters = token.folded === part || (genitive && token.folded === `${part}s`);
    if (!sameLetters || !lowerParts || token.lower === token.folded) return sameLetters;
    const lower = lowerParts[k];
    return token.lower === lower || (genitive && token.lower === `${lower}s`);
  });
}

const TTL_MS = 60_000;

/**
 * The municipalities and regions a request can name, from our organisations (the 49 Västra
 * Götaland municipalities and the region are reference data), kept for a minute per database.
 */
const cache = new WeakMap<object, { finder: Promise<PlaceFinder>; at: number }>();

export function placeFinderFor(db: Kysely<Database>): Promise<PlaceFinder> {
  const cached = cache.get(db);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.finder;
  const finder = Promise.all([
    db
      .selectFrom("organisations")
      .select(["kommunkod", "name", "type"])
      .where("type", "in", ["municipality", "region"])
      .where("kommunkod", "is not", null)
      .execute(),
    swedishWords(),
  ]).then(([rows, words]) =>
    createPlaceFinder(
      rows.map((row): Place => ({ kommunkod: row.kommunkod!, name: row.name, type: row.type as Place["type"] })),
      words,
    ),
  );
  finder.catch(() => cache.delete(db));
  cache.set(db, { finder, at: Date.now() });
  return finder;
}
