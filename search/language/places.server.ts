import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { REGION_PHRASES, STOP_WORDS } from "./request-language";
import { editDistance, tokenize, type Token } from "./text";

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
 * Names that are also common Swedish words ("mark och vatten", "kan vara") count as a place only
 * when written with a capital letter or followed by "kommun".
 */
const COMMON_WORD_NAMES = new Set(["mark", "ale", "skara", "vara"]);
const MUNICIPALITY_NOUNS = new Set(["kommun", "kommuns", "kommunen", "kommunens", "stad", "stads", "staden", "stadens"]);

interface NamePattern {
  kommunkod: string;
  name: string;
  parts: string[];
  ambiguous: boolean;
}

export type PlaceFinder = (tokens: Token[]) => PlacesInRequest;

export function createPlaceFinder(places: Place[]): PlaceFinder {
  const municipalities: NamePattern[] = places
    .filter((place) => place.type === "municipality")
    .map((place) => {
      const parts = tokenize(place.name).map((token) => token.folded);
      const single = parts.length === 1 ? parts[0] : null;
      return {
        kommunkod: place.kommunkod,
        name: place.name,
        parts,
        ambiguous: single !== null && (COMMON_WORD_NAMES.has(single) || STOP_WORDS.has(single)),
      };
    })
    .filter((pattern) => pattern.parts.length > 0)
    // Longer names first, so "Lilla Edet" is not read as something shorter.
    .sort((a, b) => b.parts.length - a.parts.length);
  const regionPhrases = [
    ...REGION_PHRASES,
    ...places.filter((place) => place.type === "region").map((place) => tokenize(place.name).map((t) => t.folded)),
  ];

  return (tokens) => {
    const placeTokens = new Set<number>();
    const found = new Map<string, string>();
    let regionWide = false;

    for (let i = 0; i < tokens.length; i++) {
      if (placeTokens.has(i)) continue;
      const region = regionPhrases.find((phrase) => matchesAt(tokens, i, phrase, false));
      if (region) {
        regionWide = true;
        for (let k = 0; k < region.length; k++) placeTokens.add(i + k);
        continue;
      }
      for (const pattern of municipalities) {
        if (!matchesAt(tokens, i, pattern.parts, true)) continue;
        if (pattern.ambiguous && !tokens[i].capitalised && !MUNICIPALITY_NOUNS.has(tokens[i + 1]?.folded ?? "")) continue;
        found.set(pattern.kommunkod, pattern.name);
        for (let k = 0; k < pattern.parts.length; k++) placeTokens.add(i + k);
        break;
      }
    }
    // A typo in a long name ("Uddevala", "Trolhättan") still names the place; short names are too
    // close to ordinary words to guess at.
    for (const token of tokens) {
      if (placeTokens.has(token.index) || STOP_WORDS.has(token.folded)) continue;
      const pattern = municipalities.find(
        (p) =>
          p.parts.length === 1 &&
          p.parts[0].length >= 7 &&
          !p.ambiguous &&
          Math.min(editDistance(token.folded, p.parts[0], 1), editDistance(token.folded, `${p.parts[0]}s`, 1)) <= 1,
      );
      if (pattern) {
        found.set(pattern.kommunkod, pattern.name);
        placeTokens.add(token.index);
      }
    }
    return {
      municipalities: [...found].map(([kommunkod, name]) => ({ kommunkod, name })),
      regionWide,
      placeTokens,
    };
  };
}

/** The name's words at position i; the last may carry a genitive s ("Göteborgs", "Lilla Edets"). */
function matchesAt(tokens: Token[], i: number, parts: string[], allowGenitive: boolean): boolean {
  if (i + parts.length > tokens.length) return false;
  return parts.every((part, k) => {
    const word = tokens[i + k].folded;
    if (word === part) return true;
    return allowGenitive && k === parts.length - 1 && !part.endsWith("s") && word === `${part}s`;
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
  const finder = db
    .selectFrom("organisations")
    .select(["kommunkod", "name", "type"])
    .where("type", "in", ["municipality", "region"])
    .where("kommunkod", "is not", null)
    .execute()
    .then((rows) =>
      createPlaceFinder(rows.map((row): Place => ({ kommunkod: row.kommunkod!, name: row.name, type: row.type as Place["type"] }))),
    );
  finder.catch(() => cache.delete(db));
  cache.set(db, { finder, at: Date.now() });
  return finder;
}
