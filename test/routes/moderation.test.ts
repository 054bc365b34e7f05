import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client.server";
import { consumeUserLimit } from "../../app/auth/rate-limit.server";
import { addComment } from "../../app/models/comment.server";
import { acceptDatasetAsAnswer, createRequest } from "../../app/models/request.server";
import * as home from "../../app/routes/_index";
import * as adminModeration from "../../app/routes/admin.moderering";
import * as queue from "../../app/routes/admin.triage._index";
import * as triage from "../../app/routes/admin.triage.$number/route";
import * as apiRequest from "../../app/routes/api.requests.$number";
import * as apiRequests from "../../app/routes/api.requests";
import * as requestPage from "../../app/routes/requests.$number/route";
import * as register from "../../app/routes/requests._index";
import * as newRequest from "../../app/routes/requests.new";
import * as registerFeed from "../../app/routes/requests[.]atom";
import * as requestFeed from "../../app/routes/requests.$number_.events[.]atom";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest, newRequestInput, requestForm } from "../factories/request";
import { createTestUser, getMunicipality, sessionCookieFor } from "../factories/user";
import { pageRequest, run, runWithStatus } from "../support/route-request";

/**
 * Moderation (issue 13, ADR 040): publishing only after triage, one rule for every public view;
 * "report as inappropriate" and the coordinators' handling of reports in the triage queue.
 */

let address = 0;
/** A public (API, feed) route as a machine calls it, each call from its own address so no limit is met. */
function callPublic(loader: (args: LoaderFunctionArgs) => Promise<Response>, path: string, params: Record<string, string> = {}) {
  address += 1;
  return loader({ ...pageRequest(path, { clientAddress: `10.9.${Math.floor(address / 250)}.${address % 250}` }), params });
}

function loadRequestPage(number: number, cookie?: string) {
  return runWithStatus(requestPage.loader, { ...pageRequest(`/requests/${number}`, { cookie }), params: { number: String(number) } });
}

function postRequestPage(number: number, form: Record<string, string>, cookie?: string) {
  return runWithStatus(requestPage.action, { ...pageRequest(`/requests/${number}`, { cookie, form }), params: { number: String(number) } });
}

function postQueue(form: Record<string, string>, cookie?: string) {
  return runWithStatus(queue.action, pageRequest("/admin/triage", { cookie, form }));
}

async function setPublishing(cookie: string, publishing: "immediately" | "after_triage") {
  return runWithStatus(adminModeration.action, pageRequest("/admin/moderering", { cookie, form: { publishing } }));
}

let coordinator: { id: string; cookie: string };

beforeAll(async () => {
  const user = await createTestUser({ role: "coordinator" });
  coordinator = { id: user.id, cookie: await sessionCookieFor(user.id) };
});

// One database per test worker: the setting must not outlive this file's tests.
afterEach(async () => {
  await db.updateTable("moderation_settings").set({ publish_after_triage: false }).execute();
});

