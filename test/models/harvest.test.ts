import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import PgBoss from "pg-boss";
import { HARVEST_QUEUE, setHarvestQueue } from "../../app/jobs/harvest-queue.server";
import { catalogFixture } from "../support/catalogs";

// The fixture catalogue server listens on loopback; the operator's allow-list lets it through (ADR 009).
process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";

const scratch = path.resolve(".data", `harvest-test-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function harvest(location: string, options: { publisherOrganisationId?: string; timeoutMs?: number } = {}) {
  const sourceId = await getOrCreateCatalogueSource({ location, publisherOrganisationId: options.publisherOrganisationId });
  return harvestCatalogueSource(sourceId, { timeoutMs: options.timeoutMs });
}

async function activeDatasetCount(sourceLocation: string) {
  const rows = await db
    .selectFrom("datasets")
    .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
    .select("datasets.id")
    .where("catalogue_sources.location", "=", sourceLocation)
    .where("datasets.removed_at", "is", null)
    .execute();
  return rows.length;
}

async function outboxSize() {
  return (await db.selectFrom("search_outbox").select("id").execute()).length;
}

describe("harvesting every fixture catalogue", () => {
  // Dataset counts from test/fixtures/catalogs/SOURCES.md and eval-README.md.
  const expected: [string, number][] = [
    ["no_data-norge_2019_dcat-ap-no.jsonld", 641],
    ["se_opennorth_umea_entryscape_2015.rdf", 16],
    ["se_opennorth_umea_handmade_2015.rdf", 1],
    ["se_fornpunkt_dcat3.ttl", 5],
    ["se_digg_dcat-ap-se_exempel_rekommenderat.ttl", 1],
    ["se_digg_dcat-ap-se_exempel_obligatoriskt.ttl", 1],
    ["it_comune-foggia_dcat-ap-it.rdf", 7],
    ["catalog-vg-public.rdf", 351],
  ];
  for (const [file, count] of expected) {
    it(`${file} → ${count} datasets`, async () => {
      const summary = await harvest(catalogFixture(file));
      expect(summary).toMatchObject({ status: "succeeded", error: null });
      if (file === "se_digg_dcat-ap-se_exempel_obligatoriskt.ttl") {
        // The DIGG examples share one dataset URI: the first source keeps it (issue 7, point 7).
        expect(summary).toMatchObject({ added: 0, updated: 0 });
        expect(summary.warnings).toHaveLength(count);
        return;
      }
      expect(summary.added + summary.updated).toBe(count);
      expect(await activeDatasetCount(catalogFixture(file))).toBe(count);
    });
  }
});

describe("a harvest of the Västra Götaland catalogue", () => {
  const file = catalogFixture("catalog-vg-public.rdf");
  let outboxBefore = 0;

  beforeAll(async () => {
    outboxBefore = await outboxSize();
  });

  it("links datasets to our municipalities and queues them for the search index", async () => {
    const first = await harvest(file);
    const borasDatasets = await db
      .selectFrom("datasets")
      .innerJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
      .select(["organisations.kommunkod", "organisations.type"])
      .where("organisations.kommunkod", "=", "1490")
      .execute();
    expect(borasDatasets.length).toBeGreaterThan(0);
    // All 20 publishers ("Borås stad", "Mölndals stad", "Skövde kommun" …) are our municipalities.
    const publishers = await db
      .selectFrom("datasets")
      .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
      .innerJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
      .select(["organisations.type"])
      .distinct()
      .select("organisations.id")
      .where("catalogue_sources.location", "=", file)
      .execute();
    expect(publishers).toHaveLength(20);
    expect(publishers.every((p) => p.type === "municipality")).toBe(true);
    expect((await outboxSize()) - outboxBefore).toBe(first.added);
  });

  it("changes nothing on a second harvest of the same file", async () => {
    const before = await outboxSize();
    const again = await harvest(file);
    expect(again).toMatchObject({ status: "succeeded", added: 0, updated: 0, removed: 0, unchanged: 351 });
    expect(await outboxSize()).toBe(before);
  });

  it("updates what changed and marks vanished datasets removed without deleting them", async () => {
    const original = readFileSync(file, "utf8");
    const changedFile = path.join(scratch, "vg-changed.rdf");
    const source = await db.selectFrom("catalogue_sources").select("id").where("location", "=", file).executeTakeFirstOrThrow();
    // Harvest the changed copy as the same source: point the source at it.
    await db.updateTable("catalogue_sources").set({ location: changedFile }).where("id", "=", source.id).execute();
    const firstTitle = /<dcterms:title xml:lang="sv">([^<]+)<\/dcterms:title>/.exec(original.slice(original.indexOf("<dcat:Dataset")))![1];
    const withoutLastDataset = original.replace(
      /<dcat:Dataset rdf:about="[^"]+">(?:(?!<\/dcat:Dataset>)[\s\S])*<\/dcat:Dataset>\s*(?=<\/rdf:RDF>|<foaf|<dcat:Distribution|<vcard)/,
      "",
    );
    const changed = withoutLastDataset.replace(`>${firstTitle}<`, `>${firstTitle} (uppdaterad)<`);
    writeFileSync(changedFile, changed);
    const before = await outboxSize();
    const summary = await harvestCatalogueSource(source.id);
    expect(summary.status).toBe("succeeded");
    expect(summary.updated).toBe(1);
    expect(summary.added).toBe(0);
    expect(summary.removed).toBeGreaterThanOrEqual(1);
    expect((await outboxSize()) - before).toBe(summary.updated + summary.removed);
    const removed = await db
      .selectFrom("datasets")
      .select("uri")
      .where("source_id", "=", source.id)
      .where("removed_at", "is not", null)
      .execute();
    expect(removed).toHaveLength(summary.removed);
    await db.updateTable("catalogue_sources").set({ location: file }).where("id", "=", source.id).execute();
  });
});

describe("bad catalogues", () => {
  it("fails a malformed file with the parser's position and keeps the earlier data", async () => {
    const location = path.join(scratch, "broken.rdf");
    // A dataset URI of its own: the DIGG example's belongs to the source that harvested it first.
    writeFileSync(
      location,
      readFileSync(catalogFixture("se_digg_dcat-ap-se_exempel_rekommenderat.rdf"), "utf8").replaceAll(
        "example.com/dataset1",
        "example.com/broken-dataset1",
      ),
    );
    expect((await harvest(location)).status).toBe("succeeded");
    writeFileSync(
      location,
      '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description>\n</rdf:RDF>',
    );
    const summary = await harvest(location);
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/RDF\/XML.*rad \d+/);
    expect(await activeDatasetCount(location)).toBe(1);
    const run = await db
      .selectFrom("harvest_runs")
      .select(["status", "error", "finished_at"])
      .where("id", "=", summary.runId)
      .executeTakeFirstOrThrow();
    expect(run.status).toBe("failed");
    expect(run.finished_at).not.toBeNull();
  });

  it("fails an empty catalogue instead of removing everything", async () => {
    const location = path.join(scratch, "empty.ttl");
    writeFileSync(location, "");
    const summary = await harvest(location);
    expect(summary).toMatchObject({ status: "failed", removed: 0 });
    expect(summary.error).toMatch(/inga datamängder/);
  });

  it("fails 50 MB of something that is not RDF quickly, with the parser's position", async () => {
    const location = path.join(scratch, "junk.rdf");
    writeFileSync(
      location,
      `<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n${"<<junk & more junk>>\n".repeat(2_500_000)}`,
    );
    const started = Date.now();
    const summary = await harvest(location);
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/RDF\/XML.*rad 3/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("fails a missing file and a file over the size limit with a clear message", async () => {
    expect((await harvest(path.join(scratch, "finns-inte.rdf"))).error).toMatch(/finns inte/);
    const location = path.join(scratch, "big.ttl");
    writeFileSync(location, "# padding\n".repeat(2000));
    const sourceId = await getOrCreateCatalogueSource({ location });
    const summary = await harvestCatalogueSource(sourceId, { maxBytes: 1000 });
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/större än gränsen/);
  });

  describe("over HTTP", () => {
    let server: Server;
    let base = "";
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === "/error") {
          res.statusCode = 500;
          res.end("Internal Server Error");
        } else if (req.url === "/slow") {
          res.writeHead(200, { "Content-Type": "application/rdf+xml" });
          res.write('<?xml version="1.0"?>'); // …and never finishes.
        } else if (req.url === "/catalogue") {
          res.writeHead(200, { "Content-Type": "text/turtle; charset=utf-8" });
          // A catalogue IRI of its own: the file source harvested above keeps the file's datasets.
          res.end(
            readFileSync(catalogFixture("se_fornpunkt_dcat3.ttl"), "utf8").replace(
              "<https://fornpunkt.se/datasets#>",
              "<https://fornpunkt.se/over-http#>",
            ),
          );
        } else {
          res.statusCode = 404;
          res.end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const address = server.address();
      base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    });
    afterAll(() => {
      server.closeAllConnections();
      server.close();
    });

    it("harvests a catalogue from a URL, with stable identities for blank-node datasets", async () => {
      const first = await harvest(`${base}/catalogue`);
      expect(first.status).toBe("succeeded");
      expect(first.added + first.updated).toBe(5);
      const second = await harvest(`${base}/catalogue`);
      expect(second).toMatchObject({ status: "succeeded", added: 0, unchanged: 5 });
    });

    it("fails a URL that answers 500", async () => {
      const summary = await harvest(`${base}/error`);
      expect(summary).toMatchObject({ status: "failed" });
      expect(summary.error).toMatch(/HTTP 500/);
    });

    it("fails a URL that stops answering, within the timeout", async () => {
      const started = Date.now();
      const summary = await harvest(`${base}/slow`, { timeoutMs: 500 });
      expect(summary.status).toBe("failed");
      expect(summary.error).toMatch(/svarade inte/);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  });
});

describe("publishers", () => {
  it("creates an unknown publisher as an unconfirmed organisation, and uses --publisher for datasets without one", async () => {
    const summary = await harvest(catalogFixture("se_opennorth_umea_entryscape_2015.rdf"));
    expect(summary.status).toBe("succeeded");
    const umea = await db.selectFrom("organisations").select(["type", "confirmed", "name"]).where("name", "ilike", "%ume%").execute();
    expect(umea.length).toBeGreaterThan(0);
    expect(umea[0]).toMatchObject({ type: "other", confirmed: false });

    const boras = await db.selectFrom("organisations").select("id").where("kommunkod", "=", "1490").executeTakeFirstOrThrow();
    const handmade = path.join(scratch, "no-publisher.ttl");
    writeFileSync(
      handmade,
      `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
       <https://data.boras.se/dataset/cykelparkeringar> a dcat:Dataset ; dct:title "Cykelparkeringar"@sv .`,
    );
    await harvest(handmade, { publisherOrganisationId: boras.id });
    const [dataset] = await db
      .selectFrom("datasets")
      .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
      .select("datasets.publisher_organisation_id")
      .where("catalogue_sources.location", "=", handmade)
      .execute();
    expect(dataset.publisher_organisation_id).toBe(boras.id);
  });
});

