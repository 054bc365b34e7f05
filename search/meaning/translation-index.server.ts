import type { Kysely } from "kysely";
import type { Translated } from "../language/lexicon";
import type { MeaningTables } from "./tables";

/**
 * The learned English → Swedish translations (search/meaning/translations.ts, ADR 033) as the
 * matcher reads them: the whole table in memory (a few thousand rows even at a national
 * catalogue), read again only after a recompute, checked at most every few seconds, as the
 * meaning model is.
 */

const CHECK_TTL_MS = 10_000;

export interface TranslationIndex {
  /** Per English stem, the Swedish stems it translates to, best first, each with its score relative to the best (0..1]. */
  translations(englishStems: string[]): Promise<Map<string, Translated[]>>;
}

export function createTranslationIndex<DB>(db: Kysely<DB>): TranslationIndex {
  // The generic DB only says the tables of the caller; the translations are in the meaning tables.
  const meaningDb = (db as unknown as Kysely<MeaningTables>).withTables<MeaningTables>();
  let current: { modelId: number | null; table: Map<string, Translated[]> } = { modelId: null, table: new Map() };
  let checkedAt = 0;
  let loading: Promise<void> | null = null;

  async function load() {
    const model = await meaningDb.selectFrom("search_meaning_models").select("id").orderBy("id", "desc").executeTakeFirst();
    const modelId = model?.id ?? null;
    if (modelId === current.modelId) return;
    const rows =
      modelId === null
        ? []
        : await meaningDb
            .selectFrom("search_meaning_translations")
            .select(["english", "swedish", "score"])
            .orderBy("score", "desc")
            .execute();
    const table = new Map<string, Translated[]>();
    const best = new Map<string, number>();
    for (const row of rows) {
      // Rows come best first: the first of an English stem is its best.
      if (!best.has(row.english)) best.set(row.english, row.score);
      const list = table.get(row.english) ?? [];
      list.push({ term: row.swedish, score: row.score / best.get(row.english)! });
      table.set(row.english, list);
    }
    current = { modelId, table };
  }

  return {
    async translations(englishStems) {
      if (Date.now() - checkedAt >= CHECK_TTL_MS) {
        loading ??= load().finally(() => {
          checkedAt = Date.now();
          loading = null;
        });
        // The table only adds alternatives: a failed read leaves the last one (or none) in use
        // and is tried again after the TTL, rather than failing the match.
        await loading.catch((error: unknown) =>
          console.warn(`[search] The learned translations could not be read (${error instanceof Error ? error.message : String(error)}).`),
        );
      }
      const found = new Map<string, Translated[]>();
      for (const stem of englishStems) {
        const list = current.table.get(stem);
        if (list) found.set(stem, list);
      }
      return found;
    },
  };
}
