import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import {
  acceptDatasetAsAnswer,
  createRequest,
  markDuplicate,
  NotTargetableError,
  rejectRequest,
  routeRequest,
  SelfDuplicateError,
} from "../../app/models/request.server";
import { supportRequest } from "../../app/models/support.server";
import { TransitionError } from "../../app/models/lifecycle.server";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays } from "../../app/utils/working-days";
import { newRequestInput } from "../factories/request";
import { createTestUser, getMunicipality } from "../factories/user";
import { catalogFixture } from "../support/catalogs";

const count = async (table: "votes" | "follows" | "time_saved" | "tasks" | "request_targets", requestId: string) =>
  (await db.selectFrom(table).select("request_id").where("request_id", "=", requestId).execute()).length;

const statusOf = async (id: string) =>
  db
    .selectFrom("requests")
    .select(["status", "vote_count", "follower_count", "duplicate_of", "status_reason", "due_date"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

const events = async (id: string) =>
  db
    .selectFrom("events")
    .select(["action", "from_state", "to_state", "reason"])
    .where("entity_type", "=", "request")
    .where("entity_id", "=", id)
    .orderBy("id")
    .execute();

describe("submitting a request", () => {
  it("asks all 49 municipalities, counts the requester's own vote and follow, and is recorded and queued for search", async () => {
    const user = await createTestUser();
    const created = await createRequest({ requesterUserId: user.id, request: newRequestInput() });
    expect(await count("request_targets", created.id)).toBe(49);
    expect(await statusOf(created.id)).toMatchObject({ status: "submitted", vote_count: 1, follower_count: 1 });
    expect(await events(created.id)).toEqual([{ action: "submit", from_state: null, to_state: "submitted", reason: null }]);
    const outbox = await db.selectFrom("search_outbox").select("entity_type").where("entity_id", "=", created.id).execute();
    expect(outbox).toEqual([{ entity_type: "request" }]);
  });

  it("asks only the chosen municipalities, or the region", async () => {
    const user = await createTestUser();
    const boras = await getMunicipality("1490");
    const skovde = await getMunicipality("1496");
    const chosen = await createRequest({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [boras.id, skovde.id] }),
    });
    expect(await count("request_targets", chosen.id)).toBe(2);
    const region = await createRequest({ requesterUserId: user.id, request: newRequestInput({ targetScope: "region" }) });
    expect(await count("request_targets", region.id)).toBe(1);
  });
});

describe("accepting a dataset as the answer", () => {
  it("records the request as answered by existing data, links the dataset and credits the targeted publisher 240 minutes", async () => {
    const location = catalogFixture("catalog-vg-public.rdf");
    await harvestCatalogueSource(await getOrCreateCatalogueSource({ location }));
    const user = await createTestUser();
    const boras = await getMunicipality("1490");
    const lerum = await getMunicipality("1441");
    const dataset = await db
      .selectFrom("datasets")
      .select(["id", "uri"])
      .where("publisher_organisation_id", "=", boras.id)
      .orderBy("uri")
      .executeTakeFirstOrThrow();
    const created = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [boras.id, lerum.id] }),
      datasetUri: dataset.uri,
    });
    expect(await statusOf(created.id)).toMatchObject({ status: "answered_by_existing_data" });
    const link = await db.selectFrom("request_datasets").select(["dataset_id", "reason"]).where("request_id", "=", created.id).execute();
    expect(link).toEqual([{ dataset_id: dataset.id, reason: "accepted_answer" }]);
    const ledger = await db
      .selectFrom("time_saved")
      .select(["organisation_id", "minutes", "reason", "assumption_version"])
      .where("request_id", "=", created.id)
      .execute();
    // Lerum was asked too, but Borås's dataset spared only Borås (ADR 025).
    expect(ledger).toEqual([{ organisation_id: boras.id, minutes: 240, reason: "existing_dataset", assumption_version: 2 }]);

    // The ledger is append-only.
    await expect(db.updateTable("time_saved").set({ minutes: 1 }).where("request_id", "=", created.id).execute()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.deleteFrom("time_saved").where("request_id", "=", created.id).execute()).rejects.toThrow(/append-only/);
  });
});

