import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { catalogueMaxBytes, DEFAULT_MAX_BYTES } from "../../app/catalogue/open-source.server";
import { fixtureFile } from "../support/catalogs";

/** The broken and foreign files of issue 7, harvested for real as file sources. */
const scratch = path.resolve(".data", `harvest-files-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const fixture = (name: string) => readFileSync(fixtureFile(name));

async function harvestFile(name: string, content: Buffer | string) {
  const location = path.join(scratch, name);
  writeFileSync(location, content);
  const sourceId = await getOrCreateCatalogueSource({ location });
  return { sourceId, location, summary: await harvestCatalogueSource(sourceId) };
}

async function activeCount(sourceId: string) {
  return (await db.selectFrom("datasets").select("id").where("source_id", "=", sourceId).where("removed_at", "is", null).execute()).length;
}

async function runRow(runId: string) {
  return db
    .selectFrom("harvest_runs")
    .select(["status", "error", "finished_at", "removed", "warnings"])
    .where("id", "=", runId)
    .executeTakeFirstOrThrow();
}

describe("a cut-off catalogue", () => {
  it("fails the run and keeps every dataset (RDF/XML cut at byte 300,000)", async () => {
    const vg = fixture("catalogs/catalog-vg-public.rdf");
    const { sourceId, summary: good } = await harvestFile("vg.rdf", vg);
    expect(good.status).toBe("succeeded");

    const { summary } = await harvestFile("vg.rdf", vg.subarray(0, 300_000));
    expect(summary).toMatchObject({ status: "failed", removed: 0 });
    expect(summary.error).toMatch(/tar slut innan det är komplett.*avkapad/);
    expect(await activeCount(sourceId)).toBe(351);
    expect((await runRow(summary.runId)).status).toBe("failed");
  });
});

describe("files of NUL bytes", () => {
  it.each(["nul.ttl", "nul.jsonld"])("%s fails with a clear message, finishes its run, and writes nothing", async (name) => {
    const { sourceId, location, summary } = await harvestFile(name, Buffer.alloc(1_000));
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/NUL-tecken/);
    const run = await runRow(summary.runId);
    expect(run.finished_at).not.toBeNull();
    expect(run.error).not.toContain("\u0000");
    // Nothing half-written: the first good harvest of the source adds, not updates.
    writeFileSync(location, fixture(name.endsWith(".ttl") ? "catalogs/se_fornpunkt_dcat3.ttl" : "hardening/arcgis-hub-data.json"));
    const next = await harvestCatalogueSource(sourceId);
    expect(next).toMatchObject({ status: "succeeded", updated: 0 });
    // The ArcGIS Hub data.json (DCAT-US 1.1) gives its three datasets, the FornPunkt Turtle five.
    expect(next.added).toBe(name.endsWith(".ttl") ? 5 : 3);
  });
});

describe("size limits", () => {
  it("refuses an entity-expansion file fast", async () => {
    const started = Date.now();
    const { summary } = await harvestFile("laughs.rdf", fixture("hardening/billion-laughs.rdf"));
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/ENTITY/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("keeps a dataset with a 20 MB description, cut, and says so in the run", async () => {
    const huge = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/">
<dcat:Dataset rdf:about="https://example.se/huge"><dct:title xml:lang="sv">Stor</dct:title>
<dct:description xml:lang="sv">${"Ord ".repeat(5_000_000)}</dct:description></dcat:Dataset></rdf:RDF>`;
    const { summary } = await harvestFile("huge.rdf", huge);
    expect(summary).toMatchObject({ status: "succeeded", added: 1, failed: 0 });
    const row = await db
      .selectFrom("datasets")
      .select("description")
      .where("uri", "=", "https://example.se/huge")
      .executeTakeFirstOrThrow();
    expect(row.description.sv.length).toBeLessThanOrEqual(20_000);
    expect(summary.warnings).toContainEqual({
      identity: "https://example.se/huge",
      message: expect.stringMatching(/20 000 tecken/),
      key: "harvest.warning.descriptionCut",
      params: { limit: "20 000", limitEn: "20,000" },
    });
  });
});

describe("the catalogue file-size cap", () => {
  it("is read from CATALOGUE_MAX_MB, 256 MB by default, and a bad value is named", () => {
    expect(catalogueMaxBytes({})).toBe(DEFAULT_MAX_BYTES);
    expect(DEFAULT_MAX_BYTES).toBe(256 * 1024 * 1024);
    expect(catalogueMaxBytes({ CATALOGUE_MAX_MB: "1.5" })).toBe(1_572_864);
    expect(() => catalogueMaxBytes({ CATALOGUE_MAX_MB: "lots" })).toThrow(/CATALOGUE_MAX_MB/);
  });

  it("fails a harvest of a larger file and keeps what was there", async () => {
    const digg = fixture("catalogs/se_digg_dcat-ap-se_exempel_rekommenderat.ttl");
    const { sourceId, location, summary: good } = await harvestFile("capped.ttl", digg);
    expect(good.status).toBe("succeeded");
    process.env.CATALOGUE_MAX_MB = "0.002";
    try {
      writeFileSync(location, digg);
      const summary = await harvestCatalogueSource(sourceId);
      expect(summary).toMatchObject({ status: "failed", removed: 0 });
      expect(summary.error).toBe("Katalogen är större än gränsen på 2 kB och skördades inte.");
      expect(await activeCount(sourceId)).toBe(1);
    } finally {
      delete process.env.CATALOGUE_MAX_MB;
    }
  });
});

describe("real-world shapes", () => {
  it("keeps every dataset of a catalogue with an IRI containing a space, with a warning in the run", async () => {
    const { sourceId, summary } = await harvestFile("geonetwork.rdf", fixture("hardening/geonetwork-iri-with-space.rdf"));
    expect(summary).toMatchObject({ status: "succeeded", added: 2 });
    expect(await activeCount(sourceId)).toBe(2);
    const run = await runRow(summary.runId);
    expect(run.warnings).toContainEqual({
      identity: expect.any(String),
      message: expect.stringMatching(/2 uppgifter med ogiltig IRI/),
      key: "harvest.warning.invalidIri.other",
      params: { count: 2, examples: expect.any(String) },
    });
  });

  it("stores the untagged text's language, a licence written as text, and a readable name for a nameless publisher", async () => {
    const { summary } = await harvestFile("french.rdf", fixture("hardening/untagged-french-catalogue.rdf"));
    expect(summary.status).toBe("succeeded");
    const water = await db
      .selectFrom("datasets")
      .leftJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
      .select(["datasets.untagged_language", "datasets.licence", "organisations.name", "organisations.confirmed"])
      .where("datasets.uri", "=", "https://donnees.exemple-commune.fr/jeux/qualite-eau")
      .executeTakeFirstOrThrow();
    expect(water).toEqual({
      untagged_language: "fr",
      licence: "Licence ouverte",
      name: "service-environnement (donnees.exemple-commune.fr)",
      confirmed: false,
    });
  });
});
