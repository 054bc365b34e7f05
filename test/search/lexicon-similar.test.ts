import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createPostgresLexicons } from "../../search/engines/postgres/lexicon.server";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import type { SearchTables } from "../../search/engines/postgres/tables";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createTestDataset } from "../factories/dataset";

/**
 * The catalogue's words spelt like a request's word (a typo's candidates): among as many equally
 * alike words as there are room for and more, which are kept must not depend on where the rows lie
 * in the table, or the same request is answered otherwise after a reindex.
 */
describe("words spelt alike", () => {
  // No vowels: the Swedish stemmer leaves them whole. Each is the stem and one letter more, so every
  // one is exactly as alike to the stem (pg_trgm) and in one dataset.
  const stem = "vbnmkq";
  const letters = "bcdfghjklmnprtvwxz".split("");
  const words = letters.map((letter) => stem + letter);

  beforeAll(async () => {
    // Indexed one by one in reverse alphabetical order, so the table's order is not the words' order
    // (one batch writes its new words in order).
    const engine = createPostgresEngine(db);
    for (const word of [...words].reverse()) {
      await createTestDataset({ title: `Förteckning ${word}` });
      await drainOutbox(engine);
    }
  });

  it("keeps the same of equally alike words whatever their order in the table: the alphabetically first", async () => {
    const lexicon = createPostgresLexicons(db.withTables<SearchTables>()).dataset;
    const found = (await lexicon.similar([stem])).get(stem)!.map((candidate) => candidate.term);
    expect(found).toEqual(words.slice(0, found.length));
    expect(found.length).toBeGreaterThan(1);
  });
});
