import { keptList } from "../../app/utils/kept-values";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as benefitPage from "../../app/routes/specifikationer.$specificationId_.nytta";
import * as editPage from "../../app/routes/specifikationer.$specificationId_.nytta_.redigera";
import * as specificationPage from "../../app/routes/specifikationer.$specificationId";
import * as apiRoute from "../../app/routes/api.specifications";
import { specificationSummary } from "../../app/schemas/api/specifications.server";
import { saveBenefitSummary } from "../../app/models/specification-benefit.server";
import { createTestRequest } from "../factories/request";
import { actorOf } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";
import { createTestSpecification } from "../factories/specification";

async function newSpecification() {
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const { id } = await createTestSpecification({
    actor: coordinator,
    name: `Nyttosida ${Math.random().toString(36).slice(2, 8)}`,
  });
  return id;
}

async function askFor(specificationId: string, input: Parameters<typeof createTestRequest>[0] = {}) {
  const request = await createTestRequest({ requesterUserId: (await createTestUser()).id, ...input });
  await db.updateTable("requests").set({ specification_id: specificationId }).where("id", "=", request.id).execute();
  return request;
}

/** The edit form as a browser posts it: one `sourceRequestIds` per ticked box. */
function post(specificationId: string, cookie: string, fields: [string, string][]) {
  const args = pageRequest(`/specifikationer/${specificationId}/nytta/redigera`, { cookie, form: {} });
  const request = new Request(args.request.url, {
    method: "POST",
    headers: args.request.headers,
    body: new URLSearchParams(fields).toString(),
  });
  return { ...args, request, params: { specificationId } };
}

function get(path: string, specificationId: string, cookie?: string) {
  return { ...pageRequest(path, { cookie }), params: { specificationId } };
}

const summaryOf = (specificationId: string) =>
  db.selectFrom("specification_benefit_summaries").selectAll().where("specification_id", "=", specificationId).executeTakeFirst();
const summaryEventCount = async (specificationId: string) =>
  (
    await db
      .selectFrom("events")
      .select("id")
      .where("entity_type", "=", "specification")
      .where("entity_id", "=", specificationId)
      .where("action", "=", "benefit_summary")
      .execute()
  ).length;

