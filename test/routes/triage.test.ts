import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { createRequest, type NewRequest } from "../../app/models/request.server";
import * as queue from "../../app/routes/admin.triage._index";
import * as triage from "../../app/routes/admin.triage.$number/route";
import { createTestUser, getMunicipality, sessionCookieFor } from "../factories/user";
import { pageRequest, run } from "../support/route-request";

async function submitted(overrides: Partial<NewRequest> = {}) {
  const user = await createTestUser();
  return createRequest({
    requesterUserId: user.id,
    request: {
      kind: "data",
      title: "Laddplatser",
      body: "Publika laddplatser för elbilar.",
      purpose: "Karttjänst.",
      requesterType: "company",
      shownAs: "organisation",
      requesterOrganisationName: "Laddbolaget AB",
      targetScope: "all",
      targetOrganisationIds: [],
      wishedFormat: null,
      updateFrequency: null,
      ...overrides,
    },
  });
}

function act(number: number, cookie: string, form: Record<string, string>) {
  return run(triage.action, { ...pageRequest(`/admin/triage/${number}`, { cookie, form }), params: { number: String(number) } });
}

describe("the triage pages", () => {
  it("lists submitted requests oldest first and routes one to its municipalities", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const boras = await getMunicipality("1490");
    const first = await submitted({ targetScope: "chosen", targetOrganisationIds: [boras.id] });
    const second = await submitted();
    const list = (await run(queue.loader, pageRequest("/admin/triage", { cookie }))) as Awaited<ReturnType<typeof queue.loader>>;
    const numbers = list.queue.map((r) => r.number);
    expect(numbers.indexOf(first.number)).toBeLessThan(numbers.indexOf(second.number));

    expect(await act(first.number, cookie, { intent: "route", workingDays: "15" })).toMatchObject({
      ok: false,
      fieldErrors: { organisationIds: ["errors.targetsRequired"] },
      values: { workingDays: "15" },
    });
    const routed = await act(first.number, cookie, { intent: "route", workingDays: "15", organisationIds: boras.id });
    expect(routed).toMatchObject({ ok: true, message: "triage.routed", params: { count: 1 } });
    const tasks = await db.selectFrom("tasks").select("organisation_id").where("request_id", "=", first.id).execute();
    expect(tasks).toEqual([{ organisation_id: boras.id }]);
    const again = (await run(queue.loader, pageRequest("/admin/triage", { cookie }))) as Awaited<ReturnType<typeof queue.loader>>;
    expect(again.queue.map((r) => r.number)).not.toContain(first.number);
    // Routing again is refused with a message, nothing written.
    expect(await act(first.number, cookie, { intent: "route", workingDays: "15", organisationIds: boras.id })).toMatchObject({
      ok: false,
      formErrors: ["errors.transitionNotAllowed"],
    });
    expect((await db.selectFrom("tasks").select("id").where("request_id", "=", first.id).execute()).length).toBe(1);
  });

  it("needs a reason to reject, and a real open request to merge into", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const request = await submitted();
    expect(await act(request.number, cookie, { intent: "reject", reason: "  " })).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["errors.reasonRequired"] },
    });
    expect(await act(request.number, cookie, { intent: "duplicate", originalNumber: "999999", reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { originalNumber: ["errors.originalNotFound"] },
      values: { originalNumber: "999999" },
    });
    expect(await act(request.number, cookie, { intent: "duplicate", originalNumber: String(request.number), reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { originalNumber: ["errors.originalNotFound"] },
    });
    const status = await db.selectFrom("requests").select("status").where("id", "=", request.id).executeTakeFirstOrThrow();
    expect(status.status).toBe("submitted");

    const original = await submitted();
    expect(
      await act(request.number, cookie, { intent: "duplicate", originalNumber: String(original.number), reason: "Samma sak" }),
    ).toMatchObject({
      ok: true,
      message: "triage.merged",
    });
  });

  it("keeps what the coordinator wrote when the request moved on meanwhile (a colleague routed it)", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const boras = await getMunicipality("1490");
    const request = await submitted();
    expect(await act(request.number, cookie, { intent: "route", workingDays: "15", organisationIds: boras.id })).toMatchObject({
      ok: true,
    });
    const reason = "Förfrågan gäller personuppgifter om enskilda och kan inte besvaras med öppna data.";
    expect(await act(request.number, cookie, { intent: "reject", reason })).toMatchObject({
      ok: false,
      formErrors: ["errors.transitionNotAllowed"],
      values: { intent: "reject", reason },
    });
  });

  it("edits the title and tags, recording the old title", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const request = await submitted();
    expect(
      await act(request.number, cookie, { intent: "edit", title: "Publika laddplatser för elbilar", tags: "Transport, el, transport" }),
    ).toMatchObject({ ok: true });
    const row = await db.selectFrom("requests").select(["title", "tags"]).where("id", "=", request.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: "Publika laddplatser för elbilar", tags: ["transport", "el"] });
    const event = await db
      .selectFrom("events")
      .select("data")
      .where("entity_id", "=", request.id)
      .where("action", "=", "edit")
      .executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({ previousTitle: "Laddplatser" });
  });

  it("answers 404 for an unknown request", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const response = await run(triage.loader, { ...pageRequest("/admin/triage/0", { cookie }), params: { number: "abc" } });
    expect((response as Response).status).toBe(404);
    // A well-formed number that no request has goes through the lookup itself, and so does a form
    // posted to it; a request that exists is found (so the 404 is about the number, not the cookie).
    const existing = await submitted();
    const missing = existing.number + 1_000_000;
    const absent = await run(triage.loader, {
      ...pageRequest(`/admin/triage/${missing}`, { cookie }),
      params: { number: String(missing) },
    });
    expect((absent as Response).status).toBe(404);
    expect(((await act(missing, cookie, { intent: "reject", reason: "Finns inte." })) as Response).status).toBe(404);
    const found = (await run(triage.loader, {
      ...pageRequest(`/admin/triage/${existing.number}`, { cookie }),
      params: { number: String(existing.number) },
    })) as Awaited<ReturnType<typeof triage.loader>>;
    expect(found.request.number).toBe(existing.number);
  });

  it("closes a routed request with an optional reason, telling the requester; a closed one cannot be closed again", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const cookie = await sessionCookieFor(coordinator.id);
    const requester = await createTestUser();
    const { createTestRequest } = await import("../factories/request");
    const request = await createTestRequest({ status: "partly_answered", requesterUserId: requester.id });
    const post = (form: Record<string, string>) =>
      run(triage.action, {
        ...pageRequest(`/admin/triage/${request.number}`, { cookie, form }),
        params: { number: String(request.number) },
      });
    expect(await post({ intent: "close", reason: "Inaktuell." })).toMatchObject({ ok: true, message: "triage.closed" });
    const row = await db.selectFrom("requests").select(["status", "status_reason"]).where("id", "=", request.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "closed", status_reason: "Inaktuell." });
    const mail = await db.selectFrom("mail_outbox").select(["kind", "text_body"]).where("to_address", "=", requester.email).execute();
    expect(mail).toEqual([{ kind: "request_closed", text_body: expect.stringContaining("Inaktuell.") }]);
    expect(await post({ intent: "close", reason: "" })).toMatchObject({ ok: false, formErrors: ["errors.transitionNotAllowed"] });
  });
});
