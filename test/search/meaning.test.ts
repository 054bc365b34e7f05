import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { createMeaningIndex, recomputeMeaning } from "../../search/meaning/model.server";
import { buildCells, cellLists, nearest } from "../../search/meaning/cells";
import type { MeaningTables } from "../../search/meaning/tables";
import { createPostgresEngine } from "../../search/engines/postgres/engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { catalogFixture } from "../support/catalogs";

/**
 * Meaning learned from the catalogue (issue 11, ADR 031), on a real catalogue: the 351 datasets of
 * the Västra Götaland fixture. The request words here are not in any evaluation request.
 */
describe("meaning learned from the catalogue", () => {
  beforeAll(async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
  });

  it("learns a model of every current dataset and stores it", async () => {
    const summary = await recomputeMeaning(db);
    expect(summary).toMatchObject({ documents: 351, dimensions: 100 });
    expect(summary.features).toBeGreaterThan(1_000);
    const loaded = await createMeaningIndex(db).loaded();
    expect(loaded).toMatchObject({ documents: 351, dimensions: 100, features: summary.features });
  });

  it("finds for an everyday word the dataset whose catalogue words co-occur with it, though it never uses the word", async () => {
    await recomputeMeaning(db);
    const hits = await createMeaningIndex(db).similar("skidspår", 3);
    const titles = hits.map((hit) => hit.title);
    expect(titles).toContain("Motionsspår och elljusspår i Vänersborg");
    const row = await db
      .selectFrom("datasets")
      .select(["title", "description", "keywords"])
      .where("uri", "=", hits.find((hit) => hit.title === "Motionsspår och elljusspår i Vänersborg")!.uri!)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row).toLowerCase()).not.toContain("skidspår");
  });

  it("answers nothing for words the catalogue has no feature of, and for stop words alone", async () => {
    await recomputeMeaning(db);
    const index = createMeaningIndex(db);
    expect(await index.similar("и в на", 5)).toEqual([]);
    expect(await index.similar("och att det", 5)).toEqual([]);
    expect(await index.similar("12345", 5)).toEqual([]);
  });

  it("counts a request's meaning by how much of it the catalogue knows: words it never uses weaken every hit alike", async () => {
    await recomputeMeaning(db);
    const index = createMeaningIndex(db);
    const known = await index.similar("skidspår", 3);
    expect(known.length).toBeGreaterThan(0);
    // A word none of whose stems or 4-grams the catalogue has: half of the request is unknown.
    const halfUnknown = await index.similar("skidspår xqzjw", 3);
    expect(halfUnknown.map((hit) => hit.title)).toEqual(known.map((hit) => hit.title));
    halfUnknown.forEach((hit, i) => expect(hit.similarity).toBeCloseTo(known[i]!.similarity / 2, 5));
    const vector = await createMeaningIndex(db, { documents: false }).requestVector("skidspår xqzjw");
    expect(vector?.coverage).toBeCloseTo((await createMeaningIndex(db, { documents: false }).requestVector("skidspår"))!.coverage / 2, 5);
  });

  it("lets the built-in engine's match find the dataset that only meaning relates to the request", async () => {
    await recomputeMeaning(db);
    const lexical = createPostgresEngine(db, { fusion: null });
    await drainOutbox(lexical, { batchSize: 500 });
    const fused = createPostgresEngine(db);
    const before = (await lexical.match("skidspår", { limit: 5 })).datasets.map((d) => d.title);
    const after = (await fused.match("skidspår", { limit: 5 })).datasets.map((d) => d.title);
    expect(before).not.toContain("Motionsspår och elljusspår i Vänersborg");
    expect(after).toContain("Motionsspår och elljusspår i Vänersborg");
  });

  it("reads only the nearest cells of a large catalogue's vectors, stored with the model, and still finds the dataset by meaning", async () => {
    // 351 datasets stand in for a large catalogue: cells from 100 datasets up instead of 20,000.
    await recomputeMeaning(db, { exactBelow: 100 });
    const stored = await db
      .withTables<MeaningTables>()
      .selectFrom("search_meaning_documents")
      .select((eb) => [eb.fn.count<string>("cell").as("with_cell"), eb.fn.count<string>(eb.fn("distinct", ["cell"])).as("cells")])
      .executeTakeFirstOrThrow();
    expect(Number(stored.with_cell)).toBe(351);
    expect(Number(stored.cells)).toBeGreaterThan(10);
    const titles = (await createMeaningIndex(db).similar("skidspår", 3)).map((hit) => hit.title);
    expect(titles).toContain("Motionsspår och elljusspår i Vänersborg");
    expect((await createPostgresEngine(db).match("skidspår", { limit: 5 })).datasets.map((d) => d.title)).toContain(
      "Motionsspår och elljusspår i Vänersborg",
    );
    await recomputeMeaning(db);
  });

  it("counts in its memory what matches build from the model: the vectors in cell order, a named municipality's list", async () => {
    await recomputeMeaning(db, { exactBelow: 100 });
    const vanersborg = await db
      .withTables<MeaningTables>()
      .selectFrom("search_meaning_documents")
      .select((eb) => eb.fn.countAll<string>().as("datasets"))
      .where("publisher_kommunkod", "=", "1487")
      .executeTakeFirstOrThrow();
    expect(Number(vanersborg.datasets)).toBeGreaterThan(5);
    const index = createMeaningIndex(db);
    const loaded = (await index.loaded())!;
    // The vectors (351 × 100 float32) and the hits' fields at least.
    expect(loaded.bytes).toBeGreaterThan(351 * 100 * 4 + 351 * 40);
    await index.similar("skidspår", 3, { kommunkoder: ["1487"] });
    // The vectors once more in cell order, and the list's heads (32 dimensions), tail lengths and
    // grouping by cell: 140 bytes a dataset.
    expect((await index.loaded())!.bytes - loaded.bytes).toBeGreaterThanOrEqual(351 * 100 * 4 + Number(vanersborg.datasets) * 140);
    await recomputeMeaning(db);
  });
});

