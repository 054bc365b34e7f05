import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { createMeaningIndex, recomputeMeaning } from "../../search/meaning/model.server";
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
});

describe("meaning of an empty catalogue", () => {
  it("is an empty model that finds nothing", async () => {
    const { buildMeaningModel } = await import("../../search/meaning/lsa");
    expect(buildMeaningModel([]).model.dimensions).toBe(0);
    expect(buildMeaningModel([new Map([["s:bad", 1]])]).documentVectors).toHaveLength(1);
  });
});
