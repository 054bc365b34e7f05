import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { seed } from "../../db/seed/index";
import { seedDemoRequestsAfterHarvest } from "../../app/jobs/demo-requests.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { catalogFixture } from "../support/catalogs";

describe("the demo seed's job after a harvest (given to the job queue only with demo data on)", () => {
  it("seeds the demo requests and surveys once the demo catalogue is harvested, and only once", async () => {
    await db.deleteFrom("organisations").execute();
    await seed(db, { demo: true });
    const logged: string[] = [];
    const afterHarvest = seedDemoRequestsAfterHarvest((message) => logged.push(message));

    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    await afterHarvest({ sourceId });
    expect(await db.selectFrom("requests").select("id").execute()).toHaveLength(0);

    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
    await afterHarvest({ sourceId });
    // The demo requests, then the demo surveys (each sent survey is a request of kind `survey` too).
    const requests = () =>
      db
        .selectFrom("requests")
        .select("id")
        .where("id", "not in", db.selectFrom("surveys").select("request_id").where("request_id", "is not", null))
        .execute();
    const seeded = await requests();
    expect(seeded.length).toBeGreaterThanOrEqual(30);
    const surveys = await db.selectFrom("surveys").select("id").execute();
    expect(surveys.length).toBeGreaterThan(0);
    expect(logged).toEqual([`Seeded ${seeded.length} demo requests.`, `Seeded ${surveys.length} demo surveys.`]);

    await afterHarvest({ sourceId });
    expect(await requests()).toHaveLength(seeded.length);
    expect(await db.selectFrom("surveys").select("id").execute()).toHaveLength(surveys.length);
    expect(logged).toHaveLength(2);
  });
});
