import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { recomputeCatalogueMeaning } from "../../app/jobs/meaning.server";
import { enqueueHarvest, startJobs, type JobRunner } from "../../app/jobs/queue.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import type { MeaningTables } from "../../search/meaning/tables";
import { catalogFixture } from "../support/catalogs";

let jobs: JobRunner;

beforeAll(async () => {
  jobs = await startJobs({ connectionString: process.env.DATABASE_URL! });
});

afterAll(async () => {
  await jobs.stop();
});

async function waitForModel(documents: number, after: number) {
  const meaningDb = db.withTables<MeaningTables>();
  for (let i = 0; i < 300; i++) {
    const model = await meaningDb.selectFrom("search_meaning_models").selectAll().orderBy("id", "desc").executeTakeFirst();
    if (model && model.id > after && model.documents === documents) return model;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no meaning model of ${documents} datasets`);
}

describe("the meaning model after a harvest (issue 11, ADR 031)", () => {
  it("is learned again from the whole catalogue by a job after each successful harvest", async () => {
    const first = await getOrCreateCatalogueSource({ location: catalogFixture("se_opennorth_umea_entryscape_2015.rdf") });
    await enqueueHarvest(first);
    const model = await waitForModel(16, 0);
    expect(model.dimensions).toBeGreaterThan(0);
    expect(model.features).toBeGreaterThan(0);

    const second = await getOrCreateCatalogueSource({ location: catalogFixture("se_digg_dcat-ap-se_exempel_rekommenderat.rdf") });
    await enqueueHarvest(second);
    const next = await waitForModel(17, model.id);
    expect(next.id).toBeGreaterThan(model.id);
    const stored = await db.withTables<MeaningTables>().selectFrom("search_meaning_documents").select("document_id").execute();
    expect(stored).toHaveLength(17);
  });
});

describe("the meaning model's process when the server stops", () => {
  it("is killed, and the stored model stays the one before", async () => {
    const meaningDb = db.withTables<MeaningTables>();
    const latest = async () =>
      (await meaningDb.selectFrom("search_meaning_models").select("id").orderBy("id", "desc").executeTakeFirst())?.id;
    const before = await latest();
    const stopping = new AbortController();
    const learning = recomputeCatalogueMeaning(stopping.signal);
    stopping.abort();
    await expect(learning).rejects.toThrow(/without a model/);
    expect(await latest()).toBe(before);
  });
});
