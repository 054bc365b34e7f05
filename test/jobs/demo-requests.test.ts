import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { seed } from "../../db/seed/index";
import { seedDemoRequestsAfterHarvest } from "../../app/jobs/demo-requests.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { catalogFixture } from "../support/catalogs";

describe("the demo seed's job after a harvest (given to the job queue only with demo data on)", () => {
  it("seeds the demo requests once the demo catalogue is harvested, and only once", async () => {
    await db.deleteFrom("organisations").execute();
    await seed(db, { demo: true });
    const logged: string[] = [];
    const afterHarvest = seedDemoRequestsAfterHarvest((message) => logged.push(message));

    const sourceId = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    await afterHarvest({ sourceId });
    expect(await db.selectFrom("requests").select("id").execute()).toHaveLength(0);

    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");
    await afterHarvest({ sourceId });
    const seeded = await db.selectFrom("requests").select("id").execute();
    expect(seeded.length).toBeGreaterThanOrEqual(30);
    expect(logged).toEqual([`Seeded ${seeded.length} demo requests.`]);

    await afterHarvest({ sourceId });
    expect(await db.selectFrom("requests").select("id").execute()).toHaveLength(seeded.length);
    expect(logged).toHaveLength(1);
  });
});
