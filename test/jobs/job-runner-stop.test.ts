import { createServer, type Server } from "node:http";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { HARVEST_QUEUE } from "../../app/jobs/harvest-queue.server";
import { enqueueHarvest, startJobs } from "../../app/jobs/queue.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";

// The hanging catalogue below is served on loopback, which the address guard refuses unless named.
process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";

let server: Server | null = null;
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe("the job runner stopping", () => {
  it("stops a harvest's process with the server, fails its run with a message and keeps the job for the next start", async () => {
    // A catalogue that starts and never ends: the harvest runs until something stops it.
    server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/turtle" });
      response.write("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    const sourceId = await getOrCreateCatalogueSource({ location: `http://127.0.0.1:${port}/catalog.ttl` });

    const jobs = await startJobs({ connectionString: process.env.DATABASE_URL! });
    await enqueueHarvest(sourceId);
    const runStatus = async () =>
      (await db.selectFrom("harvest_runs").select(["status", "error"]).where("source_id", "=", sourceId).executeTakeFirst()) ?? null;
    await expect.poll(async () => (await runStatus())?.status, { timeout: 20_000, interval: 100 }).toBe("running");

    const started = Date.now();
    await jobs.stop();
    // Not the queue's 10 s of waiting for a job that would not end, and no process left behind.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await runStatus()).toMatchObject({ status: "failed", error: expect.stringMatching(/stoppades när servern avslutade/) });
    const { rows } = await sql<{ state: string }>`
      SELECT state FROM pgboss.job WHERE name = ${HARVEST_QUEUE} AND singleton_key = ${sourceId}`.execute(db);
    // Failed with a retry left: the next start harvests the source again.
    expect(rows.map((row) => row.state)).toEqual(["retry"]);
  }, 60_000);
});
