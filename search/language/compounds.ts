import {
  addExpansions,
  addKnown,
  MATCH_QUALITY,
  MIN_EXPANSION_STEM,
  sum,
  type Alternative,
  type LexemePart,
  type Lexicon,
} from "./lexicon";
import { allowedTypos, editDistance } from "./text";

/**
 * Words of a request the index does not know: a compound of known parts ("förskole|platser",
 * "elbils|laddning"), or a typo of a known word ("badplaster"). Swedish writes compounds as one
 * word, and requesters make compounds of their own that no dataset uses.
 */

const LINKING_LETTERS = new Set(["s", "e", "a", "o", "u"]);
/**
 * Word endings, not words: "hämt|ning" is not a compound with the head "ning" of "utbildning",
 * "förvaltning" and every other -ning word.
 */
const DERIVATIONAL_ENDINGS = new Set([
  "ning",
  "ningar",
  "het",
  "heter",
  "else",
  "ande",
  "ende",
  "are",
  "lig",
  "lign",
  "isk",
  "tion",
  "itet",
  "skap",
  "dom",
  "ism",
  "ist",
  "eri",
  "inna",
  "ell",
  "iv",
]);

export interface UnknownWord {
  /** The word's Swedish stem. */
  stem: string;
  alternatives: Alternative[];
  /** Raised when a split or a typo fix finds the word in the index. */
  documentCount: number;
}

export async function resolveUnknownWords(unknown: UnknownWord[], lexicon: Lexicon, idf: (documentCount: number) => number) {
  const pieces = new Map<string, { left: string; right: string }[]>();
  for (const { stem } of unknown) pieces.set(stem, splits(stem));
  const pieceTerms = [...new Set([...pieces.values()].flat().flatMap((s) => [s.left, s.right]))];
  const typoStems = unknown.map((word) => word.stem).filter((s) => allowedTypos(s.length) > 0);
  const [counts, expansions, similar] = await Promise.all([
    lexicon.documentCounts(pieceTerms),
    lexicon.expansions(pieceTerms.filter((p) => p.length >= MIN_EXPANSION_STEM)),
    lexicon.similar(typoStems),
  ]);
  const df = (term: string) => counts.get(term) ?? 0;
  // A piece is known as a word, or as the first part or the head of indexed compounds ("plats" in
  // "badplats", "laddplats"); how many documents it reaches says how specific it is.
  const reach = (piece: string, role: "modifier" | "head") =>
    df(piece) + sum((expansions.get(piece)?.[role === "modifier" ? "prefixed" : "suffixed"] ?? []).map((t) => t.documentCount));

  for (const concept of unknown) {
    const stem = concept.stem;
    const split = bestSplit(pieces.get(stem) ?? [], df, reach);
    if (split) {
      const left: LexemePart = new Map();
      const right: LexemePart = new Map();
      addKnown(left, split.left, MATCH_QUALITY.exact, df);
      addKnown(right, split.right, MATCH_QUALITY.exact, df);
      addExpansions(left, split.left, expansions.get(split.left), { head: false });
      addExpansions(right, split.right, expansions.get(split.right), { modifier: false });
      const leftReach = reach(split.left, "modifier");
      const rightReach = reach(split.right, "head");
      concept.alternatives.push({
        quality: MATCH_QUALITY.split,
        parts: [left, right],
        partWeights: [idf(leftReach), idf(rightReach)],
      });
      // Only a split into two known parts makes the compound known; "bad|gäster" stays unknown.
      if (split.full) concept.documentCount = Math.min(leftReach, rightReach);
    }
    // Typos seldom hit the first letter; without this rule "slängs" would be read as "längs".
    const typos = (similar.get(stem) ?? []).filter(
      (candidate) =>
        candidate.term !== stem && candidate.term[0] === stem[0] && editDistance(stem, candidate.term, 2) <= allowedTypos(stem.length),
    );
    if (typos.length > 0) {
      concept.alternatives.push({ quality: MATCH_QUALITY.typo, parts: [new Map(typos.map((t) => [t.term, 1]))] });
      concept.documentCount = Math.max(concept.documentCount, ...typos.map((t) => t.documentCount));
    }
  }
}

/** Ways to cut a stem into a first part and a head, with a linking letter between or not. */
function splits(stem: string): { left: string; right: string }[] {
  const result: { left: string; right: string }[] = [];
  for (let i = 3; i <= stem.length - 3; i++) {
    const left = stem.slice(0, i);
    result.push({ left, right: stem.slice(i) });
    if (LINKING_LETTERS.has(stem[i]) && stem.length - i - 1 >= 3) result.push({ left, right: stem.slice(i + 1) });
  }
  return result.filter((split) => !DERIVATIONAL_ENDINGS.has(split.right));
}

/**
 * A split into two known parts, one of them a word of the index, beats one with an unknown part;
 * then the split with more whole words, then the longest head, which carries a Swedish compound's
 * meaning. A split with an unknown part keeps a known first word ("bad|gäster",
 * "skol|segregation") or a known head of four letters or more.
 */
function bestSplit(
  candidates: { left: string; right: string }[],
  df: (term: string) => number,
  reach: (piece: string, role: "modifier" | "head") => number,
) {
  // Parts that are words of their own ("förskol|plats") beat fragments ("förskole|plats").
  const words = (c: { left: string; right: string }) => (df(c.left) > 0 ? 1 : 0) + (df(c.right) > 0 ? 1 : 0);
  const full = candidates
    .filter((c) => (df(c.left) > 0 || df(c.right) > 0) && reach(c.left, "modifier") > 0 && reach(c.right, "head") > 0)
    .sort((a, b) => words(b) - words(a) || b.right.length - a.right.length || b.left.length - a.left.length)[0];
  if (full) return { ...full, full: true };
  const partial = candidates
    .filter((c) => (df(c.left) > 0 && c.left.length >= 3) || (df(c.right) > 0 && c.right.length >= 4))
    .sort((a, b) => knownLength(b, df) - knownLength(a, df))[0];
  return partial ? { ...partial, full: false } : null;
}

function knownLength(c: { left: string; right: string }, df: (term: string) => number) {
  return Math.max(df(c.left) > 0 ? c.left.length : 0, df(c.right) > 0 ? c.right.length : 0);
}