describe("a CKAN source", () => {
  it("harvests every page of package_search and links the publishers to our municipalities", async () => {
    const packages = JSON.parse(readFileSync("test/fixtures/ckan/packages.json", "utf8")) as unknown[];
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const start = Number(url.searchParams.get("start"));
      const rows = Number(url.searchParams.get("rows"));
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ success: true, result: { count: packages.length, results: packages.slice(start, start + rows) } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const location = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/`;
    try {
      const sourceId = await getOrCreateCatalogueSource({ location, kind: "ckan" });
      const summary = await harvestCatalogueSource(sourceId);
      expect(summary).toMatchObject({ status: "succeeded", added: 3, failed: 2 });
      const publishers = await db
        .selectFrom("datasets")
        .innerJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
        .select("organisations.kommunkod")
        .where("datasets.source_id", "=", sourceId)
        .execute();
      expect(publishers.map((p) => p.kommunkod).sort()).toEqual(["1487", "1488", "1488"]);
    } finally {
      server.close();
    }
  });
});

describe("the demo catalogue", () => {
  it("gives every municipality it names a few datasets, all linked to that municipality", async () => {
    const { generateDemoCatalogueRdfXml } = await import("../../db/seed/demo-catalogue");
    const names = ["Ale", "Bengtsfors", "Dals-Ed", "Göteborg", "Lilla Edet", "Öckerö"];
    const location = path.join(scratch, "demo.rdf");
    writeFileSync(location, generateDemoCatalogueRdfXml(names));
    const summary = await harvest(location);
    expect(summary.status).toBe("succeeded");
    const perPublisher = await db
      .selectFrom("datasets")
      .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
      .innerJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
      .select(["organisations.name", "organisations.type", (eb) => eb.fn.countAll<number>().as("count")])
      .where("catalogue_sources.location", "=", location)
      .groupBy(["organisations.name", "organisations.type"])
      .execute();
    expect(perPublisher.map((p) => p.name).sort()).toEqual([...names].sort());
    expect(perPublisher.every((p) => p.type === "municipality" && p.count >= 3)).toBe(true);
  });
});

describe("the nightly schedule", () => {
  // A real job queue that takes jobs but runs none: adding a source queues its first harvest in
  // the same transaction, and this test is about which sources are due, not about harvesting them.
  let queue: PgBoss;
  beforeAll(async () => {
    queue = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", max: 2 });
    await queue.start();
    await queue.createQueue(HARVEST_QUEUE, { name: HARVEST_QUEUE });
    setHarvestQueue(queue);
  });
  afterAll(async () => {
    setHarvestQueue(null);
    await queue.stop({ graceful: false, wait: true });
  });

  it("queues the sources on the daily schedule, and on a fresh start those never harvested", async () => {
    const { createCatalogueSource, listSourcesDueForHarvest } = await import("../../app/models/catalogue-source.server");
    const actor = await db
      .insertInto("users")
      .values({ email: "sched@example.se", name: "S", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Literal public addresses: a name would need DNS, which the test machine does not have.
    const daily = await createCatalogueSource({
      actorUserId: actor.id,
      name: "Natt",
      location: "https://93.184.215.14/natt.rdf",
      kind: "dcat",
      schedule: "daily",
      publisherOrganisationId: null,
    });
    const manual = await createCatalogueSource({
      actorUserId: actor.id,
      name: "Manuell",
      location: "https://93.184.215.14/manuell.rdf",
      kind: "dcat",
      schedule: "manual",
      publisherOrganisationId: null,
    });
    const nightly = (await listSourcesDueForHarvest({ schedule: "daily" })).map((s) => s.id);
    expect(nightly).toContain(daily.id);
    expect(nightly).not.toContain(manual.id);
    const fresh = (await listSourcesDueForHarvest({ neverHarvested: true })).map((s) => s.id);
    expect(fresh).toEqual(expect.arrayContaining([daily.id, manual.id]));
    const queued = await queue.fetch<{ sourceId: string }>(HARVEST_QUEUE, { batchSize: 10 });
    expect(queued.map((job) => job.data.sourceId).sort()).toEqual([daily.id, manual.id].sort());
  });
});
