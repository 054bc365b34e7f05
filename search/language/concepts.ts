import { resolveUnknownWords } from "./compounds";
import {
  addExpansions,
  addKnown,
  MATCH_QUALITY,
  MIN_EXPANSION_STEM,
  sum,
  type Alternative,
  type Concept,
  type LexemePart,
  type Lexicon,
  type TermCount,
  type Translated,
} from "./lexicon";
import type { AnalysedRequest, RequestWord } from "./request-analysis";
import { STOP_WORDS } from "./request-language";
import { SYNONYM_GROUPS } from "./synonyms";
import { tokenize } from "./text";

export type { Concept, Lexicon, TermCount } from "./lexicon";

/**
 * From the words of a request to concepts: what the request asks for, each with the index terms
 * (lexemes) that express it and how well each does. "förskoleplatser" is not in any dataset, but
 * "förskol…" and "plats" are; "laddstolpar" is a synonym of "laddplatser"; "badplaster" is a typo
 * of "badplatser". The index's own vocabulary (the Lexicon) decides what is known.
 */

/** Weight of a word the index does not know, relative to the rarest known word (1). */
const UNKNOWN_WEIGHT = 0.7;
/** The same in an English request: a Swedish catalogue not knowing an English word says little. */
const UNKNOWN_WEIGHT_ENGLISH = 0.25;
const GENERIC_FACTOR = 0.25;
const FOCUS_FACTOR = 1.5;

interface StemmedEntry {
  group: number;
  language: "sv" | "en";
  stems: string[];
}

interface Draft {
  label: string;
  words: RequestWord[];
  sv: string[];
  en: string[];
  group: number | null;
  /** A synonym phrase of the list ("recycling stations"): its words mean something only together. */
  phrase?: boolean;
}

let synonymEntries: Promise<StemmedEntry[]> | null = null;

/** The synonym list stemmed by the index's own stemmer; once per process. */
function stemmedSynonyms(lexicon: Lexicon): Promise<StemmedEntry[]> {
  synonymEntries ??= (async () => {
    const entries = SYNONYM_GROUPS.flatMap((group, index) =>
      (["sv", "en"] as const).flatMap((language) =>
        group[language].map((entry) => ({
          group: index,
          language,
          words: tokenize(entry)
            .filter((t) => !STOP_WORDS.has(t.folded))
            .map((t) => t.lower),
        })),
      ),
    );
    const stems = await lexicon.stems([...new Set(entries.flatMap((e) => e.words))]);
    return entries
      .map((e) => ({ group: e.group, language: e.language, stems: e.words.map((w) => stems.get(w)?.[e.language] ?? "") }))
      .filter((e) => e.stems.length > 0 && e.stems.every(Boolean));
  })().catch((error) => {
    synonymEntries = null;
    throw error;
  });
  return synonymEntries;
}

export interface RequestConcepts {
  concepts: Concept[];
  /** Documents holding each lexeme the concepts use, as far as the lexicon said. */
  documentCounts: Map<string, number>;
  /** Documents in the index. */
  total: number;
}

export async function buildConcepts(request: AnalysedRequest, index: Lexicon): Promise<RequestConcepts> {
  const documentCounts = new Map<string, number>();
  const lexicon = recording(index, documentCounts);
  const concepts = await conceptsOf(request, lexicon);
  return { concepts, documentCounts, total: concepts.length ? await lexicon.documentCount() : 0 };
}

/** The lexicon, noting every document count it gives on the way. */
function recording(lexicon: Lexicon, seen: Map<string, number>): Lexicon {
  const note = (list: TermCount[]) => list.forEach((t) => seen.set(t.term, t.documentCount));
  return {
    stems: (words) => lexicon.stems(words),
    documentCount: () => lexicon.documentCount(),
    async documentCounts(terms) {
      const counts = await lexicon.documentCounts(terms);
      counts.forEach((count, term) => seen.set(term, count));
      return counts;
    },
    async expansions(stems) {
      const result = await lexicon.expansions(stems);
      result.forEach((e) => (note(e.prefixed), note(e.suffixed)));
      return result;
    },
    async similar(stems) {
      const result = await lexicon.similar(stems);
      result.forEach(note);
      return result;
    },
    translations: lexicon.translations?.bind(lexicon),
  };
}

