import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { prepareDatabase } from "../../db/prepare.server";
import { DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, seed } from "../../db/seed/index";
import { verifyPassword } from "../../app/auth/password.server";
import { seedDemoCatalogue } from "../../db/seed/catalogue";
import { seedDemoRequests } from "../../db/seed/requests";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays } from "../../app/utils/working-days";
import * as flagMigration from "../../db/migrations/2026-11-30T1700_catalogue-source-demo-flag";

/**
 * Issue 7: DEMO_DATA=off on a database given by DATABASE_URL (the test setup's real PostgreSQL)
 * must remove the demo catalogue as it does for the embedded one, also after the demo requests
 * have linked its datasets, and wherever the demo was first started from.
 */
const firstDataDir = path.resolve(".data", `demo-off-first-${process.pid}`);
const laterDataDir = path.resolve(".data", `demo-off-later-${process.pid}`);
mkdirSync(firstDataDir, { recursive: true });
afterAll(() => {
  rmSync(firstDataDir, { recursive: true, force: true });
  rmSync(laterDataDir, { recursive: true, force: true });
});

const demoDatasets = () =>
  db
    .selectFrom("datasets")
    .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
    .select("datasets.id")
    .where("catalogue_sources.location", "like", "%catalog-vg-public.rdf")
    .execute();

/**
 * Prepares the database as a real deployment starts: DEMO_DATA=off, run from another directory
 * than the demo was (a new release directory, a container); the environment is put back after.
 */
async function startWithDemoDataOff() {
  const saved = { DEMO_DATA: process.env.DEMO_DATA, DATA_DIR: process.env.DATA_DIR };
  process.env.DEMO_DATA = "off";
  process.env.DATA_DIR = laterDataDir;
  try {
    await prepareDatabase();
  } finally {
    process.env.DEMO_DATA = saved.DEMO_DATA;
    process.env.DATA_DIR = saved.DATA_DIR;
    if (saved.DEMO_DATA === undefined) delete process.env.DEMO_DATA;
    if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
  }
}