describe("the benefit summary's form", () => {
  it("is for coordinators only: a requester or responder gets 403, a visitor is sent to sign in, and nothing is written", async () => {
    const spec = await newSpecification();
    const asking = await askFor(spec);
    for (const role of ["requester", "responder"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role })).id);
      expect((await runWithStatus(editPage.loader, get(`/specifikationer/${spec}/nytta/redigera`, spec, cookie))).status).toBe(403);
      const posted = post(spec, cookie, [
        ["text", "Inte min sak."],
        ["sourceRequestIds", asking.id],
        ["version", "0"],
      ]);
      expect((await runWithStatus(editPage.action, posted)).status).toBe(403);
    }
    expect((await runWithStatus(editPage.loader, get(`/specifikationer/${spec}/nytta/redigera`, spec))).status).toBe(302);
    expect(await summaryOf(spec)).toBeUndefined();
    expect(await summaryEventCount(spec)).toBe(0);
  });

  it("sends back a text too long, an unknown source or a stale version with a clear message and the text kept, writing nothing", async () => {
    const spec = await newSpecification();
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const asking = await askFor(spec, { purpose: "Badkartan." });
    const elsewhere = await createTestRequest({ purpose: "Något annat." });

    const tooLong = await runWithStatus(
      editPage.action,
      post(spec, cookie, [
        ["text", "Nytta. ".repeat(700)],
        ["sourceRequestIds", asking.id],
        ["version", "0"],
      ]),
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.data).toMatchObject({
      fieldErrors: { text: ["errors.benefitSummaryTooLong"] },
      values: { text: "Nytta. ".repeat(700), sourceRequestIds: asking.id },
    });

    const unknown = await runWithStatus(
      editPage.action,
      post(spec, cookie, [
        ["text", "Min sammanfattning."],
        ["sourceRequestIds", asking.id],
        ["sourceRequestIds", elsewhere.id],
        ["version", "0"],
      ]),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.data).toMatchObject({
      formErrors: ["errors.benefitSourceUnknown"],
      values: { text: "Min sammanfattning." },
    });
    expect(keptList((unknown.data as { values: Record<string, string> }).values, "sourceRequestIds")).toEqual([asking.id, elsewhere.id]);

    const notAnId = await runWithStatus(
      editPage.action,
      post(spec, cookie, [
        ["text", "Min sammanfattning."],
        ["sourceRequestIds", "1; DROP TABLE requests"],
        ["version", "0"],
      ]),
    );
    expect(notAnId.status).toBe(400);
    expect(notAnId.data).toMatchObject({ fieldErrors: { sourceRequestIds: ["errors.benefitSourceUnknown"] } });
    const noVersion = await runWithStatus(editPage.action, post(spec, cookie, [["text", "Min sammanfattning."]]));
    expect(noVersion.status).toBe(400);
    expect(await summaryOf(spec)).toBeUndefined();
    expect(await summaryEventCount(spec)).toBe(0);

    // A colleague saves first; a save on the version this form was opened on is refused, the text kept.
    const first = await runWithStatus(
      editPage.action,
      post(spec, cookie, [
        ["text", "Kollegans text."],
        ["version", "0"],
      ]),
    );
    expect(first.data).toEqual({ ok: true, message: "specificationBenefit.saved" });
    const stale = await runWithStatus(
      editPage.action,
      post(spec, cookie, [
        ["text", "Min text."],
        ["version", "0"],
      ]),
    );
    expect(stale.status).toBe(400);
    expect(stale.data).toMatchObject({ formErrors: ["errors.benefitSummaryChanged"], values: { text: "Min text." } });
    expect((await summaryOf(spec))?.text).toBe("Kollegans text.");
    expect(await summaryEventCount(spec)).toBe(1);
  });

  it("saves a coordinator's summary, which the specification's page and its benefit page show with the sources", async () => {
    const spec = await newSpecification();
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const first = await askFor(spec, { title: "Badplatser för appen", purpose: "En **badapp** för familjer.", requesterType: "company" });
    const second = await askFor(spec, { purpose: "Forskning om badvatten.", requesterType: "research" });

    const form = await runWithStatus(editPage.loader, get(`/specifikationer/${spec}/nytta/redigera`, spec, cookie));
    expect(form.status).toBe(200);
    expect(form.data).toMatchObject({ version: 0, text: "" });
    const saved = await runWithStatus(
      editPage.action,
      post(spec, cookie, [
        ["text", "Familjer och forskare behöver badplatserna."],
        ["sourceRequestIds", first.id],
        ["version", "0"],
      ]),
    );
    expect(saved).toEqual({ status: 200, data: { ok: true, message: "specificationBenefit.saved" } });

    // Anyone reads it, without signing in.
    const page = await runWithStatus(benefitPage.loader, get(`/specifikationer/${spec}/nytta`, spec));
    expect(page.status).toBe(200);
    const data = page.data as Awaited<ReturnType<typeof benefitPage.loader>>;
    expect(data.summary).toMatchObject({ text: "Familjer och forskare behöver badplatserna.", updatedBy: "coordinator", hiddenSources: 0 });
    expect(data.summary!.sources.map((s) => s.number)).toEqual([first.number]);
    expect(data.benefits.map((b) => b.number).sort()).toEqual([first.number, second.number].sort());
    // The requester's Markdown reaches the page as safe HTML.
    expect(data.benefits.find((b) => b.number === first.number)?.purposeHtml).toContain("<strong>badapp</strong>");
    expect(data.demand).toMatchObject({ requests: 2, requesters: 2 });
    expect(data.canManage).toBe(false);

    const specificationData = (await runWithStatus(specificationPage.loader, get(`/specifikationer/${spec}`, spec))).data as Awaited<
      ReturnType<typeof specificationPage.loader>
    >;
    expect(specificationData.benefit).toMatchObject({ benefitTotal: 2, demand: { requests: 2 } });
    expect(specificationData.benefit.summary?.text).toBe("Familjer och forskare behöver badplatserna.");
    expect(specificationData.history.map((event) => event.action)).toContain("benefit_summary");
  });

  it("gives GET /api/specifications the same demand as the page, and the summary", async () => {
    const spec = await newSpecification();
    const coordinator = await createTestUser({ role: "coordinator" });
    const anna = await createTestUser();
    await askFor(spec, { requesterUserId: anna.id, requesterOrganisationName: "Bolaget AB", voterIds: [anna.id] });
    await askFor(spec, { requesterUserId: anna.id, requesterOrganisationName: "bolaget ab" });
    // Rejected: no demand, here or there.
    await askFor(spec, { status: "rejected", requesterOrganisationName: "Annat AB" });
    await saveBenefitSummary({
      actor: await actorOf(coordinator),
      specificationId: spec,
      text: "Sammanfattad nytta.",
      sourceRequestIds: [],
      version: 0,
    });

    const response = (await runWithStatus(apiRoute.loader, pageRequest("/api/specifications?pageSize=100"))).data as Response;
    const body = (await response.json()) as { items: unknown[]; total: number };
    expect(body.total).toBeLessThanOrEqual(100);
    const item = specificationSummary.parse(body.items.find((i) => (i as { id: string }).id === spec));
    expect(item.demand).toEqual({ requests: 2, surveyQuestions: 0, requesters: 1, organisations: 1, votes: 1, followers: 0 });
    expect(item.benefitSummary).toBe("Sammanfattad nytta.");
    const page = (await runWithStatus(benefitPage.loader, get(`/specifikationer/${spec}/nytta`, spec))).data as Awaited<
      ReturnType<typeof benefitPage.loader>
    >;
    expect(page.demand).toMatchObject({ requests: item.demand.requests, requesters: item.demand.requesters, voters: item.demand.votes });
  });

  it("is a 404 for a specification that does not exist, never a 500", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await runWithStatus(benefitPage.loader, get(`/specifikationer/${missing}/nytta`, missing))).status).toBe(404);
    expect((await runWithStatus(benefitPage.loader, get(`/specifikationer/x/nytta`, "x"))).status).toBe(404);
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    expect((await runWithStatus(editPage.loader, get(`/specifikationer/${missing}/nytta/redigera`, missing, cookie))).status).toBe(404);
    const posted = post(missing, cookie, [
      ["text", "Text."],
      ["version", "0"],
    ]);
    expect((await runWithStatus(editPage.action, posted)).status).toBe(404);
  });
});
