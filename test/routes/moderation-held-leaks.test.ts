import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client.server";
import { createRequest, markDuplicate, routeRequest } from "../../app/models/request.server";
import * as adminModeration from "../../app/routes/admin.moderering";
import * as adminReport from "../../app/routes/admin.tidsbesparing._index/route";
import * as triage from "../../app/routes/admin.triage.$number/route";
import * as apiRequest from "../../app/routes/api.requests.$number";
import * as reportJson from "../../app/routes/api.reports.time-saved";
import * as reportCsv from "../../app/routes/api.reports.time-saved[.]csv";
import * as requestPage from "../../app/routes/requests.$number/route";
import * as requestFeed from "../../app/routes/requests.$number_.events[.]atom";
import { newRequestInput } from "../factories/request";
import { createTestUser, getMunicipality, sessionCookieFor } from "../factories/user";
import { pageRequest, run, runWithStatus } from "../support/route-request";

/**
 * What a request held for review (ADR 040) must not leak through a merge, the time-saved ledger,
 * the original's timeline, or the settings' audit trail (issue 13, the review of ADR 040).
 */

let address = 0;
/** A public route as a machine calls it, each call from its own address so no limit is met. */
function callPublic(loader: (args: LoaderFunctionArgs) => Promise<Response>, path: string, params: Record<string, string> = {}) {
  address += 1;
  return loader({ ...pageRequest(path, { clientAddress: `10.8.${Math.floor(address / 250)}.${address % 250}` }), params });
}

const holdNewRequests = (on: boolean) => db.updateTable("moderation_settings").set({ publish_after_triage: on }).execute();

let coordinator: { id: string; cookie: string };

beforeAll(async () => {
  const user = await createTestUser({ role: "coordinator" });
  coordinator = { id: user.id, cookie: await sessionCookieFor(user.id) };
});

// One database per test worker: the setting must not outlive this file's tests.
afterEach(async () => {
  await holdNewRequests(false);
});

/** A public original routed to Borås and Skövde, and a held request asking Borås, merged into it. */
async function heldDuplicateMergedIntoPublicOriginal(input: { reason: string; organisationName?: string }) {
  const [boras, skovde] = await Promise.all([getMunicipality("1490"), getMunicipality("1496")]);
  const original = await createRequest({
    requesterUserId: (await createTestUser()).id,
    request: newRequestInput({ title: "Badplatser med tillgänglighet" }),
  });
  await routeRequest({ actorUserId: coordinator.id, requestId: original.id, organisationIds: [boras.id, skovde.id], workingDays: 20 });
  await holdNewRequests(true);
  const requester = await createTestUser();
  const duplicate = await createRequest({
    requesterUserId: requester.id,
    request: newRequestInput({
      title: "Badplatser för rullstol i Borås",
      targetScope: "chosen",
      targetOrganisationIds: [boras.id],
      ...(input.organisationName ? { shownAs: "organisation" as const, requesterOrganisationName: input.organisationName } : {}),
    }),
  });
  await holdNewRequests(false);
  await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id, reason: input.reason });
  return { original, duplicate, requester };
}

describe("merging into a request held for review", () => {
  it("is refused in triage with a message, writing, moving and mailing nothing, and keeps what the coordinator typed", async () => {
    await holdNewRequests(true);
    const held = await createRequest({
      requesterUserId: (await createTestUser()).id,
      request: newRequestInput({ title: "Hemlig fråga om vattentäkter" }),
    });
    await holdNewRequests(false);
    const requester = await createTestUser();
    const duplicate = await createRequest({ requesterUserId: requester.id, request: newRequestInput({ title: "Vattentäkter i länet" }) });
    const follower = await createTestUser();
    await db.insertInto("follows").values({ request_id: duplicate.id, user_id: follower.id }).execute();
    const mailsBefore = await db
      .selectFrom("mail_outbox")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();

    const form = { intent: "duplicate", originalNumber: String(held.number), reason: "Samma fråga som den om vattentäkter." };
    const answer = await runWithStatus(triage.action, {
      ...pageRequest(`/admin/triage/${duplicate.number}`, { cookie: coordinator.cookie, form }),
      params: { number: String(duplicate.number) },
    });
    expect(answer.status).toBe(400);
    expect(answer.data).toMatchObject({
      ok: false,
      fieldErrors: { originalNumber: ["errors.originalHeld"] },
      values: { originalNumber: String(held.number), reason: form.reason },
    });

    const mailsAfter = await db
      .selectFrom("mail_outbox")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(mailsAfter.n)).toBe(Number(mailsBefore.n));
    const follows = await db.selectFrom("follows").select(["request_id", "user_id"]).where("user_id", "=", follower.id).execute();
    expect(follows).toEqual([{ request_id: duplicate.id, user_id: follower.id }]);
    const row = await db.selectFrom("requests").select(["status", "duplicate_of"]).where("id", "=", duplicate.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "submitted", duplicate_of: null });
    const merges = await db
      .selectFrom("events")
      .select("id")
      .where("entity_id", "in", [held.id, duplicate.id])
      .where("action", "in", ["merge_duplicate", "mark_duplicate"])
      .execute();
    expect(merges).toEqual([]);
    expect(await db.selectFrom("time_saved").select("id").where("request_id", "=", duplicate.id).execute()).toEqual([]);
  });

  it("is refused by the command itself, whoever calls it", async () => {
    await holdNewRequests(true);
    const held = await createRequest({ requesterUserId: (await createTestUser()).id, request: newRequestInput() });
    await holdNewRequests(false);
    const duplicate = await createRequest({ requesterUserId: (await createTestUser()).id, request: newRequestInput() });
    await expect(markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: held.id })).rejects.toMatchObject({
      status: 409,
      messageKey: "errors.originalHeld",
    });
  });
});