describe("publishing only after triage", () => {
  it("is the coordinators' setting, audited; requesters may not change it", async () => {
    const requester = await createTestUser();
    const refused = await runWithStatus(
      adminModeration.action,
      pageRequest("/admin/moderering", { cookie: await sessionCookieFor(requester.id), form: { publishing: "after_triage" } }),
    );
    expect(refused.status).toBe(403);
    expect(
      (await runWithStatus(adminModeration.loader, pageRequest("/admin/moderering", { cookie: await sessionCookieFor(requester.id) })))
        .status,
    ).toBe(403);
    const visitor = await runWithStatus(adminModeration.loader, pageRequest("/admin/moderering"));
    expect((visitor.data as Response).headers.get("Location")).toMatch(/^\/login/);
    expect((await setPublishing(coordinator.cookie, "sometimes" as "immediately")).data).toMatchObject({
      ok: false,
      fieldErrors: { publishing: ["moderation.errors.publishingRequired"] },
    });
    expect((await setPublishing(coordinator.cookie, "after_triage")).data).toEqual({ ok: true });
    const page = (await run(adminModeration.loader, pageRequest("/admin/moderering", { cookie: coordinator.cookie }))) as {
      publishAfterTriage: boolean;
    };
    expect(page.publishAfterTriage).toBe(true);
    const event = await db
      .selectFrom("events")
      .select(["actor_user_id", "data"])
      .where("entity_type", "=", "settings")
      .where("entity_id", "=", "moderation")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_user_id: coordinator.id,
      data: { from: { publishAfterTriage: false }, to: { publishAfterTriage: true } },
    });
  });

  it("hides a new request from visitors, other users, the register, the API, the feeds, the home page and search until triage routes it", async () => {
    const earlier = await createTestRequest({ title: "Lekplatser med skugga i Alingsås", status: "submitted" });
    await setPublishing(coordinator.cookie, "after_triage");
    const requester = await createTestUser();
    const requesterCookie = await sessionCookieFor(requester.id);
    const otherCookie = await sessionCookieFor((await createTestUser()).id);
    const title = "Hundrastgårdar med belysning och sittplatser";
    const held = await createRequest({
      requesterUserId: requester.id,
      request: newRequestInput({ title, body: "Var finns hundrastgårdarna?" }),
    });
    const number = String(held.number);

    // The one it was submitted before the switch stays public.
    expect((await loadRequestPage(earlier.number)).status).toBe(200);

    expect((await loadRequestPage(held.number)).status).toBe(404);
    expect((await loadRequestPage(held.number, otherCookie)).status).toBe(404);
    const own = await loadRequestPage(held.number, requesterCookie);
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ request: { heldForReview: true } });
    expect((await loadRequestPage(held.number, coordinator.cookie)).status).toBe(200);
    // Nobody else can act on what they cannot see.
    expect((await postRequestPage(held.number, { intent: "vote" }, otherCookie)).status).toBe(404);

    const listed = JSON.stringify(await run(register.loader, pageRequest("/requests?sort=newest")));
    expect(listed).not.toContain(title);
    expect(listed).toContain("Lekplatser med skugga i Alingsås");
    expect(JSON.stringify(await run(home.loader, pageRequest("/")))).not.toContain(title);
    expect(await (await callPublic(apiRequests.loader, "/api/requests?sort=newest&pageSize=100")).text()).not.toContain(title);
    expect((await callPublic(apiRequest.loader, `/api/requests/${number}`, { number })).status).toBe(404);
    expect(await (await callPublic(registerFeed.loader, "/requests.atom")).text()).not.toContain(title);
    expect((await callPublic(requestFeed.loader, `/requests/${number}/events.atom`, { number })).status).toBe(404);
    await drainOutbox(getSearchEngine(), {});
    const before = await getSearchEngine().match(`${title} i kommunen`, { limit: 20 });
    expect(before.requests.map((r) => r.number)).not.toContain(held.number);

    // Triage opens it: public everywhere, and the route's event says it published it.
    const boras = await getMunicipality("1490");
    const routed = await run(triage.action, {
      ...pageRequest(`/admin/triage/${number}`, {
        cookie: coordinator.cookie,
        form: { intent: "route", workingDays: "15", organisationIds: boras.id },
      }),
      params: { number },
    });
    expect(routed).toMatchObject({ ok: true });
    const route = await db
      .selectFrom("events")
      .select("data")
      .where("entity_type", "=", "request")
      .where("entity_id", "=", held.id)
      .where("action", "=", "route")
      .executeTakeFirstOrThrow();
    expect(route.data).toMatchObject({ published: true });
    expect((await loadRequestPage(held.number)).status).toBe(200);
    expect(JSON.stringify(await run(register.loader, pageRequest("/requests?sort=newest")))).toContain(title);
    expect((await callPublic(apiRequest.loader, `/api/requests/${number}`, { number })).status).toBe(200);
    expect(await (await callPublic(registerFeed.loader, "/requests.atom")).text()).toContain(title);
    await drainOutbox(getSearchEngine(), {});
    const after = await getSearchEngine().match(`${title} i kommunen`, { limit: 20 });
    expect(after.requests.map((r) => r.number)).toContain(held.number);
  });

  it("lets no one but its requester support a held request from the new-request form, nor vote for it", async () => {
    await setPublishing(coordinator.cookie, "after_triage");
    const requester = await createTestUser();
    const held = await createRequest({ requesterUserId: requester.id, request: newRequestInput({ title: "Isbanor vintertid" }) });
    const other = await createTestUser();
    const supported = await runWithStatus(
      newRequest.action,
      pageRequest("/requests/new", { cookie: await sessionCookieFor(other.id), form: requestForm({ intent: `support:${held.id}` }) }),
    );
    expect(supported.status).toBe(404);
    const votes = await db.selectFrom("votes").select("user_id").where("request_id", "=", held.id).execute();
    expect(votes.map((v) => v.user_id)).toEqual([requester.id]);
    // The held request is in the queue, marked as not public.
    const data = (await run(queue.loader, pageRequest("/admin/triage", { cookie: coordinator.cookie }))) as Awaited<
      ReturnType<typeof queue.loader>
    >;
    expect(data.queue.find((r) => r.number === held.number)).toMatchObject({ heldForReview: true });
  });

  it("does not name a held original on the page of a duplicate merged into it", async () => {
    await setPublishing(coordinator.cookie, "after_triage");
    const held = await createRequest({
      requesterUserId: (await createTestUser()).id,
      request: newRequestInput({ title: "Dold original" }),
    });
    const duplicate = await createTestRequest({ title: "Synlig dubblett", status: "duplicate", duplicateOf: held.id });
    const page = await loadRequestPage(duplicate.number);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toContain("Dold original");
    expect(page.data).toMatchObject({ request: { duplicateOf: null } });
    // A coordinator is shown where it went.
    expect((await loadRequestPage(duplicate.number, coordinator.cookie)).data).toMatchObject({
      request: { duplicateOf: { number: held.number, title: "Dold original" } },
    });
  });

  it("holds a request its requester answered at once from the catalogue too: its text stays with its requester and the coordinators", async () => {
    await setPublishing(coordinator.cookie, "after_triage");
    const dataset = await createTestDataset({ title: "Badplatser" });
    const requester = await createTestUser();
    // Nothing routes a request answered by existing data: without the hold, any text with a matching
    // word was public at once and for good (the lifecycle lets no one reject it).
    const accepted = await acceptDatasetAsAnswer({
      requesterUserId: requester.id,
      request: newRequestInput({ title: "Badplatser", body: "Billiga klockor på example.com" }),
      datasetUri: dataset.uri,
    });
    expect((await loadRequestPage(accepted.number)).status).toBe(404);
    const own = await loadRequestPage(accepted.number, await sessionCookieFor(requester.id));
    expect(own.status).toBe(200);
    expect(own.data).toMatchObject({ request: { heldForReview: true, status: "answered_by_existing_data" } });
    expect((await loadRequestPage(accepted.number, coordinator.cookie)).status).toBe(200);
  });

  it("holds nothing while the setting is off, the default", async () => {
    const requester = await createTestUser();
    const request = await createRequest({
      requesterUserId: requester.id,
      request: newRequestInput({ title: "Cykelpumpar längs stråken" }),
    });
    expect((await loadRequestPage(request.number)).status).toBe(200);
  });
});

