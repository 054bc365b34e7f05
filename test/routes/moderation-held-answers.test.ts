import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { acceptDatasetAsAnswer, createRequest } from "../../app/models/request.server";
import { reverseTimeSaved } from "../../app/models/time-saved.server";
import * as adminModeration from "../../app/routes/admin.moderering";
import * as queue from "../../app/routes/admin.triage._index";
import * as triage from "../../app/routes/admin.triage.$number/route";
import * as requestPage from "../../app/routes/requests.$number/route";
import * as datasetPage from "../../app/routes/datasets.$datasetId";
import type { LearningTables } from "../../search/learning/tables";
import { createTestDataset } from "../factories/dataset";
import { newRequestInput } from "../factories/request";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";

/**
 * A request its requester answered at once with a dataset is never routed, so while coordinators
 * publish only after triage nothing published it, and nothing could reject it (ADR 040): it waits
 * in the triage queue now, where a coordinator publishes it, or rejects it, which takes back its
 * time-saved credit and what the matcher would learn from its words.
 */

let coordinator: { id: string; cookie: string };

beforeAll(async () => {
  const user = await createTestUser({ role: "coordinator" });
  coordinator = { id: user.id, cookie: await sessionCookieFor(user.id) };
});

// One database per test worker: the setting must not outlive this file's tests.
afterEach(async () => {
  await db.updateTable("moderation_settings").set({ publish_after_triage: false }).execute();
});

async function publishAfterTriage() {
  const { status } = await runWithStatus(
    adminModeration.action,
    pageRequest("/admin/moderering", { cookie: coordinator.cookie, form: { publishing: "after_triage" } }),
  );
  expect(status).toBe(200);
}

async function answeredAtOnce(body: string) {
  const dataset = await createTestDataset({ title: "Badplatser i Borås", keywords: ["badplatser"], publisherKommunkod: "1490" });
  const requester = await createTestUser();
  const request = await acceptDatasetAsAnswer({
    requesterUserId: requester.id,
    request: newRequestInput({ title: "Badplatser", body }),
    datasetUri: dataset.uri,
  });
  return { ...request, datasetId: dataset.id };
}

const loadRequestPage = (number: number, cookie?: string) =>
  runWithStatus(requestPage.loader, { ...pageRequest(`/requests/${number}`, { cookie }), params: { number: String(number) } });

const postTriage = (number: number, form: Record<string, string>) =>
  runWithStatus(triage.action, {
    ...pageRequest(`/admin/triage/${number}`, { cookie: coordinator.cookie, form }),
    params: { number: String(number) },
  });

async function heldInQueue() {
  const { data } = await runWithStatus(queue.loader, pageRequest("/admin/triage", { cookie: coordinator.cookie }));
  return (data as Awaited<ReturnType<typeof queue.loader>>).heldAnswers.map((r) => ({ number: r.number, dataset: r.datasetTitle?.sv }));
}

const creditedMinutes = async (requestId: string) =>
  Number(
    (
      await db
        .selectFrom("time_saved")
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("minutes"), eb.lit(0)).as("minutes"))
        .where("request_id", "=", requestId)
        .executeTakeFirstOrThrow()
    ).minutes,
  );

const evidenceOf = (requestId: string) =>
  db.withTables<LearningTables>().selectFrom("search_match_evidence").select("id").where("request_id", "=", requestId).execute();

