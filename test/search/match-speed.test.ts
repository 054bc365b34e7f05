import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { createPostgresLexicons } from "../../search/engines/postgres/lexicon.server";
import { retrieveCandidates } from "../../search/engines/postgres/retrieval.server";
import type { SearchTables } from "../../search/engines/postgres/tables";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { buildConcepts } from "../../search/language/concepts";
import { placeFinderFor } from "../../search/language/places.server";
import { analyseRequest } from "../../search/language/request-analysis";
import { wordLanguages } from "../../search/language/word-languages.server";
import { bytesVector } from "../../search/meaning/lsa";
import { createMeaningIndex, recomputeMeaning } from "../../search/meaning/model.server";
import type { MeaningTables } from "../../search/meaning/tables";
import { catalogFixture } from "../support/catalogs";

/**
 * The match's speed work (issue 11, ADR 036's 2026-12-01 section) changes how a match is computed,
 * never what it finds: each part is held here to the plain computation it replaced, on the 351
 * datasets of the Västra Götaland catalogue.
 */
describe("a match computed with less work finds the same", () => {
  const searchDb = db.withTables<SearchTables>();

  beforeAll(async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
    await drainOutbox(createPostgresEngine(db), { batchSize: 500 });
    await recomputeMeaning(db);
  });

  it("reads each candidate's matched lexemes and their best field as the document's tsvector has them", async () => {
    const lexicons = createPostgresLexicons(searchDb);
    const text = "badplatser och vattenkvalitet i Borås";
    const request = analyseRequest(text, await placeFinderFor(db), await wordLanguages());
    const concepts = await buildConcepts(request, lexicons.dataset);
    const kommunkoder = request.places.municipalities.map((m) => m.kommunkod);
    expect(kommunkoder).toEqual(["1490"]);
    const found = await retrieveCandidates(searchDb, concepts, { kind: "dataset", kommunkoder });
    expect(found.length).toBeGreaterThan(3);
    const asked = new Set(concepts.concepts.flatMap((c) => c.alternatives.flatMap((a) => a.parts.flatMap((p) => [...p.keys()]))));
    const order = ["A", "B", "C", "D"];
    for (const candidate of found) {
      // The reference: every lexeme of the document with its weights, read from the tsvector itself.
      const { rows } = await sql<{ lexeme: string; weights: string[] }>`
        SELECT l.lexeme, l.weights FROM search_documents d, unnest(d.lexemes) AS l WHERE d.id = ${candidate.id}`.execute(db);
      const expected = new Map(
        rows
          .filter((row) => asked.has(row.lexeme))
          .map((row) => [row.lexeme, order.find((field) => row.weights.includes(field)) ?? "D"] as const),
      );
      expect(candidate.lexemes).toEqual(expected);
      // A match shows no facets, so it does not read them.
      expect(candidate.row).not.toHaveProperty("themes");
      expect(candidate.row).not.toHaveProperty("formats");
      expect(candidate.row).not.toHaveProperty("specifications");
    }
    const withFacets = await retrieveCandidates(searchDb, concepts, { kind: "dataset", kommunkoder, facets: true });
    expect(withFacets.map((c) => [c.id, c.lexemes])).toEqual(found.map((c) => [c.id, c.lexemes]));
    expect(withFacets.some((c) => c.row.themes!.length > 0 && c.row.formats!.length > 0)).toBe(true);
  });

  it("keeps the meaning model between matches and reads a recomputed one again", async () => {
    const index = createMeaningIndex(db);
    expect(await index.loaded()).toMatchObject({ documents: 351, dimensions: 100 });
    await recomputeMeaning(db, { dimensions: 40 });
    // Within the check's interval the kept model serves; after it (forget: at once) the new one.
    expect(await index.loaded()).toMatchObject({ dimensions: 100 });
    index.forget();
    expect(await index.loaded()).toMatchObject({ documents: 351, dimensions: 40 });
    index.forget();
    expect(await index.loaded()).toMatchObject({ dimensions: 40 });
    await recomputeMeaning(db);
  });

  it("finds the named municipality's own nearest in meaning as reading and sorting every one of its datasets would, ties in dataset order", async () => {
    const meaningDb = db.withTables<MeaningTables>();
    // Each of Borås's datasets twice (the copy sorts right after it): equal similarities, which
    // must come in the loaded order, as a stable sort keeps them.
    const own = await meaningDb.selectFrom("search_meaning_documents").selectAll().where("publisher_kommunkod", "=", "1490").execute();
    expect(own.length).toBeGreaterThan(10);
    await meaningDb
      .insertInto("search_meaning_documents")
      .values(own.map((d) => ({ ...d, document_id: `${d.document_id}-copy` })))
      .execute();
    const documents = await meaningDb
      .selectFrom("search_meaning_documents")
      .select(["document_id", "publisher_kommunkod", "vector"])
      .orderBy("document_id")
      .execute();
    const index = createMeaningIndex(db);
    for (const [text, codes, limit] of [
      ["badplatser vattenkvalitet", ["1490"], 5],
      ["förskolor och skolor", ["1490"], 7],
      ["parkering", ["1490", "1480"], 4],
    ] as const) {
      const { vector: query, coverage } = (await index.requestVector(text))!;
      const reference = codes
        .flatMap((code) => documents.filter((d) => d.publisher_kommunkod === code))
        .map((d) => {
          const vector = bytesVector(d.vector);
          let similarity = 0;
          for (let c = 0; c < query.length; c++) similarity += query[c]! * vector[c]!;
          return { id: d.document_id, similarity: similarity * coverage };
        })
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, limit);
      const anywhere = (await index.similar(text, limit)).map((hit) => ({ id: hit.id, similarity: hit.similarity }));
      const seen = new Set(anywhere.map((hit) => hit.id));
      const scoped = (await index.similar(text, limit, { kommunkoder: [...codes] })).map((hit) => ({
        id: hit.id,
        similarity: hit.similarity,
      }));
      expect(scoped).toEqual([...anywhere, ...reference.filter((hit) => !seen.has(hit.id))]);
      expect(scoped.some((hit) => hit.id.endsWith("-copy"))).toBe(true);
    }
  });
});