async function conceptsOf(request: AnalysedRequest, lexicon: Lexicon): Promise<Concept[]> {
  if (request.words.length === 0) return [];
  const [stems, synonyms, total] = await Promise.all([
    lexicon.stems(request.words.map((w) => w.lower)),
    stemmedSynonyms(lexicon),
    lexicon.documentCount(),
  ]);
  const drafts = draftConcepts(request.words, stems, synonyms);
  if (drafts.length === 0) return [];
  const translations = await translationsOf(drafts, lexicon);
  const translated = (draft: Draft) => translations.get(draft) ?? [];

  const synonymStems = (draft: Draft) =>
    draft.group === null ? [] : synonyms.filter((e) => e.group === draft.group).flatMap((e) => e.stems);
  // English stems only for English words: "parking" stems to the Swedish word "park".
  const english = (draft: Draft) => (isEnglish(draft) ? draft.en : []);
  const ownStems = drafts.flatMap((d) => [...d.sv, ...english(d), ...d.sv.map(trimmedGenitive).filter(isString)]);
  const singleSynonyms = (draft: Draft) =>
    draft.group === null ? [] : synonyms.filter((e) => e.group === draft.group && e.stems.length === 1).map((e) => e.stems[0]);
  const translatedStems = drafts.flatMap((d) => translated(d).map((t) => t.term));
  const expandable = [
    ...new Set(
      [...drafts.flatMap((d) => d.sv), ...drafts.flatMap(singleSynonyms), ...translatedStems].filter((s) => s.length >= MIN_EXPANSION_STEM),
    ),
  ];
  const [counts, expansions] = await Promise.all([
    lexicon.documentCounts([...new Set([...ownStems, ...drafts.flatMap(synonymStems), ...translatedStems])]),
    lexicon.expansions(expandable),
  ]);
  const df = (term: string) => counts.get(term) ?? 0;

  const concepts = drafts.map((draft) => {
    const alternatives: Alternative[] = [];
    alternatives.push({
      quality: MATCH_QUALITY.exact,
      parts: draft.sv.map((stem, i) => {
        const part: LexemePart = new Map();
        // In an English request the English stem is the word itself; the Swedish one a near miss.
        addKnown(part, stem, isEnglish(draft) ? MATCH_QUALITY.english : MATCH_QUALITY.exact, df);
        if (isEnglish(draft)) addKnown(part, draft.en[i], MATCH_QUALITY.exact, df);
        const trimmed = trimmedGenitive(stem);
        if (trimmed) addKnown(part, trimmed, MATCH_QUALITY.inflection, df);
        addExpansions(part, stem, expansions.get(stem));
        return part;
      }),
      requireAll: draft.phrase,
    });
    if (draft.group !== null) {
      const seen = new Set<string>();
      for (const entry of synonyms.filter((e) => e.group === draft.group)) {
        const key = entry.stems.join(" ");
        if (seen.has(key) || sameStems(entry.stems, draft.sv) || sameStems(entry.stems, draft.en)) continue;
        seen.add(key);
        const parts = entry.stems.map((stem) => {
          const part: LexemePart = new Map();
          addKnown(part, stem, MATCH_QUALITY.exact, df);
          // "laddplats" also in "laddplatsregister": a synonym's compounds count like the word's own.
          if (entry.stems.length === 1) addExpansions(part, stem, expansions.get(stem));
          return part;
        });
        if (parts.some((part) => part.size === 0)) continue;
        alternatives.push({ quality: MATCH_QUALITY.synonym, parts, requireAll: true });
      }
    }
    if (translated(draft).length > 0) {
      // One part: the word is any of its translations, the weaker ones counting less.
      const part: LexemePart = new Map();
      for (const { term, score } of translated(draft)) {
        addKnown(part, term, score, df);
        addExpansions(part, term, expansions.get(term));
      }
      alternatives.push({ quality: MATCH_QUALITY.translation, parts: [part] });
    }
    const strongCounts = alternatives.flatMap((a) =>
      a.parts.flatMap((part) => [...part].filter(([, q]) => q >= MATCH_QUALITY.synonym).map(([term]) => df(term))),
    );
    let documentCount = Math.max(0, ...strongCounts);
    // A word the index has only inside compounds ("hämtning" in "hämtningsschema") is known too.
    if (documentCount === 0 && draft.sv.length === 1 && draft.sv[0].length >= 5) {
      const expansion = expansions.get(draft.sv[0]);
      documentCount = Math.min(total, sum([...(expansion?.prefixed ?? []), ...(expansion?.suffixed ?? [])].map((t) => t.documentCount)));
    }
    return { draft, alternatives, documentCount };
  });

  // Words the index does not know: a compound of known words, or a typo of one.
  const idf = (count: number) => Math.log(1 + total / (count + 1)) / Math.log(1 + Math.max(total, 1));
  const unknown = concepts
    .filter((c) => c.documentCount === 0 && c.draft.sv.length === 1)
    .map((c) => Object.assign(c, { stem: c.draft.sv[0] }));
  if (unknown.length > 0) await resolveUnknownWords(unknown, lexicon, idf);

  return concepts.map(({ draft, alternatives, documentCount }) => {
    const known = documentCount > 0;
    let weight = known ? idf(documentCount) : isEnglish(draft) ? UNKNOWN_WEIGHT_ENGLISH : UNKNOWN_WEIGHT;
    if (draft.words.every((w) => w.generic)) weight *= GENERIC_FACTOR;
    if (draft.words.some((w) => w.focus)) weight *= FOCUS_FACTOR;
    return {
      label: draft.label,
      weight,
      known,
      alternatives: alternatives.filter((a) => a.parts.some((part) => part.size > 0)),
    };
  });
}

