import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { documentId, type SearchDocument } from "../../search/engines/engine";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { retrieveCandidates, sampleShare, withinBudget } from "../../search/engines/postgres/retrieval.server";
import type { SearchTables } from "../../search/engines/postgres/tables";
import type { Concept, RequestConcepts } from "../../search/language/concepts";

/**
 * A common word's sample is read from a fixed share of the documents (issue 11, ADR 048): a GIN
 * bitmap holds every posting of a word before a LIMIT stops, so a sample read from all documents
 * cost more the larger the catalogue. The sample must still be full, and the same every time.
 */

function concept(lexeme: string): Concept {
  return { label: lexeme, weight: 1, known: true, alternatives: [{ quality: 1, parts: [new Map([[lexeme, 1]])] }] };
}

function request(counts: Record<string, number>, total: number): Pick<RequestConcepts, "concepts" | "documentCounts" | "total"> {
  return { concepts: Object.keys(counts).map(concept), documentCounts: new Map(Object.entries(counts)), total };
}

describe("the share of the documents a common word's sample is read from", () => {
  it("is the smallest that holds twice the sample by the word's count, and none for a word too rare for a share", () => {
    expect(sampleShare(100_000, 166)).toBe(16);
    expect(sampleShare(9_400, 166)).toBe(128);
    expect(sampleShare(2_656, 166)).toBe(128);
    expect(sampleShare(2_655, 166)).toBeUndefined();
    expect(sampleShare(400, 166)).toBeUndefined();
  });

  it("applies to the concepts' best words that are sampled, not to the words read whole nor when shares are off", () => {
    const counts = { vanlig: 9_400, mycketvanlig: 100_000, mellan: 1_000, ovanlig: 20, sallsynt: 3, annan: 2 };
    const samples = withinBudget(request(counts, 300_000), Object.keys(counts), 1_000, { shares: true });
    // Six concepts share the budget: each best word reads at most 166 of its documents.
    expect(samples).toEqual([
      { lexemes: ["vanlig"], limit: 166, slots: 128 },
      { lexemes: ["mycketvanlig"], limit: 166, slots: 16 },
      { lexemes: ["mellan"], limit: 166, slots: undefined },
      { lexemes: ["ovanlig", "sallsynt", "annan"], limit: 1_000 },
    ]);
    const withoutShares = withinBudget(request(counts, 300_000), Object.keys(counts), 1_000);
    expect(withoutShares.map((sample) => sample.slots)).toEqual([undefined, undefined, undefined, undefined]);
    // A catalogue within the budget is read whole, as before.
    expect(withinBudget(request(counts, 900), Object.keys(counts), 1_000, { shares: true })).toEqual([
      { lexemes: Object.keys(counts), limit: 1_000 },
    ]);
  });
});

describe("a common word's sample in the database", () => {
  const searchDb = db.withTables<SearchTables>();
  const COMMON = 2_400;
  const THEME = "http://publications.europa.eu/resource/authority/data-theme/TRAN";

  function document(n: number, words: string): SearchDocument {
    const entityId = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    return {
      id: documentId("dataset", entityId),
      kind: "dataset",
      entityId,
      uri: `https://data.example.se/dataset/${n}`,
      title: words,
      text: { title: { sv: words, en: "" }, keywords: { sv: "", en: "" }, description: { sv: "", en: "" } },
      publisher: null,
      themes: n < 300 ? [THEME] : [],
      formats: [],
      specifications: [],
    };
  }

  const rare = ["ishall", "skatepark", "boulebana", "konstgras", "padelbana", "kallbadhus", "hundbad", "frisbeegolf", "pulkabacke"];

  beforeAll(async () => {
    const documents = Array.from({ length: COMMON }, (_, n) => document(n, `cykelparkering nummer${n}`));
    documents.push(...rare.map((word, i) => document(COMMON + i, word)));
    await createPostgresEngine(db).upsert(documents);
  });

  async function lexemeOf(word: string) {
    const { rows } = await sql<{
      lexeme: string;
    }>`SELECT unnest(tsvector_to_array(to_tsvector('fraga_swedish', ${word}))) AS lexeme`.execute(db);
    return rows[0]!.lexeme;
  }

  /** Ten concepts: the common word's and the nine rare words', with their document counts. */
  async function commonAndRareConcepts() {
    const common = await lexemeOf("cykelparkering");
    const rareLexemes = await Promise.all(rare.map(lexemeOf));
    const concepts = request(Object.fromEntries([[common, COMMON], ...rareLexemes.map((l) => [l, 1])]), COMMON + rare.length);
    return { common, concepts };
  }

  it("is full, holds the word, lies in the share and is the same every time", async () => {
    // Ten concepts: each best word may read 100 documents; the common one reads them from the eighth.
    const { common, concepts } = await commonAndRareConcepts();
    const ask = () => retrieveCandidates(searchDb, concepts, { kind: "dataset", kommunkoder: [] });

    const found = await ask();
    const holding = found.filter((candidate) => candidate.lexemes.has(common));
    expect(holding).toHaveLength(100);
    expect(found.filter((candidate) => !candidate.lexemes.has(common))).toHaveLength(rare.length);
    const { rows } = await sql<{ slot: number }>`
      SELECT sample_slot AS slot FROM search_documents WHERE id = ANY(${holding.map((c) => c.id)}::text[])`.execute(db);
    expect(rows).toHaveLength(100);
    for (const row of rows) expect(row.slot).toBeLessThan(128);
    expect((await ask()).map((candidate) => candidate.id)).toEqual(found.map((candidate) => candidate.id));
  });

  it("is read from every document in a filtered search, where a share could hold too few that pass the filter", async () => {
    const { common, concepts } = await commonAndRareConcepts();
    // 300 of the 2,400 have the theme: about 37 of them in the eighth, fewer than the sample's 100.
    const found = await retrieveCandidates(searchDb, concepts, { kind: "dataset", kommunkoder: [], filters: { theme: [THEME] } });
    expect(found.filter((candidate) => candidate.lexemes.has(common))).toHaveLength(100);
  });
});
