import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { markDuplicate } from "../../app/models/request.server";
import { getTaskPage } from "../../app/models/task-page.server";
import { creditPublishedTasks } from "../../app/models/time-saved.server";
import { answerTask, markTaskPublished, reopenTask, startTask } from "../../app/models/task.server";
import { createTestRequest } from "../factories/request";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";
import { catalogFixture } from "../support/catalogs";

// Two datasets of Borås in the real Västra Götaland catalogue the demo harvests.
const DETALJPLANER = "https://data.boras.se/dataset/aabf3ebd-0fce-42aa-ae75-6901b9d2ee8c";
const BADPLATSER = "https://data.boras.se/dataset/33f0005e-0d93-4d6e-a250-094e72a5cbc5";

const ledger = () =>
  db
    .selectFrom("time_saved")
    .select(["request_id", "organisation_id", "task_id", "basis", "reason", "minutes", "assumption_version", "actor_user_id"])
    .orderBy("id")
    .execute();

describe("a published dataset that arrives by harvest", () => {
  it("credits the task's organisation once for each merged duplicate and each other voter it spared, never twice", async () => {
    const requester = await createTestUser();
    const [voterA, voterB, mergedRequester, creditedRequester] = await Promise.all([
      createTestUser(),
      createTestUser(),
      createTestUser(),
      createTestUser(),
    ]);
    const borasUser = await createTestUser({ role: "responder", kommunkod: "1490" });
    const boras = await actorOf(borasUser);
    const skovde = await actorOf(await createTestUser({ role: "responder", kommunkod: "1496" }));
    const coordinator = await createTestUser({ role: "coordinator" });
    const { request, tasks } = await createTestTasks({
      requesterUserId: requester.id,
      title: "Detaljplaner",
      // The requester's own vote and a Borås responder's vote spare Borås nothing.
      voterIds: [requester.id, voterA.id, voterB.id, borasUser.id],
    });
    // A duplicate asking Borås and Skövde, merged by a coordinator (the merge already credits it) ...
    const merged = await createTestRequest({
      requesterUserId: creditedRequester.id,
      targetKommunkoder: ["1490", "1496"],
      status: "submitted",
    });
    await markDuplicate({ actorUserId: coordinator.id, requestId: merged.id, originalId: request.id });
    // ... one merged before the ledger credited merges, asking Borås; its requester's vote moved over ...
    const uncredited = await createTestRequest({
      requesterUserId: mergedRequester.id,
      targetKommunkoder: ["1490"],
      status: "duplicate",
      duplicateOf: request.id,
    });
    await db.insertInto("votes").values({ request_id: request.id, user_id: mergedRequester.id }).execute();
    // ... and one that asked only Skövde, which Borås's publication does not spare.
    await createTestRequest({ targetKommunkoder: ["1496"], status: "duplicate", duplicateOf: request.id });
    const before = await ledger();
    expect(before.map((row) => row.reason)).toEqual(["duplicate_merged", "duplicate_merged"]);

    // Borås publishes a dataset the catalogue does not have yet; Skövde answers with it (an answer, not a publication).
    await startTask({ actor: boras, taskId: tasks["1490"].id });
    await markTaskPublished({ actor: boras, taskId: tasks["1490"].id, text: "Publicerad i natt.", datasetUrls: [DETALJPLANER] });
    await startTask({ actor: skovde, taskId: tasks["1496"].id });
    await answerTask({ actor: skovde, taskId: tasks["1496"].id, datasetUrls: [BADPLATSER] });
    expect(await ledger()).toHaveLength(2);

    const source = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    expect(await harvestCatalogueSource(source)).toMatchObject({ status: "succeeded" });
    const credited = (await ledger()).slice(2);
    const borasId = tasks["1490"].organisationId;
    const row = {
      organisation_id: borasId,
      task_id: tasks["1490"].id,
      reason: "published_dataset",
      minutes: 240,
      assumption_version: 2,
      actor_user_id: null,
    };
    expect(credited).toEqual([
      { ...row, request_id: uncredited.id, basis: "merged_duplicate" },
      { ...row, request_id: request.id, basis: "vote" },
      { ...row, request_id: request.id, basis: "vote" },
    ]);

    // The task's history says the harvest linked the dataset (not an assignment).
    const history = (await getTaskPage({ taskId: tasks["1490"].id }))!.history;
    expect(history.map((h) => h.kind)).toEqual(["change", "change", "link_resolved"]);

    // The harvest runs again, the task is reopened and published again with the same dataset: nothing more.
    expect(await harvestCatalogueSource(source)).toMatchObject({ status: "succeeded" });
    await reopenTask({ actor: boras, taskId: tasks["1490"].id, reason: "Ny version." });
    const dataset = await db.selectFrom("datasets").select("id").where("uri", "=", DETALJPLANER).executeTakeFirstOrThrow();
    await markTaskPublished({ actor: boras, taskId: tasks["1490"].id, datasetIds: [dataset.id] });
    expect(await db.transaction().execute((trx) => creditPublishedTasks(trx, { taskIds: [tasks["1490"].id], actorUserId: null }))).toBe(0);
    expect(await ledger()).toHaveLength(5);
  });

  it("credits a task published with a dataset the catalogue already holds at once, with the responder as actor", async () => {
    const requester = await createTestUser();
    const voter = await createTestUser();
    const borasUser = await createTestUser({ role: "responder", kommunkod: "1490" });
    const boras = await actorOf(borasUser);
    const { request, tasks } = await createTestTasks({ requesterUserId: requester.id, kommunkoder: ["1490"], voterIds: [voter.id] });
    const source = await getOrCreateCatalogueSource({ location: catalogFixture("catalog-vg-public.rdf") });
    expect(await harvestCatalogueSource(source)).toMatchObject({ status: "succeeded" });
    await startTask({ actor: boras, taskId: tasks["1490"].id });
    await markTaskPublished({ actor: boras, taskId: tasks["1490"].id, datasetUrls: [BADPLATSER] });
    const rows = (await ledger()).filter((r) => r.task_id === tasks["1490"].id);
    expect(rows).toEqual([
      {
        request_id: request.id,
        organisation_id: tasks["1490"].organisationId,
        task_id: tasks["1490"].id,
        basis: "vote",
        reason: "published_dataset",
        minutes: 240,
        assumption_version: 2,
        actor_user_id: borasUser.id,
      },
    ]);
  });
});
