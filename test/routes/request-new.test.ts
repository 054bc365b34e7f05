import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { action, loader } from "../../app/routes/requests.new";
import { requestForm } from "../factories/request";
import { createTestUser, getMunicipality, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";
import { catalogFixture } from "../support/catalogs";
import { MAX_MATCH_LIMIT } from "../../search/engines/engine";
import { keptList } from "../../app/utils/kept-values";

const form = (extra: Record<string, string> = {}) => requestForm({ body: "Var finns badplatserna och hur är vattenkvaliteten?", ...extra });

/** The VG catalogue harvested and its datasets indexed, so the form's matches find them. */
async function harvestAndIndexVg() {
  await harvestCatalogueSource(await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") }));
  const { drainOutbox } = await import("../../search/indexing/outbox.server");
  const { getSearchEngine } = await import("../../search/engines/select-engine.server");
  await drainOutbox(getSearchEngine(), {});
}

async function requestCount() {
  return (await db.selectFrom("requests").select("id").execute()).length;
}

describe("the new request form", () => {
  it("sends visitors to sign in", async () => {
    const response = (await run(loader, pageRequest("/requests/new"))) as Response;
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Frequests%2Fnew/);
  });

  it("files a request and goes to its page", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const response = (await run(action, pageRequest("/requests/new", { cookie, form: form() }))) as Response;
    expect(response.status).toBe(302);
    const created = await db.selectFrom("requests").select(["number", "status"]).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    expect(response.headers.get("Location")).toBe(`/requests/${created.number}`);
    expect(created.status).toBe("submitted");
  });

  it("keeps every word on empty or oversized fields and writes nothing", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const before = await requestCount();
    const result = await run(
      action,
      pageRequest("/requests/new", { cookie, form: form({ title: "", purpose: "x".repeat(3001), targetScope: "chosen" }) }),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        title: ["errors.titleRequired"],
        purpose: ["errors.purposeTooLong"],
        targetOrganisationIds: ["errors.targetsRequired"],
      },
      values: { body: "Var finns badplatserna och hur är vattenkvaliteten?", targetScope: "chosen" },
    });
    expect(await requestCount()).toBe(before);
  });

  it("keeps the chosen municipalities when the form comes back", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const boras = await getMunicipality("1490");
    const skovde = await getMunicipality("1496");
    const body = new URLSearchParams({ ...form({ targetScope: "chosen", title: "" }) });
    body.append("targetOrganisationIds", boras.id);
    body.append("targetOrganisationIds", skovde.id);
    const request = new Request("http://localhost:3000/requests/new", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://localhost:3000", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    const result = (await run(action, { request, params: {}, context: { cspNonce: "", clientAddress: "127.0.0.1" } })) as {
      values: Record<string, string>;
    };
    expect(keptList(result.values, "targetOrganisationIds")).toEqual([boras.id, skovde.id]);
  });

  it("refuses a form from another site", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const before = await requestCount();
    const result = await run(action, pageRequest("/requests/new", { cookie, form: form(), origin: "https://evil.example" }));
    expect(result).toMatchObject({ ok: false, formErrors: ["errors.csrf"], values: { title: "Badplatser i Borås" } });
    expect(await requestCount()).toBe(before);
  });

  it("shows what already exists without JavaScript, and accepts a dataset as the answer", async () => {
    await harvestAndIndexVg();
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const checked = (await run(action, pageRequest("/requests/new", { cookie, form: form({ intent: "check" }) }))) as {
      matches: { datasets: { uri: string; title: string; score: number }[]; threshold: number };
      values: Record<string, string>;
    };
    expect(checked.values.title).toBe("Badplatser i Borås");
    const best = checked.matches.datasets[0];
    expect(best.score).toBeGreaterThanOrEqual(checked.matches.threshold);
    expect(best.title).toMatch(/Borås/);

    const accepted = (await run(
      action,
      pageRequest("/requests/new", { cookie, form: form({ intent: `accept:${best.uri}` }) }),
    )) as Response;
    expect(accepted.status).toBe(302);
    const created = await db.selectFrom("requests").select(["id", "status"]).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    expect(created.status).toBe("answered_by_existing_data");
    // Asked of all 49, answered by Borås's own dataset: Borås alone was spared (ADR 025).
    const credited = await db.selectFrom("time_saved").select(["organisation_id", "basis"]).where("request_id", "=", created.id).execute();
    expect(credited).toEqual([{ organisation_id: (await getMunicipality("1490")).id, basis: "own_dataset" }]);
  });

  it("supports an existing request instead of filing a new one", async () => {
    const author = await createTestUser();
    const supporter = await createTestUser();
    await run(action, pageRequest("/requests/new", { cookie: await sessionCookieFor(author.id), form: form() }));
    const existing = await db.selectFrom("requests").select(["id", "number"]).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    const before = await requestCount();
    const response = (await run(
      action,
      pageRequest("/requests/new", { cookie: await sessionCookieFor(supporter.id), form: form({ intent: `support:${existing.id}` }) }),
    )) as Response;
    expect(response.headers.get("Location")).toBe(`/requests/${existing.number}`);
    expect(await requestCount()).toBe(before);
    const vote = await db
      .selectFrom("votes")
      .select("user_id")
      .where("request_id", "=", existing.id)
      .where("user_id", "=", supporter.id)
      .execute();
    expect(vote).toHaveLength(1);
  });

  it("limits how many requests one user files in an hour", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    for (let i = 0; i < 10; i++) await run(action, pageRequest("/requests/new", { cookie, form: form({ title: `Fråga ${i}` }) }));
    const before = await requestCount();
    const limited = await run(action, pageRequest("/requests/new", { cookie, form: form({ title: "En till" }) }));
    expect(limited).toMatchObject({ ok: false, formErrors: ["errors.rateLimited"], values: { title: "En till" } });
    expect(await requestCount()).toBe(before);
  });
});