function draftConcepts(
  words: RequestWord[],
  stems: Map<string, { sv: string | null; en: string | null }>,
  synonyms: StemmedEntry[],
): Draft[] {
  const stemmed = words
    .map((word) => ({ word, sv: stems.get(word.lower)?.sv ?? null, en: stems.get(word.lower)?.en ?? null }))
    .filter((w): w is { word: RequestWord; sv: string; en: string } => Boolean(w.sv));
  for (const w of stemmed) w.en ||= w.sv;

  const phrases = synonyms.filter((e) => e.stems.length > 1).sort((a, b) => b.stems.length - a.stems.length);
  const drafts: Draft[] = [];
  for (let i = 0; i < stemmed.length; i++) {
    const phrase = phrases.find((entry) => entry.stems.every((stem, k) => stemmed[i + k]?.[entry.language] === stem));
    if (phrase) {
      const span = stemmed.slice(i, i + phrase.stems.length);
      drafts.push({
        label: span.map((w) => w.word.lower).join(" "),
        words: span.map((w) => w.word),
        sv: span.map((w) => w.sv),
        en: span.map((w) => w.en),
        group: phrase.group,
        phrase: true,
      });
      i += phrase.stems.length - 1;
      continue;
    }
    const { word, sv, en } = stemmed[i];
    const entry = synonyms.find((e) => e.stems.length === 1 && e.stems[0] === (e.language === "sv" ? sv : en));
    drafts.push({ label: word.lower, words: [word], sv: [sv], en: [en], group: entry?.group ?? null });
  }
  return drafts;
}

/** "badplats" (from "badplatser") also as "badplat" (from "badplats"): the Swedish stemmer's s. */
function trimmedGenitive(stem: string): string | null {
  return stem.length >= 6 && stem.endsWith("s") ? stem.slice(0, -1) : null;
}

/**
 * A draft read as English: every word of it is (the request is English, or the word is an English
 * word and no Swedish one in a Swedish request: "parking" in "Var finns det parking i Borås").
 */
function isEnglish(draft: Draft): boolean {
  return draft.words.every((w) => w.english);
}

/**
 * The Swedish translations of a request's English words, learned from the catalogue (ADR 033).
 * Only for English words: a Swedish request is read as it is, and in it a word that happens to be
 * spelt like an English one ("plan", "land") is in both dictionaries and means the Swedish word.
 */
async function translationsOf(drafts: Draft[], lexicon: Lexicon): Promise<Map<Draft, Translated[]>> {
  const result = new Map<Draft, Translated[]>();
  if (!lexicon.translations) return result;
  const single = drafts.filter((d) => !d.phrase && d.en.length === 1 && isEnglish(d));
  if (single.length === 0) return result;
  const table = await lexicon.translations([...new Set(single.map((d) => d.en[0]!))]);
  for (const draft of single) {
    const own = new Set([...draft.sv, ...draft.en]);
    const list = (table.get(draft.en[0]!) ?? []).filter((t) => !own.has(t.term));
    if (list.length > 0) result.set(draft, list);
  }
  return result;
}

function sameStems(a: string[], b: string[]) {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function isString(value: string | null): value is string {
  return value !== null;
}
