import { sql } from "kysely";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { startJobs, type JobRunner } from "../../app/jobs/queue.server";
import * as sourcesPage from "../../app/routes/admin.sources._index";
import * as sourcePage from "../../app/routes/admin.sources.$sourceId";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { startCatalogueServer } from "../support/catalogue-server";
import { pageRequest, run } from "../support/route-request";
import { longNonAsciiUrl } from "../support/long-url";

// The fixture catalogue server listens on loopback; the operator's allow-list lets it through (ADR 009).
process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = "127.0.0.1";

let jobs: JobRunner;
let catalogues: Awaited<ReturnType<typeof startCatalogueServer>>;
let coordinator: string;

// The trigger that refuses one source's harvest job is made before pg-boss's workers start and
// dropped after they stop: DDL on the partitioned job table while a worker fetches can deadlock.
// pg-boss's own construction plan makes its schema here, as its first start would.
async function refuseHarvestJobsOfBrokenQueueSource() {
  await sql.raw(PgBoss.getConstructionPlans("pgboss")).execute(db);
  await sql`
    create function test_refuse_harvest_job() returns trigger language plpgsql as $$
    begin
      if new.name = 'harvest-source'
        and exists (select 1 from catalogue_sources where id::text = new.data->>'sourceId' and name = 'Trasig kö') then
        raise exception 'harvest job refused for the test';
      end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger refuse_harvest_job before insert on pgboss.job for each row execute function test_refuse_harvest_job()`.execute(
    db,
  );
}

beforeAll(async () => {
  await refuseHarvestJobsOfBrokenQueueSource();
  jobs = await startJobs({ connectionString: process.env.DATABASE_URL! });
  catalogues = await startCatalogueServer({
    "/fornpunkt.ttl": { file: "catalogs/se_fornpunkt_dcat3.ttl", contentType: "text/turtle" },
  });
  coordinator = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
});

afterAll(async () => {
  catalogues.close();
  await jobs.stop();
  await sql`drop trigger refuse_harvest_job on pgboss.job`.execute(db);
  await sql`drop function test_refuse_harvest_job()`.execute(db);
});

