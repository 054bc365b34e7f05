import { describe, expect, it, vi } from "vitest";
import { db } from "../../db/client.server";
import * as apiRoute from "../../app/routes/api.specifications";
import * as coverageCsv from "../../app/routes/specifikationer.tackning[.]csv";
import * as coveragePage from "../../app/routes/specifikationer.tackning";
import * as newPage from "../../app/routes/specifikationer.ny";
import * as editPage from "../../app/routes/specifikationer.$specificationId_.redigera";
import { getCoverageGrid } from "../../app/models/specification-coverage.server";
import { linkRequestToSpecification } from "../../app/models/specification.server";
import { headersOf, coverageCsvColumns } from "../../app/utils/csv-columns";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { actorOf } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";
import { longNonAsciiUrl } from "../support/long-url";

const specificationId = async (name: string) =>
  (await db.selectFrom("specifications").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

const form = (extra: Record<string, string> = {}) => ({
  intent: "save",
  name: "Hundrastgårdar",
  version: "1.0",
  uri: "",
  schemaUrl: "",
  description: "",
  fields: "id\nnamn",
  maintainer: "",
  ...extra,
});

describe("the specification pages and their open data", () => {
  it("lets only coordinators and admins propose or edit: others get 403, and nothing is written", async () => {
    const before = await db.selectFrom("specifications").select("id").execute();
    for (const role of ["requester", "responder"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role })).id);
      expect((await runWithStatus(newPage.loader, pageRequest("/specifikationer/ny", { cookie }))).status).toBe(403);
      expect((await runWithStatus(newPage.action, pageRequest("/specifikationer/ny", { cookie, form: form() }))).status).toBe(403);
      const id = await specificationId("Badplatser");
      const args = { ...pageRequest(`/specifikationer/${id}/redigera`, { cookie, form: form() }), params: { specificationId: id } };
      expect((await runWithStatus(editPage.action, args)).status).toBe(403);
    }
    // A visitor is sent to sign in.
    expect((await runWithStatus(newPage.loader, pageRequest("/specifikationer/ny"))).status).toBe(302);
    expect(await db.selectFrom("specifications").select("id").execute()).toHaveLength(before.length);
  });

  it("answers a coordinator's bad input with the form and a clear message, never a 500", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const bad = await runWithStatus(newPage.action, pageRequest("/specifikationer/ny", { cookie, form: form({ uri: "dataportal.se/x" }) }));
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ fieldErrors: { uri: ["errors.specificationUriInvalid"] } });
    const long = await runWithStatus(
      newPage.action,
      pageRequest("/specifikationer/ny", { cookie, form: form({ uri: longNonAsciiUrl() }) }),
    );
    expect(long.status).toBe(400);
    expect(long.data).toMatchObject({ fieldErrors: { uri: ["errors.specificationUriInvalid"] } });
    const taken = await runWithStatus(newPage.action, pageRequest("/specifikationer/ny", { cookie, form: form({ name: "Badplatser" }) }));
    expect(taken.status).toBe(400);
    expect(taken.data).toMatchObject({ formErrors: ["errors.specificationNameVersionTaken"] });
    // A hand-made form without its fields is a 400 too.
    const empty = await runWithStatus(newPage.action, pageRequest("/specifikationer/ny", { cookie, form: { intent: "save" } }));
    expect(empty.status).toBe(400);
    const created = await runWithStatus(newPage.action, pageRequest("/specifikationer/ny", { cookie, form: form() }));
    expect(created.status).toBe(302);
  });

  it("refuses to retire one that open requests ask for without a replacement, in the edit form", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const id = await specificationId("Utegym");
    const request = await createTestRequest({ status: "open" });
    await linkRequestToSpecification({ actor: await actorOf(coordinator), requestId: request.id, specificationId: id });
    const args = {
      ...pageRequest(`/specifikationer/${id}/redigera`, {
        cookie,
        form: { intent: "status", to: "retired", replacedById: "", reason: "" },
      }),
      params: { specificationId: id },
    };
    const refused = await runWithStatus(editPage.action, args);
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ formErrors: ["errors.specificationInUseNeedsReplacement"] });
    expect((await db.selectFrom("specifications").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("adopted");
  });

  it("lists the register with demand over distinct requesters and coverage over the 49 municipalities at /api/specifications", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const id = await specificationId("Offentliga toaletter");
    const [anna, bo] = [await createTestUser(), await createTestUser()];
    for (const requester of [anna, anna, bo]) {
      // Votes are people: Anna and Bo voting for all three requests are two votes (ADR 043).
      const request = await createTestRequest({ requesterUserId: requester.id, voterIds: [anna.id, bo.id] });
      await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: id });
    }
    await createTestDataset({ title: "Toaletter", publisherKommunkod: "1480", conformsTo: ["https://lankadedata.se/spec/public-toilets"] });
    const response = await apiRoute.loader(pageRequest("/api/specifications?pageSize=100"));
    expect(response.status).toBe(200);
    const body = await response.json();
    const toilets = body.items.find((item: { id: string }) => item.id === id);
    expect(toilets).toMatchObject({
      uri: "https://lankadedata.se/spec/public-toilets/",
      status: "adopted",
      demand: { requests: 3, requesters: 2, surveyQuestions: 0, votes: 2 },
      coverage: { conforming: 1 },
    });
    expect(toilets.coverage.conforming + toilets.coverage.nonConforming + toilets.coverage.none).toBe(49);
    expect(body.total).toBeGreaterThanOrEqual(10);
    expect((await apiRoute.loader(pageRequest("/api/specifications?sida=2"))).status).toBe(400);
  });

  it("gives the grid as CSV, UTF-8 with BOM, one row per organisation × specification, and filters the grid page", async () => {
    const response = await coverageCsv.loader(pageRequest("/specifikationer/tackning.csv"));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder()
      .decode(bytes)
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(headersOf(coverageCsvColumns).join(";"));
    const specifications = await db.selectFrom("specifications").select("id").where("status", "!=", "retired").execute();
    expect(lines.length - 1).toBe(50 * specifications.length);

    const page = await runWithStatus(coveragePage.loader, pageRequest("/specifikationer/tackning?kommun=1480&saknar=1&specifikation=x"));
    expect(page.status).toBe(200);
    const data = page.data as Awaited<ReturnType<typeof coveragePage.loader>>;
    expect(data.grid.rows.map((r) => r.organisation.kommunkod)).toEqual(["1480"]);
    expect(data.municipalities).toHaveLength(50);
  });

  it("builds the grid once for a filtered page, and filters it as the grid's own filter does", async () => {
    const bathing = await specificationId("Badplatser");
    const spy = vi.spyOn(db, "selectFrom");
    try {
      for (const query of [`kommun=1490&specifikation=${bathing}`, "saknar=1", "kommun=14", ""]) {
        spy.mockClear();
        const page = await runWithStatus(coveragePage.loader, pageRequest(`/specifikationer/tackning?${query}`));
        const data = page.data as Awaited<ReturnType<typeof coveragePage.loader>>;
        // gridSpecifications reads the register once per build of the grid.
        expect(spy.mock.calls.filter(([table]) => table === "specifications").length, query).toBe(1);
        const params = new URLSearchParams(query);
        const own = await getCoverageGrid({
          kommunkod: params.get("kommun") ?? undefined,
          specificationId: params.get("specifikation") ?? undefined,
          onlyLacking: params.has("saknar"),
        });
        expect(data.grid, query).toEqual(JSON.parse(JSON.stringify(own)));
        expect(data.municipalities, query).toHaveLength(50);
      }
    } finally {
      spy.mockRestore();
    }
  });
});
