import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { recomputeCatalogueMeaning, runMeaningRecompute } from "../../app/jobs/meaning.server";
import * as adminSearch from "../../app/routes/admin.search";
import { enqueueHarvest, startJobs, type JobRunner } from "../../app/jobs/queue.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { confirmHeldHarvestRun } from "../../app/models/harvest.server";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";
import type { MeaningTables } from "../../search/meaning/tables";
import { catalogFixture, keepFirstDatasets } from "../support/catalogs";

let jobs: JobRunner;

beforeAll(async () => {
  jobs = await startJobs({ connectionString: process.env.DATABASE_URL! });
});

afterAll(async () => {
  await jobs.stop();
});

/** What `find` finds, asked every 200 ms for a minute: the jobs run beside the test. */
async function until<T>(find: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = await find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ${what}`);
}

function waitForModel(documents: number, after: number) {
  return until(async () => {
    const model = await db
      .withTables<MeaningTables>()
      .selectFrom("search_meaning_models")
      .selectAll()
      .orderBy("id", "desc")
      .executeTakeFirst();
    return model && model.id > after && model.documents === documents ? model : undefined;
  }, `meaning model of ${documents} datasets`);
}

async function latestModelId() {
  return (
    (await db.withTables<MeaningTables>().selectFrom("search_meaning_models").select("id").orderBy("id", "desc").executeTakeFirst())?.id ??
    0
  );
}

async function activeDatasets() {
  return (await db.selectFrom("datasets").select("id").where("removed_at", "is", null).execute()).length;
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

describe("the meaning model after a held harvest (ADR 031)", () => {
  it("is learned again when a coordinator confirms the removals, so the removed datasets are no longer offered", async () => {
    const scratch = path.resolve(".data", `meaning-held-${process.pid}`);
    mkdirSync(scratch, { recursive: true });
    try {
      // Dataset IRIs of this source's own: one owner per IRI.
      const own = Math.random().toString(36).slice(2);
      const original = readFileSync(catalogFixture("catalog-vg-public.rdf"), "utf8").replace(
        /rdf:about="https:\/\/data\.([a-z]+)\.se\/dataset\//g,
        `rdf:about="https://data.$1.se/dataset/${own}-`,
      );
      const location = path.join(scratch, "vg.rdf");
      writeFileSync(location, original);
      const sourceId = await getOrCreateCatalogueSource({ location, name: "VG" });
      const before = await latestModelId();
      const runOf = (status: "succeeded" | "held") =>
        until(
          () =>
            db.selectFrom("harvest_runs").select("id").where("source_id", "=", sourceId).where("status", "=", status).executeTakeFirst(),
          `${status} run`,
        );
      await enqueueHarvest(sourceId);
      await runOf("succeeded");
      const whole = await waitForModel(await activeDatasets(), before);

      // The source now lists 10 of its datasets: far over its removal threshold, the run is held.
      writeFileSync(location, keepFirstDatasets(original, 10));
      await enqueueHarvest(sourceId);
      const held = await runOf("held");
      // The held run applied its additions and changes: the model is learned again (its removals still wait).
      const beforeRemovals = await waitForModel(whole.documents, whole.id);
      const coordinator = await createTestUser({ role: "coordinator" });
      await confirmHeldHarvestRun({ actorUserId: coordinator.id, sourceId, runId: held.id });
      const afterRemovals = await waitForModel(await activeDatasets(), beforeRemovals.id);
      expect(afterRemovals.documents).toBe(whole.documents - 341);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("a meaning recompute that fails", () => {
  it("is shown to admins on /admin/search with what went wrong, and their retry learns the model again", async () => {
    const admin = await sessionCookieFor((await createTestUser({ role: "admin" })).id);
    const searchPage = async () =>
      (await run(adminSearch.loader, pageRequest("/admin/search", { cookie: admin }))) as Awaited<ReturnType<typeof adminSearch.loader>>;
    const before = await latestModelId();
    // The process that learns the model cannot reach the database (it takes the server's environment).
    const databaseUrl = process.env.DATABASE_URL;
    process.env.DATABASE_URL = "postgres://fraga:fraga@127.0.0.1:1/fraga";
    try {
      await expect(runMeaningRecompute(() => {})).rejects.toThrow();
    } finally {
      process.env.DATABASE_URL = databaseUrl;
    }
    expect(await latestModelId()).toBe(before);
    const failed = await searchPage();
    expect(failed.meaning.failure).toEqual({ failedAt: expect.any(String), error: expect.stringMatching(/\S/) });

    const retried = await run(adminSearch.action, pageRequest("/admin/search", { cookie: admin, form: { intent: "retry-meaning" } }));
    expect(retried).toMatchObject({ ok: true, meaningQueued: true });
    const active = await activeDatasets();
    await waitForModel(active, before);
    expect((await searchPage()).meaning).toMatchObject({ failure: null, documents: active });
  }, 120_000);
});

describe("the meaning model's process when the server stops", () => {
  it("is killed, and the stored model stays the one before", async () => {
    const before = await latestModelId();
    const stopping = new AbortController();
    const learning = recomputeCatalogueMeaning(stopping.signal);
    stopping.abort();
    await expect(learning).rejects.toThrow(/without a model/);
    expect(await latestModelId()).toBe(before);
  });
});
