import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { db, pool } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { failInterruptedHarvestRuns, harvestCatalogueSource, startHarvestRun } from "../../app/models/harvest.server";

/** Issue 7, the security review of the harvest pipeline: what a run keeps, who owns a dataset, which runs are dead. */
const scratch = path.resolve(".data", `harvest-lifecycle-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A Turtle catalogue of `count` datasets under `base`; `untitled` lists datasets written without a title. */
function catalogue(base: string, count: number, options: { untitled?: number[]; titlePrefix?: string } = {}) {
  const lines = [
    "@prefix dcat: <http://www.w3.org/ns/dcat#> .",
    "@prefix dct: <http://purl.org/dc/terms/> .",
    `<${base}catalog> a dcat:Catalog ;`,
    `  dct:title "Testkatalog"@sv ;`,
    `  dcat:dataset ${Array.from({ length: count }, (_, i) => `<${base}ds/${i}>`).join(", ")} .`,
  ];
  for (let i = 0; i < count; i++) {
    const title = options.untitled?.includes(i) ? "" : `  dct:title "${options.titlePrefix ?? "Datamängd"} ${i}"@sv ;\n`;
    lines.push(`<${base}ds/${i}> a dcat:Dataset ;\n${title}  dct:description "Beskrivning ${i}"@sv .`);
  }
  return `${lines.join("\n")}\n`;
}

async function datasetRow(uri: string) {
  return db
    .selectFrom("datasets")
    .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
    .select(["datasets.source_id", "datasets.removed_at", "datasets.title", "catalogue_sources.location"])
    .where("datasets.uri", "=", uri)
    .executeTakeFirstOrThrow();
}

describe("a dataset that fails to map this time", () => {
  it("is kept as it was, not removed as vanished, and the run lists its error", async () => {
    const location = path.join(scratch, "untitled.ttl");
    const base = "https://lifecycle.example/untitled/";
    writeFileSync(location, catalogue(base, 10));
    const sourceId = await getOrCreateCatalogueSource({ location });
    expect(await harvestCatalogueSource(sourceId)).toMatchObject({ status: "succeeded", added: 10 });

    writeFileSync(location, catalogue(base, 10, { untitled: [3] }));
    const second = await harvestCatalogueSource(sourceId);
    expect(second).toMatchObject({ status: "succeeded", removed: 0, unchanged: 9, failed: 1 });
    expect(second.errors).toEqual([
      { identity: `${base}ds/3`, message: expect.stringMatching(/title/), key: "harvest.failure.noTitle", params: {} },
    ]);
    const kept = await datasetRow(`${base}ds/3`);
    expect(kept.removed_at).toBeNull();
    expect(kept.title).toEqual({ sv: "Datamängd 3" });
    const run = await db
      .selectFrom("harvest_runs")
      .select(["failed", "errors", "removed"])
      .where("id", "=", second.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ failed: 1, removed: 0 });
    expect(JSON.stringify(run.errors)).toContain(`${base}ds/3`);

    // Once it maps again it is updated as usual; once it leaves the catalogue it is removed.
    writeFileSync(location, catalogue(base, 9, { titlePrefix: "Ny" }));
    const third = await harvestCatalogueSource(sourceId);
    expect(third).toMatchObject({ status: "succeeded", updated: 9, removed: 1, failed: 0 });
  });
});

/** Waits until some backend other than ours waits for a lock (a row or an advisory lock). */
async function untilSomeoneWaitsForALock() {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { rows } = await pool.query(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if (rows[0].waiting > 0) return;
    await sleep(25);
  }
  throw new Error("no backend ever waited for the lock");
}

describe("two sources harvesting the same dataset at the same time", () => {
  it("leave it with its first owner: the upsert itself refuses to move an active dataset", async () => {
    const base = "https://lifecycle.example/race/";
    const locationA = path.join(scratch, "race-a.ttl");
    const locationB = path.join(scratch, "race-b.ttl");
    writeFileSync(locationA, catalogue(base, 1));
    writeFileSync(locationB, catalogue(base, 3));
    const sourceA = await getOrCreateCatalogueSource({ location: locationA });
    const sourceB = await getOrCreateCatalogueSource({ location: locationB });

    // Source A's run has written ds/0 and not yet committed: B's ownership check cannot see it.
    const runA = await pool.connect();
    try {
      await runA.query("BEGIN");
      await runA.query(
        `INSERT INTO datasets (uri, source_id, title, description, keywords, distributions, content_hash)
         VALUES ($1, $2, '{"sv":"Källa A:s version"}', '{}', '{}', '[]', 'a')`,
        [`${base}ds/0`, sourceA],
      );
      const harvestB = harvestCatalogueSource(sourceB);
      await untilSomeoneWaitsForALock();
      await runA.query("COMMIT");
      const summary = await harvestB;
      expect(summary).toMatchObject({ status: "succeeded", added: 2 });
      expect(summary.warnings).toEqual([
        {
          identity: `${base}ds/0`,
          message: expect.stringMatching(/finns redan i källan/),
          // Kept as a key and its parameters too, so the admin reads it in their language (issue 8).
          key: "harvest.warning.ownedElsewhere",
          params: { source: expect.stringMatching(/race-a\.ttl$/) },
        },
      ]);
    } finally {
      runA.release();
    }
    const row = await datasetRow(`${base}ds/0`);
    expect(row).toMatchObject({ source_id: sourceA, removed_at: null, title: { sv: "Källa A:s version" } });
  });
});

describe("runs left running when the job queue starts", () => {
  it("are failed only when no live harvest holds their source's lock", async () => {
    const live = await getOrCreateCatalogueSource({ location: path.join(scratch, "live.ttl") });
    const dead = await getOrCreateCatalogueSource({ location: path.join(scratch, "dead.ttl") });
    const liveRun = await startHarvestRun(live);
    const deadRun = await startHarvestRun(dead);

    // A CLI harvest in another process: its transaction holds the source's advisory lock.
    const cli = await pool.connect();
    try {
      await cli.query("BEGIN");
      await cli.query("SELECT pg_advisory_xact_lock(hashtext($1))", [live]);
      expect(await failInterruptedHarvestRuns()).toBe(1);
      const runs = await db.selectFrom("harvest_runs").select(["id", "status", "error"]).where("id", "in", [liveRun, deadRun]).execute();
      expect(runs.find((r) => r.id === liveRun)).toMatchObject({ status: "running", error: null });
      expect(runs.find((r) => r.id === deadRun)).toMatchObject({ status: "failed", error: expect.stringMatching(/avbröts/) });
      await cli.query("COMMIT");
    } finally {
      cli.release();
    }
    // The check left no lock behind: a harvest of the dead run's source is not blocked.
    const probe = await pool.connect();
    try {
      const { rows } = await probe.query("SELECT pg_try_advisory_xact_lock(hashtext($1)) AS free", [dead]);
      expect(rows[0].free).toBe(true);
    } finally {
      probe.release();
    }
  });
});
