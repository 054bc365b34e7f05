import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { loader } from "../../app/routes/healthz";

async function health() {
  const response = await loader();
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("GET /healthz", () => {
  it("says whether the first harvest of every catalogue source is done, so scripts can wait for it", async () => {
    const source = await db
      .insertInto("catalogue_sources")
      .values({ name: "Demokatalog", kind: "dcat", location: "test://healthz/demo.rdf" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const other = await db
      .insertInto("catalogue_sources")
      .values({ name: "Annan katalog", kind: "dcat", location: "test://healthz/other.rdf" })
      .returning("id")
      .executeTakeFirstOrThrow();

    // Both waiting; the database and the search engine answer, so it is still 200.
    let result = await health();
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      status: "ok",
      database: { status: "ok" },
      search: { status: "ok" },
      catalogue: { firstHarvestDone: false, sourcesPending: 2 },
    });

    // A harvest running is not done; a finished one is, failed or not (a failed source would
    // otherwise keep a waiting script waiting for ever).
    const running = await db.insertInto("harvest_runs").values({ source_id: source.id }).returning("id").executeTakeFirstOrThrow();
    expect((await health()).body).toMatchObject({ catalogue: { firstHarvestDone: false, sourcesPending: 2 } });
    await db.updateTable("harvest_runs").set({ status: "succeeded", finished_at: new Date() }).where("id", "=", running.id).execute();
    expect((await health()).body).toMatchObject({ catalogue: { firstHarvestDone: false, sourcesPending: 1 } });
    await db.insertInto("harvest_runs").values({ source_id: other.id, status: "failed", finished_at: new Date(), error: "404" }).execute();

    result = await health();
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ catalogue: { firstHarvestDone: true, sourcesPending: 0 } });
  });
});