type CsvRow = Record<string, string>;

/** The ledger export, parsed: no field of these tests holds a semicolon, quote or line break of its own. */
async function ledgerCsv() {
  const response = await callPublic(reportCsv.loader, "/api/reports/time-saved.csv");
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  const [names, ...records] = text
    .slice(1)
    .split("\r\n")
    .filter(Boolean)
    .map((line) => line.split(";").map((field) => (field.startsWith('"') ? field.slice(1, -1).replaceAll('""', '"') : field)));
  return { text, rows: records.map((record): CsvRow => Object.fromEntries(names.map((name, i) => [name, record[i]]))) };
}

describe("the public time-saved ledger", () => {
  it("names no request held for review, nor its requester, in the CSV or the JSON; coordinators' report still does", async () => {
    const { original, duplicate } = await heldDuplicateMergedIntoPublicOriginal({
      reason: "Samma fråga.",
      organisationName: "Hemliga Frågor AB",
    });
    // A merge into a held original written before merging into one was refused: its number is not shown either.
    await holdNewRequests(true);
    const heldOriginal = await createRequest({ requesterUserId: (await createTestUser()).id, request: newRequestInput() });
    await holdNewRequests(false);
    const skovde = await getMunicipality("1496");
    await db
      .insertInto("time_saved")
      .values({
        request_id: original.id,
        organisation_id: skovde.id,
        minutes: 240,
        reason: "duplicate_merged",
        basis: "asked_by_both",
        basis_detail: JSON.stringify({ original: heldOriginal.number, askedByDuplicate: 2, askedByOriginal: 1 }),
        assumption_version: 1,
      })
      .execute();

    const { text, rows } = await ledgerCsv();
    expect(text).not.toContain("Hemliga Frågor AB");
    const merged = rows.filter((r) => r.reason === "duplicate_merged" && r.organisation_slug === "boras");
    const fromHeld = merged.find((r) => JSON.parse(r.basis_detail).original === original.number)!;
    expect(fromHeld).toBeDefined();
    expect(fromHeld).toMatchObject({ request_number: "", requester_type: "", requester_organisation: "" });
    expect(rows.map((r) => r.request_number)).not.toContain(String(duplicate.number));
    const intoHeld = rows.find((r) => r.request_number === String(original.number) && r.reason === "duplicate_merged")!;
    expect(JSON.parse(intoHeld.basis_detail)).toEqual({ original: null, askedByDuplicate: 2, askedByOriginal: 1 });

    const json = await callPublic(reportJson.loader, "/api/reports/time-saved");
    const report = (await json.json()) as {
      byRequester: { requesterType: string; requesterOrganisation: string | null; minutes: number }[];
    };
    expect(JSON.stringify(report)).not.toContain("Hemliga Frågor AB");
    // The JSON's sums by requester are still the CSV's.
    const byRequester = new Map<string, number>();
    for (const r of rows) {
      const key = `${r.requester_type}|${r.requester_organisation}`;
      byRequester.set(key, (byRequester.get(key) ?? 0) + Number(r.minutes));
    }
    expect(new Map(report.byRequester.map((r) => [`${r.requesterType}|${r.requesterOrganisation ?? ""}`, r.minutes]))).toEqual(byRequester);

    const page = (await run(adminReport.loader, pageRequest("/admin/tidsbesparing", { cookie: coordinator.cookie }))) as {
      report: { byRequester: { requesterOrganisation: string | null }[] };
    };
    expect(page.report.byRequester.map((r) => r.requesterOrganisation)).toContain("Hemliga Frågor AB");
  });
});

