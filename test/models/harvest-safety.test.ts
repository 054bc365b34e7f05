import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource, updateRemovalThreshold } from "../../app/models/catalogue-source.server";
import {
  confirmHeldHarvestRun,
  discardHeldHarvestRun,
  harvestCatalogueSource,
  HarvestRunNotHeldError,
  listPendingRemovals,
} from "../../app/models/harvest.server";
import { createTestUser } from "../factories/user";
import { catalogFixture, keepFirstDatasets } from "../support/catalogs";

/** Issue 7: held big removals, every failure ends its run, one owner per dataset IRI. */
const scratch = path.resolve(".data", `harvest-safety-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function harvest(location: string) {
  return harvestCatalogueSource(await getOrCreateCatalogueSource({ location }));
}

async function activeCount(sourceId: string) {
  const row = await db
    .selectFrom("datasets")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("source_id", "=", sourceId)
    .where("removed_at", "is", null)
    .executeTakeFirstOrThrow();
  return row.count;
}

async function runRow(runId: string) {
  return db
    .selectFrom("harvest_runs")
    .select(["status", "error", "finished_at", "removed", "pending_removals", "warnings"])
    .where("id", "=", runId)
    .executeTakeFirstOrThrow();
}

async function outboxSize() {
  return (await db.selectFrom("search_outbox").select("id").execute()).length;
}

/** The VG catalogue with only its first `keep` datasets, still well-formed: what a cut-off export that parses looks like. */
function firstDatasetsOnly(keep: number) {
  const original = readFileSync(catalogFixture("catalog-vg-public.rdf"), "utf8");
  return keepFirstDatasets(original, keep);
}

describe("a run that would remove more than the source's share of its datasets", () => {
  const location = path.join(scratch, "vg.rdf");

  it("is held: removes nothing, lists what it would remove, and a coordinator confirms it", async () => {
    copyFileSync(catalogFixture("catalog-vg-public.rdf"), location);
    const first = await harvest(location);
    expect(first).toMatchObject({ status: "succeeded", added: 351 });

    writeFileSync(location, firstDatasetsOnly(100));
    const held = await harvest(location);
    expect(held).toMatchObject({ status: "held", removed: 0, pendingRemovals: 251, unchanged: 100 });
    expect(await activeCount(held.sourceId)).toBe(351);
    expect(await runRow(held.runId)).toMatchObject({ status: "held", removed: 0, pending_removals: 251 });
    const pending = await listPendingRemovals({ runId: held.runId, limit: 1000 });
    expect(pending).toHaveLength(251);
    expect(pending[0]).toEqual({ id: expect.any(String), uri: expect.any(String), title: expect.any(Object) });

    const coordinator = await createTestUser({ role: "coordinator" });
    const outboxBefore = await outboxSize();
    const confirmed = await confirmHeldHarvestRun({ actorUserId: coordinator.id, sourceId: held.sourceId, runId: held.runId });
    expect(confirmed).toEqual({ removed: 251 });
    expect(await activeCount(held.sourceId)).toBe(100);
    expect((await outboxSize()) - outboxBefore).toBe(251);
    expect(await runRow(held.runId)).toMatchObject({ status: "succeeded", removed: 251, pending_removals: 0 });
    const events = await db.selectFrom("events").select(["action", "actor_user_id"]).where("entity_id", "=", held.runId).execute();
    expect(events).toEqual([{ action: "confirm_removals", actor_user_id: coordinator.id }]);
    // A run can be confirmed once.
    await expect(confirmHeldHarvestRun({ actorUserId: coordinator.id, sourceId: held.sourceId, runId: held.runId })).rejects.toBeInstanceOf(
      HarvestRunNotHeldError,
    );
  });

  it("is discarded without removing anything; a later run supersedes a held one", async () => {
    const discardLocation = path.join(scratch, "vg-discard.rdf");
    writeFileSync(
      discardLocation,
      readFileSync(catalogFixture("catalog-vg-public.rdf"), "utf8").replaceAll('rdf:about="https://', 'rdf:about="https://discard.'),
    );
    const first = await harvest(discardLocation);
    expect(first.status).toBe("succeeded");
    const full = readFileSync(discardLocation, "utf8");
    writeFileSync(discardLocation, full.slice(0, full.indexOf("<dcat:Dataset")) + "</rdf:RDF>\n");
    const emptied = await harvest(discardLocation);
    // No dataset left at all is still a failure, not a hold.
    expect(emptied.status).toBe("failed");

    writeFileSync(discardLocation, keepFirstDatasets(full, 10));
    const held = await harvest(discardLocation);
    expect(held.status).toBe("held");
    const again = await harvest(discardLocation);
    expect(again.status).toBe("held");
    expect(await runRow(held.runId)).toMatchObject({ status: "discarded" });

    const coordinator = await createTestUser({ role: "coordinator" });
    await expect(confirmHeldHarvestRun({ actorUserId: coordinator.id, sourceId: held.sourceId, runId: held.runId })).rejects.toBeInstanceOf(
      HarvestRunNotHeldError,
    );
    await discardHeldHarvestRun({ actorUserId: coordinator.id, sourceId: again.sourceId, runId: again.runId });
    expect(await runRow(again.runId)).toMatchObject({ status: "discarded", removed: 0 });
    expect(await activeCount(held.sourceId)).toBe(351);
  });

  it("follows the share a coordinator set for the source", async () => {
    const thresholdLocation = path.join(scratch, "vg-threshold.rdf");
    writeFileSync(
      thresholdLocation,
      readFileSync(catalogFixture("catalog-vg-public.rdf"), "utf8").replaceAll('rdf:about="https://', 'rdf:about="https://threshold.'),
    );
    const first = await harvest(thresholdLocation);
    const coordinator = await createTestUser({ role: "coordinator" });
    await updateRemovalThreshold({ actorUserId: coordinator.id, sourceId: first.sourceId, percent: 80 });
    const full = readFileSync(thresholdLocation, "utf8");
    writeFileSync(thresholdLocation, keepFirstDatasets(full, 100));
    const run = await harvest(thresholdLocation);
    expect(run).toMatchObject({ status: "succeeded", removed: 251 });
    const events = await db.selectFrom("events").select(["action", "to_state"]).where("entity_id", "=", first.sourceId).execute();
    expect(events).toContainEqual({ action: "change_removal_threshold", to_state: "80" });
  });
});

describe("every failure ends its run", () => {
  for (const extension of ["ttl", "jsonld"]) {
    it(`1,000 NUL bytes named .${extension}: the run fails with a clear message, and the next good run adds`, async () => {
      const location = path.join(scratch, `nul.${extension}`);
      writeFileSync(location, Buffer.alloc(1000));
      const failed = await harvest(location);
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(/^[A-ZÅÄÖ]/);
      expect(failed.error).not.toMatch(/\0|invalid byte sequence|unsupported Unicode/);
      const row = await runRow(failed.runId);
      expect(row.status).toBe("failed");
      expect(row.finished_at).not.toBeNull();

      const good =
        extension === "ttl"
          ? readFileSync(catalogFixture("se_fornpunkt_dcat3.ttl"), "utf8").replaceAll("fornpunkt", "fornpunkt-nul")
          : JSON.stringify({
              "@context": { dcat: "http://www.w3.org/ns/dcat#", dct: "http://purl.org/dc/terms/" },
              "@graph": [1, 2, 3].map((n) => ({
                "@id": `https://nul.example.se/dataset/${n}`,
                "@type": "dcat:Dataset",
                "dct:title": { "@value": `Datamängd ${n}`, "@language": "sv" },
              })),
            });
      writeFileSync(location, good);
      const next = await harvest(location);
      expect(next).toMatchObject({ status: "succeeded", updated: 0, added: extension === "ttl" ? 5 : 3 });
    });
  }

  it("a database error half-way rolls back everything the run wrote, and says so in Swedish", async () => {
    // A real PostgreSQL error in the middle of the writes (as NUL text or a full disk would give).
    await sql`CREATE FUNCTION refuse_boom() RETURNS trigger AS $$
      BEGIN IF NEW.uri LIKE '%boom%' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(db);
    await sql`CREATE TRIGGER refuse_boom BEFORE INSERT OR UPDATE ON datasets FOR EACH ROW EXECUTE FUNCTION refuse_boom()`.execute(db);
    try {
      const location = path.join(scratch, "boom.ttl");
      const datasets = Array.from(
        { length: 1200 },
        (_, i) =>
          `<https://boom-org.example.se/dataset/${i === 1100 ? "boom" : i}> a dcat:Dataset ; dct:title "Datamängd ${i}"@sv ; dct:publisher <https://boom-org.example.se/org> .`,
      ).join("\n");
      writeFileSync(
        location,
        `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
         <https://boom-org.example.se/org> foaf:name "Bommens kommun"@sv .\n${datasets}`,
      );
      const failed = await harvest(location);
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatch(/databas/i);
      expect(failed.error).not.toMatch(/boom refused/);
      expect(await activeCount(failed.sourceId)).toBe(0);
      // The publisher the run created went with it.
      expect(await db.selectFrom("organisations").select("id").where("uri", "=", "https://boom-org.example.se/org").execute()).toEqual([]);
      expect((await runRow(failed.runId)).status).toBe("failed");
    } finally {
      await sql`DROP TRIGGER refuse_boom ON datasets`.execute(db);
      await sql`DROP FUNCTION refuse_boom()`.execute(db);
    }
  });
});