describe("checking and accepting need only what they use (ask once, issue 7)", () => {
  let datasetUri: string;
  beforeAll(async () => {
    await harvestAndIndexVg();
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const checked = (await run(action, pageRequest("/requests/new", { cookie, form: form({ intent: "check" }) }))) as {
      matches: { datasets: { uri: string }[] };
    };
    datasetUri = checked.matches.datasets[0].uri;
  });

  it("shows what already exists from the text alone, before the purpose is written", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const checked = (await run(
      action,
      pageRequest("/requests/new", { cookie, form: { intent: "check", title: "Badplatser i Borås", body: "" } }),
    )) as {
      fieldErrors: Record<string, unknown>;
      matches: { datasets: { title: string }[] };
    };
    expect(checked.fieldErrors).toEqual({});
    expect(checked.matches.datasets[0].title).toMatch(/Borås/);
    const empty = await run(action, pageRequest("/requests/new", { cookie, form: { intent: "check", title: " ", body: "" } }));
    expect(empty).toMatchObject({ ok: false, fieldErrors: { title: ["errors.matchTextRequired"] } });
  });

  it("accepts a matched dataset with only the text and the dataset, without a purpose", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const accepted = (await run(
      action,
      pageRequest("/requests/new", { cookie, form: { intent: `accept:${datasetUri}`, title: "Badplatser i Borås", body: "" } }),
    )) as Response;
    expect(accepted.status).toBe(302);
    const created = await db
      .selectFrom("requests")
      .select(["id", "status", "title", "body", "purpose"])
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(created).toMatchObject({
      status: "answered_by_existing_data",
      title: "Badplatser i Borås",
      body: "Badplatser i Borås",
      purpose: "",
    });
    const credited = await db.selectFrom("time_saved").select("organisation_id").where("request_id", "=", created.id).execute();
    expect(credited).toEqual([{ organisation_id: (await getMunicipality("1490")).id }]);
  });

  it("accepts only a dataset the portal offered for the text: no other is recorded as the answer, nor credited", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    // Every dataset the matcher would offer for the text at all, not only the ten the panel shows.
    const { getSearchEngine } = await import("../../search/engines/select-engine.server");
    const offered = await getSearchEngine().match("Badplatser i Borås", { limit: MAX_MATCH_LIMIT });
    const offeredUris = new Set(offered.datasets.map((d) => d.uri));
    const others = await db.selectFrom("datasets").select("uri").where("removed_at", "is", null).execute();
    // A hand-made form claims that some dataset the match never showed answers the text.
    const unrelated = others.map((d) => d.uri).find((uri) => !offeredUris.has(uri))!;
    const before = await requestCount();
    const ledger = (await db.selectFrom("time_saved").select("id").execute()).length;
    const refused = await run(
      action,
      pageRequest("/requests/new", { cookie, form: { intent: `accept:${unrelated}`, title: "Badplatser i Borås", body: "" } }),
    );
    expect(refused).toMatchObject({ ok: false, formErrors: ["errors.datasetNotOffered"], values: { title: "Badplatser i Borås" } });
    expect(await requestCount()).toBe(before);
    expect(await db.selectFrom("time_saved").select("id").execute()).toHaveLength(ledger);
  });

  it("accepts with the whole form filled but the purpose empty, crediting only the chosen municipalities", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const boras = await getMunicipality("1490");
    const body = new URLSearchParams(form({ intent: `accept:${datasetUri}`, purpose: "", targetScope: "chosen" }));
    body.append("targetOrganisationIds", boras.id);
    const request = new Request("http://localhost:3000/requests/new", {
      method: "POST",
      headers: { Cookie: cookie, Origin: "http://localhost:3000", "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
    const accepted = (await run(action, { request, params: {}, context: { cspNonce: "", clientAddress: "127.0.0.1" } })) as Response;
    expect(accepted.status).toBe(302);
    const created = await db.selectFrom("requests").select(["id", "status"]).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    expect(created.status).toBe("answered_by_existing_data");
    const credited = await db.selectFrom("time_saved").select("organisation_id").where("request_id", "=", created.id).execute();
    expect(credited.map((row) => row.organisation_id)).toEqual([boras.id]);
  });

  it("still needs the purpose to send a new request", async () => {
    const cookie = await sessionCookieFor((await createTestUser()).id);
    const result = await run(action, pageRequest("/requests/new", { cookie, form: form({ purpose: "" }) }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { purpose: ["errors.purposeRequired"] } });
  });
});