describe("reporting a request or a comment", () => {
  it("takes one report per user and item, never of one's own, and sends a visitor to sign in", async () => {
    const requester = await createTestUser();
    const commenter = await createTestUser();
    const reader = await createTestUser();
    const [requesterCookie, commenterCookie, readerCookie] = await Promise.all(
      [requester, commenter, reader].map((user) => sessionCookieFor(user.id)),
    );
    const request = await createTestRequest({ requesterUserId: requester.id, status: "open" });
    const { commentId } = await addComment({ requestId: request.id, authorUserId: commenter.id, body: "Köp billiga klockor här!" });

    const visitor = await postRequestPage(request.number, { intent: "report", commentId, reason: "spam" });
    expect(visitor.status).toBe(302);
    expect((visitor.data as Response).headers.get("Location")).toMatch(/^\/login/);

    expect((await postRequestPage(request.number, { intent: "report", reason: "spam" }, requesterCookie)).data).toMatchObject({
      ok: false,
      formErrors: ["moderation.errors.ownContent"],
    });
    expect((await postRequestPage(request.number, { intent: "report", commentId, reason: "spam" }, commenterCookie)).data).toMatchObject({
      ok: false,
      formErrors: ["moderation.errors.ownContent"],
    });
    expect((await postRequestPage(request.number, { intent: "report", commentId, reason: "" }, readerCookie)).data).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["moderation.errors.reasonRequired"] },
    });

    const sent = await postRequestPage(request.number, { intent: "report", commentId, reason: "spam", note: "Reklam." }, readerCookie);
    expect(sent.data).toMatchObject({ ok: true, message: "moderation.report.sent", commentId });
    const again = await postRequestPage(request.number, { intent: "report", commentId, reason: "offensive" }, readerCookie);
    expect(again.data).toMatchObject({ ok: false, formErrors: ["moderation.errors.alreadyReported"] });
    expect(await postRequestPage(request.number, { intent: "report", reason: "personal_data" }, readerCookie)).toMatchObject({
      data: { ok: true },
    });

    const reports = await db
      .selectFrom("content_reports")
      .select(["id", "comment_id", "reason", "note"])
      .where("request_id", "=", request.id)
      .orderBy("created_at")
      .execute();
    expect(reports).toMatchObject([
      { comment_id: commentId, reason: "spam", note: "Reklam." },
      { comment_id: null, reason: "personal_data", note: null },
    ]);
    const events = await db
      .selectFrom("events")
      .select(["entity_id", "action", "actor_user_id"])
      .where("entity_type", "=", "content_report")
      .where(
        "entity_id",
        "in",
        reports.map((r) => r.id),
      )
      .execute();
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.action === "create" && e.actor_user_id === reader.id)).toBe(true);
    // Never on the request's public timeline.
    const page = (await loadRequestPage(request.number, readerCookie)).data as {
      timeline: { action: string }[];
      viewer: Record<string, unknown>;
    };
    expect(page.timeline.map((e) => e.action)).not.toContain("create");
    expect(page.viewer).toMatchObject({ reportedRequest: true, reportedCommentIds: [commentId] });
  });
});