async function waitForRun(location: string) {
  for (let i = 0; i < 100; i++) {
    const run = await db
      .selectFrom("harvest_runs")
      .innerJoin("catalogue_sources", "catalogue_sources.id", "harvest_runs.source_id")
      .select(["harvest_runs.status", "harvest_runs.added", "harvest_runs.error", "catalogue_sources.id as sourceId"])
      .where("catalogue_sources.location", "=", location)
      .where("harvest_runs.status", "!=", "running")
      .executeTakeFirst();
    if (run) return run;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no finished harvest of ${location}`);
}

const form = (location: string, extra: Record<string, string> = {}) => ({
  intent: "create",
  name: "FornPunkt",
  location,
  kind: "dcat",
  schedule: "daily",
  publisherOrganisationId: "",
  ...extra,
});

describe("catalogue sources", () => {
  it("adds a source, harvests it as a job, and shows the run", async () => {
    const location = `${catalogues.base}/fornpunkt.ttl`;
    const result = await run(sourcesPage.action, pageRequest("/admin/sources", { cookie: coordinator, form: form(location) }));
    expect(result).toMatchObject({ ok: true, message: "sources.added" });
    const harvested = await waitForRun(location);
    expect(harvested).toMatchObject({ status: "succeeded", added: 5 });

    const list = (await run(sourcesPage.loader, pageRequest("/admin/sources", { cookie: coordinator }))) as Awaited<
      ReturnType<typeof sourcesPage.loader>
    >;
    const listed = list.sources.find((s) => s.location === location)!;
    expect(listed).toMatchObject({ datasetCount: 5, schedule: "daily", lastRun: { status: "succeeded", added: 5 } });

    const detail = (await run(sourcePage.loader, {
      ...pageRequest(`/admin/sources/${harvested.sourceId}`, { cookie: coordinator }),
      params: { sourceId: harvested.sourceId },
    })) as Awaited<ReturnType<typeof sourcePage.loader>>;
    expect(detail.runs).toHaveLength(1);

    const events = await db.selectFrom("events").select("action").where("entity_id", "=", harvested.sourceId).execute();
    expect(events.map((e) => e.action)).toEqual(["create"]);
  });

  it("refuses a bad address and a duplicate, keeping what was typed and writing nothing", async () => {
    const before = (await db.selectFrom("catalogue_sources").select("id").execute()).length;
    const bad = await run(
      sourcesPage.action,
      pageRequest("/admin/sources", { cookie: coordinator, form: form("ftp://example.se/katalog", { name: "Min källa" }) }),
    );
    expect(bad).toMatchObject({
      ok: false,
      fieldErrors: { location: ["errors.sourceUrlInvalid"] },
      values: { name: "Min källa", location: "ftp://example.se/katalog" },
    });
    const long = await run(sourcesPage.action, pageRequest("/admin/sources", { cookie: coordinator, form: form(longNonAsciiUrl()) }));
    expect(long).toMatchObject({ ok: false, fieldErrors: { location: ["errors.sourceUrlInvalid"] }, values: { name: "FornPunkt" } });
    const duplicate = await run(
      sourcesPage.action,
      pageRequest("/admin/sources", { cookie: coordinator, form: form(`${catalogues.base}/fornpunkt.ttl`) }),
    );
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { location: ["errors.sourceExists"] } });
    // An organisation that is not in the list (a hand-made form, or removed meanwhile) was a 500 on the foreign key.
    const unknownPublisher = await run(
      sourcesPage.action,
      pageRequest("/admin/sources", {
        cookie: coordinator,
        form: form(`${catalogues.base}/ingen-sadan.ttl`, { publisherOrganisationId: "00000000-0000-4000-8000-000000000000" }),
      }),
    );
    expect(unknownPublisher).toMatchObject({
      ok: false,
      fieldErrors: { publisherOrganisationId: ["errors.publisherUnknown"] },
      values: { location: `${catalogues.base}/ingen-sadan.ttl` },
    });
    expect((await db.selectFrom("catalogue_sources").select("id").execute()).length).toBe(before);
  });

  it("refuses internal addresses at save time with one neutral message, unless the operator allows the host", async () => {
    const before = (await db.selectFrom("catalogue_sources").select("id").execute()).length;
    const port = new URL(catalogues.base).port;
    const saved = process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    delete process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS;
    try {
      for (const location of [
        `${catalogues.base}/fornpunkt.ttl`,
        `http://0x7f.0.0.1:${port}/fornpunkt.ttl`,
        `http://2130706433.:${port}/x`,
        `http://[::ffff:127.0.0.1]:${port}/x`,
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/dcat.rdf",
        "http://192.168.1.10/dcat.rdf",
        "http://localhost.:8080/x",
        "http://no-such-host.invalid/x",
      ]) {
        const refused = await run(
          sourcesPage.action,
          pageRequest("/admin/sources", { cookie: coordinator, form: form(location, { name: "Intern" }) }),
        );
        expect(refused, location).toMatchObject({
          ok: false,
          fieldErrors: { location: ["errors.sourceAddressRefused"] },
          values: { location },
        });
      }
    } finally {
      process.env.CATALOGUE_ALLOWED_INTERNAL_HOSTS = saved;
    }
    expect((await db.selectFrom("catalogue_sources").select("id").execute()).length).toBe(before);
  });

  it("adds a source and queues its first harvest in one transaction: a refused enqueue leaves no source", async () => {
    // PostgreSQL itself refuses the harvest job of the source named "Trasig kö" (the trigger made
    // before the workers start). Were the job queued after the source was committed, the source
    // would be left behind with no harvest.
    const location = `${catalogues.base}/fornpunkt.ttl?refused`;
    await expect(
      run(sourcesPage.action, pageRequest("/admin/sources", { cookie: coordinator, form: form(location, { name: "Trasig kö" }) })),
    ).rejects.toThrow(/harvest job refused/);
    expect(await db.selectFrom("catalogue_sources").select("id").where("location", "=", location).execute()).toEqual([]);
    const events = await db
      .selectFrom("events")
      .select("id")
      .where("entity_type", "=", "catalogue_source")
      .where("data", "@>", sql<never>`${JSON.stringify({ location })}::jsonb`)
      .execute();
    expect(events).toEqual([]);

    // Without the refusal the same form commits the source and its job together.
    const saved = await run(
      sourcesPage.action,
      pageRequest("/admin/sources", { cookie: coordinator, form: form(location, { name: "Hel kö" }) }),
    );
    expect(saved).toMatchObject({ ok: true, message: "sources.added" });
    const source = await db.selectFrom("catalogue_sources").select("id").where("location", "=", location).executeTakeFirstOrThrow();
    const jobs = await sql<{
      n: number;
    }>`select count(*)::int as n from pgboss.job where name = 'harvest-source' and data->>'sourceId' = ${source.id}`.execute(db);
    expect(jobs.rows[0].n).toBe(1);
  });

  it("answers 400 to an unknown intent", async () => {
    const response = (await run(
      sourcesPage.action,
      pageRequest("/admin/sources", { cookie: coordinator, form: { intent: "launch" } }),
    )) as Response;
    expect(response.status).toBe(400);
  });

  it("changes the schedule and records it", async () => {
    const source = await db.selectFrom("catalogue_sources").select("id").executeTakeFirstOrThrow();
    const args = {
      ...pageRequest(`/admin/sources/${source.id}`, { cookie: coordinator, form: { intent: "schedule", schedule: "manual" } }),
      params: { sourceId: source.id },
    };
    expect(await run(sourcePage.action, args)).toMatchObject({ ok: true, message: "sources.scheduleSaved" });
    const saved = await db.selectFrom("catalogue_sources").select("schedule").where("id", "=", source.id).executeTakeFirstOrThrow();
    expect(saved.schedule).toBe("manual");
    const event = await db
      .selectFrom("events")
      .select(["from_state", "to_state"])
      .where("entity_id", "=", source.id)
      .where("action", "=", "change_schedule")
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ from_state: "daily", to_state: "manual" });
  });

  it("answers 404 for an unknown source and 403 for a requester", async () => {
    const requester = await sessionCookieFor((await createTestUser()).id);
    const missing = await run(sourcePage.loader, {
      ...pageRequest("/admin/sources/x", { cookie: coordinator }),
      params: { sourceId: "not-a-uuid" },
    });
    expect((missing as Response).status).toBe(404);
    const forbidden = await run(sourcesPage.loader, pageRequest("/admin/sources", { cookie: requester }));
    expect((forbidden as Response).status).toBe(403);
  });
});
