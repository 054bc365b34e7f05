import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import * as sourcePage from "../../app/routes/admin.sources.$sourceId";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";
import { catalogFixture, keepFirstDatasets } from "../support/catalogs";

const scratch = path.resolve(".data", `admin-held-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A source whose latest run is held: all 351 VG datasets, then a well-formed file with 10 of them. */
async function heldSource() {
  const location = path.join(scratch, `vg-${Math.random().toString(36).slice(2)}.rdf`);
  // Dataset IRIs of this source's own: one owner per IRI, so sources of other tests must not hold them.
  const own = Math.random().toString(36).slice(2);
  const original = readFileSync(catalogFixture("catalog-vg-public.rdf"), "utf8").replace(
    /rdf:about="https:\/\/data\.([a-z]+)\.se\/dataset\//g,
    `rdf:about="https://data.$1.se/dataset/${own}-`,
  );
  writeFileSync(location, original);
  const sourceId = await getOrCreateCatalogueSource({ location, name: "VG" });
  await harvestCatalogueSource(sourceId);
  writeFileSync(location, keepFirstDatasets(original, 10));
  const held = await harvestCatalogueSource(sourceId);
  expect(held.status).toBe("held");
  return { sourceId, runId: held.runId, location };
}

const page = (sourceId: string, cookie: string, form?: Record<string, string>) => ({
  ...pageRequest(`/admin/sources/${sourceId}`, { cookie, form }),
  params: { sourceId },
});

describe("a held harvest in the sources admin", () => {
  it("shows what would be removed; only a coordinator confirms, once, with the audit event", async () => {
    const { sourceId, runId } = await heldSource();
    const coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const requester = await sessionCookieFor((await createTestUser()).id);

    const shown = (await run(sourcePage.loader, page(sourceId, coordinator))) as Awaited<ReturnType<typeof sourcePage.loader>>;
    expect(shown.held).toEqual({ id: runId, count: 341 });
    expect(shown.pendingRemovals).toHaveLength(341);
    expect(shown.runs[0].status).toBe("held");

    const forbidden = (await run(sourcePage.action, page(sourceId, requester, { intent: "confirm", runId }))) as Response;
    expect(forbidden.status).toBe(403);
    expect((await db.selectFrom("harvest_runs").select("status").where("id", "=", runId).executeTakeFirstOrThrow()).status).toBe("held");

    const confirmed = await run(sourcePage.action, page(sourceId, coordinator, { intent: "confirm", runId }));
    expect(confirmed).toMatchObject({ ok: true, message: "sources.removalsConfirmed", count: 341 });
    const again = (await run(sourcePage.action, page(sourceId, coordinator, { intent: "confirm", runId }))) as Response;
    expect(again.status).toBe(409);
    const active = await db.selectFrom("datasets").select("id").where("source_id", "=", sourceId).where("removed_at", "is", null).execute();
    expect(active).toHaveLength(10);
  });

  it("keeps the held run's decision on the page when a later harvest of the source fails", async () => {
    const { sourceId, runId, location } = await heldSource();
    const coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    // The next harvest fails (the source is broken or unreachable): it rolls back, the held run stays held.
    writeFileSync(location, "<rdf:RDF");
    expect((await harvestCatalogueSource(sourceId)).status).toBe("failed");
    const shown = (await run(sourcePage.loader, page(sourceId, coordinator))) as Awaited<ReturnType<typeof sourcePage.loader>>;
    expect(shown.runs[0].status).toBe("failed");
    expect(shown.held).toEqual({ id: runId, count: 341 });
    expect(shown.pendingRemovals).toHaveLength(341);
  });

  it("discards a held run, and saves a source's share with its event; a bad share is a message, not a 500", async () => {
    const { sourceId, runId } = await heldSource();
    const coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    expect(await run(sourcePage.action, page(sourceId, coordinator, { intent: "discard", runId }))).toMatchObject({
      ok: true,
      message: "sources.removalsDiscarded",
    });
    const shown = (await run(sourcePage.loader, page(sourceId, coordinator))) as Awaited<ReturnType<typeof sourcePage.loader>>;
    expect(shown.held).toBeNull();

    expect(await run(sourcePage.action, page(sourceId, coordinator, { intent: "threshold", percent: "150" }))).toMatchObject({
      ok: false,
      fieldErrors: { percent: ["errors.thresholdInvalid"] },
    });
    expect(await run(sourcePage.action, page(sourceId, coordinator, { intent: "threshold", percent: "50" }))).toMatchObject({
      ok: true,
      message: "sources.thresholdSaved",
    });
    const source = await db
      .selectFrom("catalogue_sources")
      .select("removal_threshold_percent")
      .where("id", "=", sourceId)
      .executeTakeFirstOrThrow();
    expect(source.removal_threshold_percent).toBe(50);
  });

  it("never confirms or discards a held run from another source's page", async () => {
    const { sourceId, runId } = await heldSource();
    const other = await getOrCreateCatalogueSource({ location: catalogFixture("se_fornpunkt_dcat3.ttl"), name: "Annan" });
    const coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const activeIn = async (id: string) =>
      (await db.selectFrom("datasets").select("id").where("source_id", "=", id).where("removed_at", "is", null).execute()).length;
    const before = await activeIn(sourceId);
    for (const intent of ["confirm", "discard"]) {
      const refused = (await run(sourcePage.action, page(other, coordinator, { intent, runId }))) as Response;
      expect(refused.status).toBe(409);
    }
    expect((await db.selectFrom("harvest_runs").select("status").where("id", "=", runId).executeTakeFirstOrThrow()).status).toBe("held");
    expect(await activeIn(sourceId)).toBe(before);
  });
});