describe("a request answered at once while coordinators publish after triage", () => {
  it("waits in the triage queue with its dataset; a coordinator publishes it, and then everyone sees it", async () => {
    await publishAfterTriage();
    const accepted = await answeredAtOnce("Var finns badplatserna i Borås?");
    expect((await loadRequestPage(accepted.number)).status).toBe(404);
    expect(await heldInQueue()).toContainEqual({ number: accepted.number, dataset: "Badplatser i Borås" });

    const published = await postTriage(accepted.number, { intent: "publish" });
    expect(published.data).toMatchObject({ ok: true, message: "moderation.published" });
    const page = await loadRequestPage(accepted.number);
    expect(page.status).toBe(200);
    // The timeline says it was published, not that it "changed".
    const timeline = (page.data as Awaited<ReturnType<typeof requestPage.loader>>).timeline;
    expect(timeline.find((event) => event.action === "publish")?.changes).toEqual([{ what: "published" }]);
    expect((await heldInQueue()).map((r) => r.number)).not.toContain(accepted.number);
    const event = await db
      .selectFrom("events")
      .select(["action", "actor_user_id"])
      .where("entity_id", "=", accepted.id)
      .where("action", "=", "publish")
      .executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(coordinator.id);
    // The register's search and the matcher's "support this request" learn of it through the outbox.
    const queued = await db.selectFrom("search_outbox").select("id").where("entity_id", "=", accepted.id).execute();
    expect(queued.length).toBeGreaterThan(0);

    // Published twice (a colleague was quicker): told, nothing written.
    const again = await postTriage(accepted.number, { intent: "publish" });
    expect(again.status).toBe(400);
    expect(again.data).toMatchObject({ formErrors: ["errors.notHeld"] });
  });

  it("is rejected by a coordinator with a reason: it stays unseen, its time-saved credit is reversed and the matcher forgets its words", async () => {
    await publishAfterTriage();
    const accepted = await answeredAtOnce("Billiga klockor och väskor på example.com");
    expect(await creditedMinutes(accepted.id)).toBeGreaterThan(0);
    expect((await evidenceOf(accepted.id)).length).toBeGreaterThan(0);

    const withoutReason = await postTriage(accepted.number, { intent: "reject", reason: "" });
    expect(withoutReason.status).toBe(400);
    expect(await creditedMinutes(accepted.id)).toBeGreaterThan(0);

    const rejected = await postTriage(accepted.number, { intent: "reject", reason: "Reklam." });
    expect(rejected.data).toMatchObject({ ok: true, message: "triage.rejected" });
    const row = await db.selectFrom("requests").select(["status", "status_reason"]).where("id", "=", accepted.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "rejected", status_reason: "Reklam." });
    expect((await loadRequestPage(accepted.number)).status).toBe(404);
    expect(await creditedMinutes(accepted.id)).toBe(0);
    expect(await evidenceOf(accepted.id)).toEqual([]);
    expect((await heldInQueue()).map((r) => r.number)).not.toContain(accepted.number);
  });
});

describe("a request answered at once and public (the default)", () => {
  it("may be rejected from its triage page too, its credit reversed; it is not in the queue of held ones", async () => {
    const accepted = await answeredAtOnce("Köp billiga klockor");
    expect((await loadRequestPage(accepted.number)).status).toBe(200);
    expect((await heldInQueue()).map((r) => r.number)).not.toContain(accepted.number);
    expect((await postTriage(accepted.number, { intent: "publish" })).data).toMatchObject({ formErrors: ["errors.notHeld"] });

    const page = await runWithStatus(triage.loader, {
      ...pageRequest(`/admin/triage/${accepted.number}`, { cookie: coordinator.cookie }),
      params: { number: String(accepted.number) },
    });
    expect(page.data).toMatchObject({ request: { status: "answered_by_existing_data", heldForReview: false } });
    const linking = async () =>
      (
        (
          await runWithStatus(datasetPage.loader, {
            ...pageRequest(`/datasets/${accepted.datasetId}`),
            params: { datasetId: accepted.datasetId },
          })
        ).data as Awaited<ReturnType<typeof datasetPage.loader>>
      ).requests.map((r) => r.number);
    expect(await linking()).toContain(accepted.number);
    expect((await postTriage(accepted.number, { intent: "reject", reason: "Reklam." })).data).toMatchObject({ ok: true });
    expect(await creditedMinutes(accepted.id)).toBe(0);
    // The dataset's page no longer names the rejected text as a request it answers.
    expect(await linking()).not.toContain(accepted.number);
  });
});

describe("a rejection while a coordinator corrects the same ledger by hand", () => {
  it("waits for the correction and reverses what still counts, instead of failing on the row reversed meanwhile", async () => {
    const accepted = await answeredAtOnce("Klockor till salu");
    const [row] = await db.selectFrom("time_saved").select("id").where("request_id", "=", accepted.id).execute();
    let release!: () => void;
    let reversed!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reversedByHand = new Promise<void>((resolve) => (reversed = resolve));
    const byHand = db.transaction().execute(async (trx) => {
      await reverseTimeSaved(trx, { rowIds: [row.id], why: "Fel rad.", actorUserId: coordinator.id });
      reversed();
      await held;
    });
    await reversedByHand;
    const rejecting = postTriage(accepted.number, { intent: "reject", reason: "Reklam." });
    // Long enough for the rejection to reach the ledger while the correction is not committed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await byHand;
    expect((await rejecting).data).toMatchObject({ ok: true, message: "triage.rejected" });
    expect(await creditedMinutes(accepted.id)).toBe(0);
  });
});

describe("a survey every recipient had already answered", () => {
  it("is not rejected from triage: it is its sender's, closed from its own page", async () => {
    const sender = await createTestUser();
    const survey = await createRequest({
      requesterUserId: sender.id,
      request: newRequestInput({ kind: "survey", title: "Personal i kommunerna" }),
      answeredByExistingData: true,
    });
    const refused = await postTriage(survey.number, { intent: "reject", reason: "Fel." });
    expect(refused.status).toBe(400);
    expect(refused.data).toMatchObject({ formErrors: ["errors.transitionNotAllowed"], values: { reason: "Fel." } });
    const row = await db.selectFrom("requests").select("status").where("id", "=", survey.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("answered_by_existing_data");
  });
});