describe("DEMO_DATA=off on a DATABASE_URL database", () => {
  it("removes the demo catalogue, its datasets (linked by demo requests or not) and their index entries", async () => {
    // A fresh database started with demo data: sources registered, the main one harvested, the
    // demo requests seeded on top of it (they link its datasets), the index fed.
    await db.deleteFrom("organisations").execute();
    await seed(db, { demo: true, dataDir: firstDataDir });
    const main = await db
      .selectFrom("catalogue_sources")
      .select("id")
      .where("location", "like", "%catalog-vg-public.rdf")
      .executeTakeFirstOrThrow();
    expect(await harvestCatalogueSource(main.id)).toMatchObject({ status: "succeeded" });
    expect(await seedDemoRequests(db, { today: todayInSweden(), addWorkingDays })).toBeGreaterThan(0);
    expect((await demoDatasets()).length).toBeGreaterThan(100);
    const linked = await db.selectFrom("request_datasets").select("dataset_id").execute();
    expect(linked.length).toBeGreaterThan(0);
    const taskLinks = await db.selectFrom("task_datasets").select("id").where("dataset_id", "is not", null).execute();
    expect(taskLinks.length).toBeGreaterThan(0);
    await db.deleteFrom("search_outbox").execute();

    // Started again as a real deployment: DATABASE_URL given, DEMO_DATA=off, run from another
    // directory than the demo was (a new release directory, a container).
    await startWithDemoDataOff();

    expect(await db.selectFrom("catalogue_sources").select("location").execute()).toEqual([]);
    expect(await demoDatasets()).toEqual([]);
    expect(await db.selectFrom("datasets").select("id").execute()).toEqual([]);
    // The tasks' answers keep the addresses they linked, as pending links.
    const kept = await db.selectFrom("task_datasets").select(["dataset_id", "pending_uri"]).execute();
    expect(kept).toHaveLength(taskLinks.length);
    for (const link of kept) expect(link).toMatchObject({ dataset_id: null, pending_uri: expect.stringMatching(/^https:\/\//) });
    // The search index is told: one removal per dataset that was there.
    const queued = (await db.selectFrom("search_outbox").select("entity_id").where("entity_type", "=", "dataset").execute()).map(
      (row) => row.entity_id,
    );
    expect(queued.length).toBeGreaterThan(100);
    for (const { dataset_id } of linked) expect(queued).toContain(dataset_id);
    // The demo requests stay (the append-only ledger refers to them); the datasets they linked are gone.
    expect((await db.selectFrom("requests").select("id").execute()).length).toBeGreaterThan(0);
    expect(await db.selectFrom("request_datasets").select("dataset_id").execute()).toEqual([]);
    // No demo account can be used: removed, or (named in the ledger) left without roles or password.
    const demoUsers = await db
      .selectFrom("users")
      .select(["id", "password_hash"])
      .where("email", "like", `%@${DEMO_EMAIL_DOMAIN}`)
      .execute();
    for (const user of demoUsers) expect(await verifyPassword(user.password_hash, DEMO_PASSWORD)).toBe(false);
    expect(
      await db
        .selectFrom("memberships")
        .select("id")
        .where("user_id", "in", [...demoUsers.map((u) => u.id), "00000000-0000-4000-8000-000000000000"])
        .execute(),
    ).toEqual([]);
  }, 120_000);
});

describe("which sources are demo sources", () => {
  it("keeps a real source whose file happens to be called demo-catalogue.rdf, with its datasets", async () => {
    const realFile = path.join(firstDataDir, "kommun", "demo-catalogue.rdf");
    mkdirSync(path.dirname(realFile), { recursive: true });
    copyFileSync(path.resolve("test/fixtures/catalogs/it_comune-foggia_dcat-ap-it.rdf"), realFile);
    const real = await db
      .insertInto("catalogue_sources")
      .values({ name: "Lerums kommuns katalog", kind: "dcat", location: realFile, schedule: "manual" })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(await harvestCatalogueSource(real.id)).toMatchObject({ status: "succeeded" });
    const datasets = await db.selectFrom("datasets").select("id").where("source_id", "=", real.id).execute();
    expect(datasets.length).toBeGreaterThan(0);

    await startWithDemoDataOff();

    expect(await db.selectFrom("catalogue_sources").select("id").where("id", "=", real.id).execute()).toEqual([{ id: real.id }]);
    expect(await db.selectFrom("datasets").select("id").where("source_id", "=", real.id).execute()).toEqual(datasets);
    await db.deleteFrom("catalogue_sources").where("id", "=", real.id).execute();
  }, 60_000);

  it("the demo seed marks its sources, and a database seeded before the mark has its demo sources recognised once", async () => {
    await seedDemoCatalogue(db, { dataDir: firstDataDir });
    const seeded = await db.selectFrom("catalogue_sources").select(["location", "is_demo"]).execute();
    expect(seeded.length).toBe(5);
    expect(seeded.every((source) => source.is_demo)).toBe(true);

    // The same sources as an older release wrote them (no mark), beside real ones with look-alike names.
    const realGenerated = path.join(firstDataDir, "kommun", "demo-catalogue.rdf");
    await db
      .insertInto("catalogue_sources")
      .values([
        { name: "Lerums kommuns katalog", kind: "dcat", location: realGenerated, schedule: "manual" },
        {
          name: "Webbkatalog",
          kind: "dcat",
          location: "https://kommun.example/seed/data/catalogs/catalog-vg-public.rdf",
          schedule: "manual",
        },
      ])
      .execute();
    await flagMigration.down(db);
    await flagMigration.up(db);
    const flags = Object.fromEntries(
      (await db.selectFrom("catalogue_sources").select(["location", "is_demo"]).execute()).map((s) => [s.location, s.is_demo]),
    );
    for (const source of seeded) expect(flags[source.location], source.location).toBe(true);
    expect(flags[realGenerated]).toBe(false);
    expect(flags["https://kommun.example/seed/data/catalogs/catalog-vg-public.rdf"]).toBe(false);

    await startWithDemoDataOff();
    expect((await db.selectFrom("catalogue_sources").select("location").execute()).map((s) => s.location).sort()).toEqual(
      [realGenerated, "https://kommun.example/seed/data/catalogs/catalog-vg-public.rdf"].sort(),
    );
    await db.deleteFrom("catalogue_sources").execute();
  }, 60_000);
});
