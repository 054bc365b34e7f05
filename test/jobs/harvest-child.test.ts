import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { harvestInChildProcess } from "../../app/jobs/harvest-child.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource, type HarvestProgress } from "../../app/models/harvest.server";
import { MAP_BATCH } from "../../app/models/harvest-staging.server";
import { catalogFixture } from "../support/catalogs";

// The slow catalogue below is served on loopback, which the address guard refuses unless named.
process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";

const scratch = path.resolve(".data", `harvest-child-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A Turtle catalogue of `count` datasets, big enough that writing it takes several batches. */
function catalogue(count: number, titlePrefix: string) {
  const lines = ["@prefix dcat: <http://www.w3.org/ns/dcat#> .", "@prefix dct: <http://purl.org/dc/terms/> ."];
  for (let i = 0; i < count; i++) {
    lines.push(
      `<https://child.example/ds/${i}> a dcat:Dataset ; dct:title "${titlePrefix} ${i}"@sv ; dct:description "Beskrivning ${i}"@sv .`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("a harvest in a child process", () => {
  it("harvests in a process of its own and hands back the summary", async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("se_fornpunkt_dcat3.ttl") });
    const summary = await harvestInChildProcess(sourceId);
    expect(summary).toMatchObject({ status: "succeeded", added: 5 });
  });

  it("fails the run with a clear message when the child dies (here: a heap too small to start)", async () => {
    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    const summary = await harvestInChildProcess(sourceId, { maxOldSpaceMb: 4 });
    expect(summary).toBeNull();
    const run = await db
      .selectFrom("harvest_runs")
      .select(["status", "error", "finished_at"])
      .where("source_id", "=", sourceId)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/processen som skördade stoppades/);
    expect(run.finished_at).not.toBeNull();
    const datasets = await db.selectFrom("datasets").select("id").where("source_id", "=", sourceId).execute();
    expect(datasets).toEqual([]);
  }, 60_000);

  it("killed in the middle of a run, after it has written datasets, leaves every earlier dataset as it was", async () => {
    const location = path.join(scratch, "big.ttl");
    // Two write batches at least, so the child is killed between them.
    const listed = 2 * MAP_BATCH;
    writeFileSync(location, catalogue(2 * listed, "Första"));
    const sourceId = await getOrCreateCatalogueSource({ location });
    expect(await harvestCatalogueSource(sourceId)).toMatchObject({ status: "succeeded", added: 2 * listed });

    // The next export renames every dataset and lists only half of them.
    writeFileSync(location, catalogue(listed, "Andra"));
    const stop = new AbortController();
    const seen: HarvestProgress[] = [];
    const summary = await harvestInChildProcess(sourceId, {
      signal: stop.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.phase === "write") stop.abort();
      },
    });
    expect(summary).toBeNull();
    expect(seen.some((p) => p.phase === "write" && p.done < p.total)).toBe(true);
    const run = await db
      .selectFrom("harvest_runs")
      .select(["status", "error", "finished_at"])
      .where("source_id", "=", sourceId)
      .orderBy("started_at", "desc")
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: "failed", finished_at: expect.any(Date) });
    expect(run.error).toMatch(/avbröts.*tidigare skördade datamängder är kvar/);
    const datasets = await db.selectFrom("datasets").select(["title", "removed_at"]).where("source_id", "=", sourceId).execute();
    expect(datasets).toHaveLength(2 * listed);
    expect(datasets.filter((d) => d.removed_at !== null)).toEqual([]);
    expect(datasets.filter((d) => !d.title.sv?.startsWith("Första"))).toEqual([]);
  }, 120_000);

  it("that takes longer than its time limit is killed and its run failed with a message", async () => {
    // A catalogue that sends its first bytes and then nothing: a hung municipal server.
    const server = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/turtle" });
      res.write("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const sourceId = await getOrCreateCatalogueSource({ location: `http://127.0.0.1:${port}/hung.ttl` });
      const started = Date.now();
      const summary = await harvestInChildProcess(sourceId, { timeoutMs: 3000 });
      expect(summary).toBeNull();
      expect(Date.now() - started).toBeLessThan(20_000);
      const run = await db
        .selectFrom("harvest_runs")
        .select(["status", "error", "finished_at"])
        .where("source_id", "=", sourceId)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ status: "failed", finished_at: expect.any(Date) });
      expect(run.error).toMatch(/tog längre än/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 60_000);
});