describe("two sources listing the same dataset IRI", () => {
  it("the first keeps its datasets; the second reports conflicts naming the owner, and updates nothing", async () => {
    const first = path.join(scratch, "kommun.ttl");
    const second = path.join(scratch, "regional-portal.ttl");
    copyFileSync(catalogFixture("se_fornpunkt_dcat3.ttl"), first);
    copyFileSync(catalogFixture("se_fornpunkt_dcat3.ttl"), second);
    const firstSource = await getOrCreateCatalogueSource({ location: first, name: "Kommunens katalog" });
    const secondSource = await getOrCreateCatalogueSource({ location: second, name: "Regionala portalen" });

    expect(await harvestCatalogueSource(firstSource)).toMatchObject({ status: "succeeded", added: 5 });
    for (let round = 0; round < 2; round++) {
      const own = await harvestCatalogueSource(firstSource);
      expect(own).toMatchObject({ status: "succeeded", added: 0, updated: 0, unchanged: 5, removed: 0 });
      const other = await harvestCatalogueSource(secondSource);
      expect(other).toMatchObject({ status: "succeeded", added: 0, updated: 0, removed: 0 });
      expect(other.warnings).toHaveLength(5);
      expect(other.warnings[0].message).toMatch(/Kommunens katalog/);
      expect((await runRow(other.runId)).warnings).toHaveLength(5);
    }
    expect(await activeCount(firstSource)).toBe(5);
    expect(await activeCount(secondSource)).toBe(0);
  });
});
