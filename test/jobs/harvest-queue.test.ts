import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { HARVEST_QUEUE } from "../../app/jobs/harvest-queue.server";
import { enqueueHarvest, startJobs, type JobRunner } from "../../app/jobs/queue.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { catalogFixture } from "../support/catalogs";

let jobs: JobRunner;

beforeAll(async () => {
  jobs = await startJobs({ connectionString: process.env.DATABASE_URL! });
});

afterAll(async () => {
  await jobs.stop();
});

describe("the harvest queue", () => {
  it("holds one waiting harvest per source, however often one is asked for, beside the one running", async () => {
    const source = await getOrCreateCatalogueSource({ location: catalogFixture("se_opennorth_umea_entryscape_2015.rdf") });
    const other = await getOrCreateCatalogueSource({ location: catalogFixture("se_digg_dcat-ap-se_exempel_rekommenderat.rdf") });
    // An admin presses "Hämta nu" three times, and the daily schedule comes round as well.
    for (let press = 0; press < 4; press++) await enqueueHarvest(source);
    await enqueueHarvest(other);

    const { rows } = await sql<{ key: string; n: number }>`
      SELECT singleton_key AS key, count(*)::int AS n FROM pgboss.job WHERE name = ${HARVEST_QUEUE} GROUP BY singleton_key`.execute(db);
    const harvests = Object.fromEntries(rows.map((row) => [row.key, row.n]));
    // At most one running (if the worker took the first at once) and one waiting.
    expect(harvests[source]).toBeGreaterThanOrEqual(1);
    expect(harvests[source]).toBeLessThanOrEqual(2);
    expect(harvests[other]).toBe(1);
  });
});