describe("triage", () => {
  it("routes a submitted request: one task per organisation, due in Swedish working days; a second routing is refused", async () => {
    const [user, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const boras = await getMunicipality("1490");
    const created = await createRequest({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [boras.id] }),
    });
    const { dueDate } = await routeRequest({
      actorUserId: coordinator.id,
      requestId: created.id,
      organisationIds: [boras.id],
      workingDays: 20,
    });
    expect(dueDate).toBe(addWorkingDays(todayInSweden(), 20));
    expect(await statusOf(created.id)).toMatchObject({ status: "open", due_date: dueDate });
    const tasks = await db
      .selectFrom("tasks")
      .select(["organisation_id", "status", "due_date"])
      .where("request_id", "=", created.id)
      .execute();
    expect(tasks).toEqual([{ organisation_id: boras.id, status: "pending", due_date: dueDate }]);
    expect((await events(created.id)).at(-1)).toMatchObject({ action: "route", from_state: "submitted", to_state: "open" });
    await expect(
      routeRequest({ actorUserId: coordinator.id, requestId: created.id, organisationIds: [boras.id], workingDays: 5 }),
    ).rejects.toBeInstanceOf(TransitionError);
    expect(await count("tasks", created.id)).toBe(1);
  });

  it("refuses a change the lifecycle does not allow (an open request cannot be rejected) and writes nothing", async () => {
    const [user, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const boras = await getMunicipality("1490");
    const created = await createRequest({ requesterUserId: user.id, request: newRequestInput() });
    await routeRequest({ actorUserId: coordinator.id, requestId: created.id, organisationIds: [boras.id], workingDays: 5 });
    const before = await events(created.id);
    const refused = rejectRequest({ actorUserId: coordinator.id, requestId: created.id, reason: "För sent." });
    await expect(refused).rejects.toBeInstanceOf(TransitionError);
    await expect(refused).rejects.toMatchObject({
      entity: "request",
      from: "open",
      to: "rejected",
      status: 409,
      messageKey: "errors.transitionNotAllowed",
    });
    expect(await statusOf(created.id)).toMatchObject({ status: "open", status_reason: null });
    expect(await events(created.id)).toEqual(before);
  });

  it("routes only to organisations a request may ask: a company gets no task, and the request stays submitted", async () => {
    const [user, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const boras = await getMunicipality("1490");
    const company = await db
      .insertInto("organisations")
      .values({ slug: `badappen-${crypto.randomUUID()}`, name: "Badappen AB", type: "company" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const created = await createRequest({ requesterUserId: user.id, request: newRequestInput() });
    await expect(
      routeRequest({ actorUserId: coordinator.id, requestId: created.id, organisationIds: [boras.id, company.id], workingDays: 5 }),
    ).rejects.toBeInstanceOf(NotTargetableError);
    expect(await statusOf(created.id)).toMatchObject({ status: "submitted", due_date: null });
    expect(await count("tasks", created.id)).toBe(0);
    // Named twice, one organisation gets one task.
    await routeRequest({ actorUserId: coordinator.id, requestId: created.id, organisationIds: [boras.id, boras.id], workingDays: 5 });
    expect(await count("tasks", created.id)).toBe(1);
  });

  it("asks a chosen organisation only when a request may ask it: a chosen company, or no organisation at all, is refused", async () => {
    const user = await createTestUser();
    const boras = await getMunicipality("1490");
    const company = await db
      .insertInto("organisations")
      .values({ slug: `bolaget-${crypto.randomUUID()}`, name: "Bolaget AB", type: "company" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const before = await db.selectFrom("requests").select("id").execute();
    // As surveys do: a request never asks fewer than its requester chose (once it asked no one at all).
    for (const targetOrganisationIds of [[boras.id, company.id], ["00000000-0000-4000-8000-000000000000"]])
      await expect(
        createRequest({ requesterUserId: user.id, request: newRequestInput({ targetScope: "chosen", targetOrganisationIds }) }),
      ).rejects.toBeInstanceOf(NotTargetableError);
    expect(await db.selectFrom("requests").select("id").execute()).toHaveLength(before.length);
    const created = await createRequest({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [boras.id, boras.id] }),
    });
    const targets = await db.selectFrom("request_targets").select("organisation_id").where("request_id", "=", created.id).execute();
    expect(targets).toEqual([{ organisation_id: boras.id }]);
  });

  it("rejects with the reason kept in the request and the event", async () => {
    const [user, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const created = await createRequest({ requesterUserId: user.id, request: newRequestInput() });
    await rejectRequest({ actorUserId: coordinator.id, requestId: created.id, reason: "Gäller inte kommunala data." });
    expect(await statusOf(created.id)).toMatchObject({ status: "rejected", status_reason: "Gäller inte kommunala data." });
    expect((await events(created.id)).at(-1)).toMatchObject({
      action: "reject",
      to_state: "rejected",
      reason: "Gäller inte kommunala data.",
    });
  });

  it("merges a duplicate: votes and followers move without counting anyone twice, and the duplicate's targets are credited", async () => {
    const [a, b, c, coordinator] = await Promise.all([
      createTestUser(),
      createTestUser(),
      createTestUser(),
      createTestUser({ role: "coordinator" }),
    ]);
    const boras = await getMunicipality("1490");
    const original = await createRequest({ requesterUserId: a.id, request: newRequestInput() });
    const duplicate = await createRequest({
      requesterUserId: b.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [boras.id] }),
    });
    await supportRequest({ userId: a.id, requestId: duplicate.id }); // a supports both
    await supportRequest({ userId: c.id, requestId: duplicate.id });
    expect(await statusOf(duplicate.id)).toMatchObject({ vote_count: 3, follower_count: 3 });

    const merged = await markDuplicate({
      actorUserId: coordinator.id,
      requestId: duplicate.id,
      originalId: original.id,
      reason: "Samma fråga.",
    });
    expect(merged.originalNumber).toBe(original.number);
    expect(await statusOf(original.id)).toMatchObject({ status: "submitted", vote_count: 3, follower_count: 3 });
    expect(await statusOf(duplicate.id)).toMatchObject({
      status: "duplicate",
      duplicate_of: original.id,
      vote_count: 0,
      follower_count: 0,
    });
    expect(await count("votes", original.id)).toBe(3);
    const ledger = await db.selectFrom("time_saved").select(["organisation_id", "reason"]).where("request_id", "=", duplicate.id).execute();
    expect(ledger).toEqual([{ organisation_id: boras.id, reason: "duplicate_merged" }]);
    expect((await events(original.id)).at(-1)).toMatchObject({ action: "merge_duplicate" });

    await expect(markDuplicate({ actorUserId: coordinator.id, requestId: original.id, originalId: original.id })).rejects.toBeInstanceOf(
      SelfDuplicateError,
    );
    // A duplicate takes no support and cannot become the original of another.
    await expect(supportRequest({ userId: c.id, requestId: duplicate.id })).rejects.toBeInstanceOf(TransitionError);
    const third = await createRequest({ requesterUserId: c.id, request: newRequestInput() });
    await expect(markDuplicate({ actorUserId: coordinator.id, requestId: third.id, originalId: duplicate.id })).rejects.toBeInstanceOf(
      TransitionError,
    );
  });
});

describe("supporting a request instead of filing one", () => {
  it("votes and follows once, however often it is asked", async () => {
    const [author, supporter] = await Promise.all([createTestUser(), createTestUser()]);
    const created = await createRequest({ requesterUserId: author.id, request: newRequestInput() });
    await supportRequest({ userId: supporter.id, requestId: created.id });
    await supportRequest({ userId: supporter.id, requestId: created.id });
    expect(await statusOf(created.id)).toMatchObject({ vote_count: 2, follower_count: 2 });
  });
});