describe("the limit on reports", () => {
  it("refuses a user's 21st report within the hour, writing nothing", async () => {
    const reader = await createTestUser();
    const request = await createTestRequest({ status: "open" });
    for (let i = 0; i < 20; i++) await consumeUserLimit("report", reader.id);
    const refused = await postRequestPage(request.number, { intent: "report", reason: "spam" }, await sessionCookieFor(reader.id));
    expect(refused.data).toMatchObject({ ok: false, formErrors: ["errors.rateLimited"] });
    expect((refused.data as { minutes?: number }).minutes).toBeGreaterThan(0);
    expect(await db.selectFrom("content_reports").select("id").where("request_id", "=", request.id).execute()).toEqual([]);
  });
});

describe("the coordinators' handling of reports", () => {
  it("lists reported items with their count, and dismisses, hides or rejects with events; others are refused", async () => {
    const requester = await createTestUser();
    const commenter = await createTestUser();
    const readers = await Promise.all([createTestUser(), createTestUser()]);
    const readerCookies = await Promise.all(readers.map((r) => sessionCookieFor(r.id)));
    const request = await createTestRequest({ requesterUserId: requester.id, status: "submitted", title: "Köp klockor billigt" });
    const { commentId } = await addComment({ requestId: request.id, authorUserId: commenter.id, body: "Ring 070-123 45 67" });
    for (const cookie of readerCookies) {
      await postRequestPage(request.number, { intent: "report", commentId, reason: "personal_data" }, cookie);
    }
    await postRequestPage(request.number, { intent: "report", reason: "spam" }, readerCookies[0]);

    const data = (await run(queue.loader, pageRequest("/admin/triage", { cookie: coordinator.cookie }))) as Awaited<
      ReturnType<typeof queue.loader>
    >;
    const items = data.reports.items.filter((item) => item.requestId === request.id);
    expect(items).toMatchObject([
      { commentId, reports: 2, reasons: ["personal_data"], commentState: "visible" },
      { commentId: null, reports: 1, reasons: ["spam"], canReject: true },
    ]);
    expect(data.reports.waiting).toBeGreaterThanOrEqual(3);

    // Only coordinators: a requester gets the 403 page, for the list and the forms alike.
    expect((await runWithStatus(queue.loader, pageRequest("/admin/triage", { cookie: readerCookies[0] }))).status).toBe(403);
    expect(
      (await postQueue({ intent: "resolveReports", requestId: request.id, commentId, resolution: "dismissed" }, readerCookies[0])).status,
    ).toBe(403);
    expect((await postQueue({ intent: "resolveReports", requestId: request.id, commentId, resolution: "dismissed" })).status).toBe(302);

    expect(
      (
        await postQueue(
          { intent: "resolveReports", requestId: request.id, commentId, resolution: "hidden", reason: " " },
          coordinator.cookie,
        )
      ).data,
    ).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["moderation.errors.resolveReasonRequired"] },
    });
    const hidden = await postQueue(
      { intent: "resolveReports", requestId: request.id, commentId, resolution: "hidden", reason: "Personuppgifter" },
      coordinator.cookie,
    );
    expect(hidden.data).toMatchObject({ ok: true, message: "moderation.queue.hidden" });
    const comment = await db
      .selectFrom("comments")
      .select(["hidden_at", "hidden_reason"])
      .where("id", "=", commentId)
      .executeTakeFirstOrThrow();
    expect(comment.hidden_at).not.toBeNull();
    expect(comment.hidden_reason).toBe("Personuppgifter");
    const page = (await loadRequestPage(request.number)).data as { comments: { id: string; state: string; body: string | null }[] };
    expect(page.comments.find((c) => c.id === commentId)).toMatchObject({ state: "hidden", body: null });
    const commentEvents = await db
      .selectFrom("events")
      .select("action")
      .where("entity_type", "=", "comment")
      .where("entity_id", "=", commentId)
      .execute();
    expect(commentEvents.map((e) => e.action)).toContain("hide");
    const resolved = await db
      .selectFrom("content_reports")
      .select(["resolution", "resolved_by"])
      .where("comment_id", "=", commentId)
      .execute();
    expect(resolved).toEqual([
      { resolution: "hidden", resolved_by: coordinator.id },
      { resolution: "hidden", resolved_by: coordinator.id },
    ]);
    const resolveEvents = await db
      .selectFrom("events")
      .select(["to_state", "reason"])
      .where("entity_type", "=", "content_report")
      .where("action", "=", "resolve")
      .where("actor_user_id", "=", coordinator.id)
      .where(sql<string>`data->>'commentId'`, "=", commentId)
      .execute();
    expect(resolveEvents).toEqual([
      { to_state: "hidden", reason: "Personuppgifter" },
      { to_state: "hidden", reason: "Personuppgifter" },
    ]);

    // Another coordinator's second try finds nothing left to resolve.
    expect(
      (await postQueue({ intent: "resolveReports", requestId: request.id, commentId, resolution: "dismissed" }, coordinator.cookie)).data,
    ).toMatchObject({
      ok: false,
      formErrors: ["moderation.errors.noOpenReports"],
    });

    // The request's report: dismissed, the request untouched.
    expect(
      (await postQueue({ intent: "resolveReports", requestId: request.id, commentId: "", resolution: "dismissed" }, coordinator.cookie))
        .data,
    ).toMatchObject({ ok: true, message: "moderation.queue.dismissed" });
    const after = await db.selectFrom("requests").select("status").where("id", "=", request.id).executeTakeFirstOrThrow();
    expect(after.status).toBe("submitted");
    const left = (await run(queue.loader, pageRequest("/admin/triage", { cookie: coordinator.cookie }))) as Awaited<
      ReturnType<typeof queue.loader>
    >;
    expect(left.reports.items.filter((item) => item.requestId === request.id)).toEqual([]);
  });

  it("rejects a reported request through its lifecycle, with the reason", async () => {
    const request = await createTestRequest({ requesterUserId: (await createTestUser()).id, status: "submitted" });
    const reader = await createTestUser();
    await postRequestPage(request.number, { intent: "report", reason: "offensive" }, await sessionCookieFor(reader.id));
    const rejected = await postQueue(
      { intent: "resolveReports", requestId: request.id, commentId: "", resolution: "rejected", reason: "Kränkande innehåll" },
      coordinator.cookie,
    );
    expect(rejected.data).toMatchObject({ ok: true, message: "moderation.queue.rejected" });
    const row = await db.selectFrom("requests").select(["status", "status_reason"]).where("id", "=", request.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "rejected", status_reason: "Kränkande innehåll" });
    const event = await db
      .selectFrom("events")
      .select(["action", "to_state"])
      .where("entity_type", "=", "request")
      .where("entity_id", "=", request.id)
      .where("action", "=", "reject")
      .executeTakeFirstOrThrow();
    expect(event.to_state).toBe("rejected");
  });
});
