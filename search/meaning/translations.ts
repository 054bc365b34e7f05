/**
 * English → Swedish word translations learned from the catalogue's own parallel text (issue 11,
 * ADR 033): many DCAT-AP-SE datasets give their title and keywords in Swedish and in English. An
 * English stem and a Swedish stem that keep appearing in the same datasets' parallel fields, and
 * rarely apart, translate each other ("bath" ↔ "badplats" from "Bathing sites" / "Badplatser").
 * The association is the Dice coefficient over the datasets with text in both languages, with a
 * minimum number of datasets, so one dataset's chance words are never a translation. No database
 * here: the stems come in from the caller (the index's own text search configurations).
 */

/** One dataset's stems of its title and keywords, per language (words both texts share left out). */
export interface ParallelStems {
  sv: ReadonlySet<string>;
  en: ReadonlySet<string>;
}

export interface Translation {
  /** English stem (the index's English configuration). */
  english: string;
  /** Swedish stem (an index lexeme). */
  swedish: string;
  /** Dice coefficient over the parallel datasets, 0..1. */
  score: number;
  /** Parallel datasets in which both occur. */
  datasets: number;
}

/**
 * How much evidence a translation needs. Fixed from what the measure means, not tuned on
 * evaluation requests: two datasets at least (one dataset's title is a coincidence), a Dice of 0.3
 * (the pair is together in at least a third of the datasets either occurs in), and per English stem
 * only the Swedish stems at least half as strong as its best, three at most.
 */
export const TRANSLATION_LEARNING = { minDatasets: 2, minScore: 0.3, relativeToBest: 0.5, perWord: 3 } as const;

/** Stems this short are endings and particles more often than words ("s", "av"). */
const MIN_STEM = 3;

export function learnTranslations(documents: Iterable<ParallelStems>, options: Partial<typeof TRANSLATION_LEARNING> = {}): Translation[] {
  const { minDatasets, minScore, relativeToBest, perWord } = { ...TRANSLATION_LEARNING, ...options };
  const english = new Map<string, number>();
  const swedish = new Map<string, number>();
  const together = new Map<string, Map<string, number>>();
  const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const document of documents) {
    const en = [...document.en].filter((stem) => stem.length >= MIN_STEM);
    const sv = [...document.sv].filter((stem) => stem.length >= MIN_STEM);
    if (en.length === 0 || sv.length === 0) continue;
    en.forEach((stem) => bump(english, stem));
    sv.forEach((stem) => bump(swedish, stem));
    for (const e of en) {
      const row = together.get(e) ?? new Map<string, number>();
      together.set(e, row);
      for (const s of sv) bump(row, s);
    }
  }
  const learned: Translation[] = [];
  for (const [e, row] of together) {
    const candidates = [...row]
      .filter(([s, count]) => count >= minDatasets && s !== e)
      .map(([s, count]) => ({ english: e, swedish: s, datasets: count, score: (2 * count) / (english.get(e)! + swedish.get(s)!) }))
      .filter((t) => t.score >= minScore)
      .sort((a, b) => b.score - a.score || b.datasets - a.datasets || (a.swedish < b.swedish ? -1 : 1));
    const best = candidates[0]?.score ?? 0;
    learned.push(...candidates.filter((t) => t.score >= best * relativeToBest).slice(0, perWord));
  }
  return learned.sort((a, b) => (a.english < b.english ? -1 : a.english > b.english ? 1 : b.score - a.score));
}
