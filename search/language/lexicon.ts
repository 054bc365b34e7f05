/**
 * The vocabulary side of matching, shared by the concept builder and both engines: what an index
 * must tell about its lexemes, and how a concept's ways of being expressed are written down.
 */

export interface TermCount {
  term: string;
  documentCount: number;
}

/** What a concept builder needs from an index: its stemming and its vocabulary. */
export interface Lexicon {
  /** Swedish and English stems of words, as the index stems its documents. */
  stems(words: string[]): Promise<Map<string, { sv: string | null; en: string | null }>>;
  /** How many documents hold each term (0 or absent: unknown). */
  documentCounts(terms: string[]): Promise<Map<string, number>>;
  /** Known terms that start with (prefixed) or end with (suffixed) each stem, most frequent first. */
  expansions(stems: string[]): Promise<Map<string, { prefixed: TermCount[]; suffixed: TermCount[] }>>;
  /** Known terms that look like each stem (trigram similarity), for typos. */
  similar(stems: string[]): Promise<Map<string, TermCount[]>>;
  /** Documents in the index. */
  documentCount(): Promise<number>;
  /**
   * Swedish terms each English stem translates to, learned from the catalogue's parallel titles
   * and keywords (ADR 033); absent where an index has none.
   */
  translations?(englishStems: string[]): Promise<Map<string, Translated[]>>;
}

/** A Swedish term an English stem translates to, with its score relative to the stem's best translation (0..1]. */
export interface Translated {
  term: string;
  score: number;
}

/** Lexeme → how well it stands for the part (0..1). */
export type LexemePart = Map<string, number>;

/** One way to express a concept: every part should be present (a compound split in two). */
export interface Alternative {
  quality: number;
  parts: LexemePart[];
  /** A synonym phrase counts only whole: "dog parks" is not any park. */
  requireAll?: boolean;
  /**
   * How much each part counts (equal when absent). The rarer part of a compound says more:
   * in "förskole|platser" it is "förskol…", not the "…plats" of a hundred compounds.
   */
  partWeights?: number[];
}

export interface Concept {
  /** The words of the request, for explanations and tests. */
  label: string;
  weight: number;
  /** Whether the index knows the concept at all (by its words, synonyms, parts or a typo fix). */
  known: boolean;
  alternatives: Alternative[];
}

/** How much a way of matching is worth; documented in docs/decisions/002. */
export const MATCH_QUALITY = {
  exact: 1,
  /** The index stems "badplats" to "badplat" and "badplatser" to "badplats": the same word. */
  inflection: 0.95,
  synonym: 0.9,
  english: 0.9,
  /** The request's word is the head of an indexed compound: a "grundskola" is a "skola". */
  compoundHead: 0.7,
  /** The request's word is the first part of an indexed compound: "energi" in "energianvändning". */
  compoundModifier: 0.7,
  /** A compound of the request split into known words: "förskole|platser". */
  split: 0.85,
  typo: 0.75,
  /**
   * An English word's Swedish translation learned from the catalogue's parallel titles and
   * keywords (ADR 033): below a synonym someone chose by hand, since co-occurrence in a few
   * datasets also pairs words that only stand beside each other ("upper" with "gymnasieskola").
   */
  translation: 0.8,
} as const;

/** Stems shorter than this are not looked up as parts of compounds ("el", "bad"). */
export const MIN_EXPANSION_STEM = 4;

export function addKnown(part: LexemePart, term: string | undefined, quality: number, df: (term: string) => number) {
  if (!term || df(term) <= 0) return;
  if ((part.get(term) ?? 0) < quality) part.set(term, quality);
}

export function addExpansions(
  part: LexemePart,
  stem: string,
  expansion: { prefixed: TermCount[]; suffixed: TermCount[] } | undefined,
  allow: { head?: boolean; modifier?: boolean } = {},
) {
  if (!expansion) return;
  for (const { term } of expansion.prefixed) {
    // A letter or two more is the other stem of the same word ("badplat" / "badplats").
    const quality = term.length - stem.length <= 2 ? MATCH_QUALITY.inflection : MATCH_QUALITY.compoundModifier;
    if (quality === MATCH_QUALITY.compoundModifier && allow.modifier === false) continue;
    if ((part.get(term) ?? 0) < quality) part.set(term, quality);
  }
  if (allow.head === false) return;
  for (const { term } of expansion.suffixed) {
    if (term.length - stem.length < 3) continue;
    if ((part.get(term) ?? 0) < MATCH_QUALITY.compoundHead) part.set(term, MATCH_QUALITY.compoundHead);
  }
}

export function sum(values: number[]) {
  return values.reduce((a, b) => a + b, 0);
}
