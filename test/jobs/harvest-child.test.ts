import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { harvestInChildProcess } from "../../app/jobs/harvest-child.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";

describe("a harvest in a child process", () => {
  it("harvests in a process of its own and hands back the summary", async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: path.resolve("test/fixtures/catalogs/se_fornpunkt_dcat3.ttl") });
    const summary = await harvestInChildProcess(sourceId);
    expect(summary).toMatchObject({ status: "succeeded", added: 5 });
  });

  it("fails the run with a clear message when the child dies (here: a heap too small to start)", async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: path.resolve("test/fixtures/catalogs/catalog-vg-public.rdf") });
    const summary = await harvestInChildProcess(sourceId, { maxOldSpaceMb: 4 });
    expect(summary).toBeNull();
    const run = await db.selectFrom("harvest_runs").select(["status", "error", "finished_at"]).where("source_id", "=", sourceId).executeTakeFirstOrThrow();
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/processen som skördade stoppades/);
    expect(run.finished_at).not.toBeNull();
    const datasets = await db.selectFrom("datasets").select("id").where("source_id", "=", sourceId).execute();
    expect(datasets).toEqual([]);
  }, 60_000);
});