describe("the original's timeline", () => {
  it("does not number a held duplicate merged into it, nor quote the merge's reason, except to those who may see the duplicate", async () => {
    const reason = "Samma som förfrågan om bad för rullstolsburna.";
    const { original, duplicate, requester } = await heldDuplicateMergedIntoPublicOriginal({ reason });
    const number = String(original.number);

    type Timeline = { timeline: { action: string; mergedDuplicateNumber: number | null; reason: string | null }[] };
    const mergeOf = (data: unknown) => (data as Timeline).timeline.find((e) => e.action === "merge_duplicate")!;
    const page = await runWithStatus(requestPage.loader, { ...pageRequest(`/requests/${number}`), params: { number } });
    expect(page.status).toBe(200);
    expect(mergeOf(page.data)).toMatchObject({ mergedDuplicateNumber: null, reason: null });

    const api = await callPublic(apiRequest.loader, `/api/requests/${number}`, { number });
    expect(mergeOf(await api.json())).toMatchObject({ mergedDuplicateNumber: null, reason: null });

    const feed = await (await callPublic(requestFeed.loader, `/requests/${number}/events.atom`, { number })).text();
    expect(feed).toContain("En dubblett slogs ihop med den här");
    expect(feed).not.toContain(`Förfrågan ${duplicate.number} `);
    expect(feed).not.toContain(reason);

    for (const cookie of [coordinator.cookie, await sessionCookieFor(requester.id)]) {
      const seen = await run(requestPage.loader, { ...pageRequest(`/requests/${number}`, { cookie }), params: { number } });
      expect(mergeOf(seen)).toMatchObject({ mergedDuplicateNumber: duplicate.number, reason });
    }
  });

  it("numbers a public duplicate merged into it, with the reason, for everyone", async () => {
    const original = await createRequest({ requesterUserId: (await createTestUser()).id, request: newRequestInput() });
    const duplicate = await createRequest({ requesterUserId: (await createTestUser()).id, request: newRequestInput() });
    await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id, reason: "Samma fråga." });
    const number = String(original.number);
    const page = await run(requestPage.loader, { ...pageRequest(`/requests/${number}`), params: { number } });
    expect((page as { timeline: { action: string }[] }).timeline.find((e) => e.action === "merge_duplicate")).toMatchObject({
      mergedDuplicateNumber: duplicate.number,
      reason: "Samma fråga.",
    });
  });
});

describe("saving the moderation setting unchanged", () => {
  it("changes neither who changed it last nor when, and writes no event", async () => {
    const save = (cookie: string, publishing: string) =>
      runWithStatus(adminModeration.action, pageRequest("/admin/moderering", { cookie, form: { publishing } }));
    expect((await save(coordinator.cookie, "after_triage")).data).toEqual({ ok: true });
    const read = () =>
      db.selectFrom("moderation_settings").select(["publish_after_triage", "updated_by", "updated_at"]).executeTakeFirstOrThrow();
    const events = () =>
      db.selectFrom("events").select("id").where("entity_type", "=", "settings").where("entity_id", "=", "moderation").execute();
    const before = await read();
    const eventsBefore = await events();
    expect(before).toMatchObject({ publish_after_triage: true, updated_by: coordinator.id });

    const other = await createTestUser({ role: "coordinator" });
    expect((await save(await sessionCookieFor(other.id), "after_triage")).data).toEqual({ ok: true });
    expect(await read()).toEqual(before);
    expect(await events()).toEqual(eventsBefore);
  });
});

describe("the ledger export's version", () => {
  it("changes when a held original a ledger row names is published, so no client keeps the copy without its number", async () => {
    const boras = await getMunicipality("1490");
    await holdNewRequests(true);
    const held = await createRequest({ requesterUserId: (await createTestUser()).id, request: newRequestInput() });
    await holdNewRequests(false);
    await db
      .insertInto("time_saved")
      .values({
        organisation_id: boras.id,
        minutes: 240,
        reason: "duplicate_merged",
        basis: "asked_by_both",
        basis_detail: JSON.stringify({ original: held.number }),
        assumption_version: 1,
      })
      .execute();
    const etag = async () => (await callPublic(reportCsv.loader, "/api/reports/time-saved.csv")).headers.get("ETag");
    const before = await etag();
    expect(before).toBeTruthy();
    expect(await etag()).toBe(before);
    await routeRequest({ actorUserId: coordinator.id, requestId: held.id, organisationIds: [boras.id], workingDays: 20 });
    expect(await etag()).not.toBe(before);
    const { rows } = await ledgerCsv();
    expect(rows.some((r) => r.basis_detail && JSON.parse(r.basis_detail).original === held.number)).toBe(true);
  });
});