describe("the nearest vectors through cells", () => {
  // Clustered unit vectors: 40 directions, 50 noisy vectors around each.
  const dims = 16;
  let state = 5;
  const uniform = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
  const unit = (v: Float32Array) => {
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  };
  const centres = Array.from({ length: 40 }, () => unit(Float32Array.from({ length: dims }, () => uniform() - 0.5)));
  const vectors = new Float32Array(2_000 * dims);
  for (let i = 0; i < 2_000; i++) vectors.set(unit(centres[i % 40]!.map((x) => x + (uniform() - 0.5) * 0.3)), i * dims);

  it("reads every vector below the size where cells pay", () => {
    expect(buildCells(vectors, dims)).toBeNull();
  });

  it("finds the same nearest as reading every vector when every cell is read, and nearly the same from a few cells", () => {
    const cells = cellLists(buildCells(vectors, dims, { exactBelow: 1_000 })!, dims);
    expect(cells.start.length - 1).toBe(45);
    expect(cells.start[45]).toBe(2_000);
    let found = 0;
    for (let q = 0; q < 20; q++) {
      const query = unit(centres[q]!.map((x) => x + (uniform() - 0.5) * 0.3));
      const exact = nearest(query, vectors, dims, 10);
      expect(exact.map((hit) => hit.similarity)).toEqual([...exact.map((hit) => hit.similarity)].sort((a, b) => b - a));
      expect(nearest(query, vectors, dims, 10, cells, 45)).toEqual(exact);
      const want = new Set(exact.map((hit) => hit.index));
      found += nearest(query, vectors, dims, 10, cells, 5).filter((hit) => want.has(hit.index)).length;
    }
    expect(found / 200).toBeGreaterThan(0.9);
  });
});

describe("meaning of an empty catalogue", () => {
  it("is an empty model that finds nothing", async () => {
    const { buildMeaningModel } = await import("../../search/meaning/lsa");
    expect(buildMeaningModel([]).model.dimensions).toBe(0);
    expect(buildMeaningModel([new Map([["s:bad", 1]])]).documentVectors).toHaveLength(1);
  });
});
