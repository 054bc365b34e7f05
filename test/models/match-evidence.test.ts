import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { acceptDatasetAsAnswer, markDuplicate } from "../../app/models/request.server";
import { answerTask, declineTask, markTaskNotHeld, reopenTask, startTask } from "../../app/models/task.server";
import { TransitionError } from "../../app/models/lifecycle.server";
import { resolvePendingDatasetLinks } from "../../app/models/task-link.server";
import type { LearningTables } from "../../search/learning/tables";
import { createLearnedIndex } from "../../search/learning/learned.server";
import { listLearnedDatasets, removeLearningEvidence } from "../../app/models/match-learning.server";
import { ConflictError, ForbiddenError } from "../../app/models/errors.server";
import { analyseRequest } from "../../search/language/request-analysis";
import { placeFinderFor } from "../../search/language/places.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest, newRequestInput } from "../factories/request";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

/**
 * Learning from use (issue 11, ADR 032): every state change that says "these words mean this
 * dataset" writes its evidence in its own transaction, and loses it when it is rolled back.
 */
function evidenceOf(filter: { requestId?: string; taskId?: string; datasetId?: string }) {
  return db
    .withTables<LearningTables>()
    .selectFrom("search_match_evidence")
    .select(["source", "user_id", "writer_user_id", "request_id", "task_id", "dataset_id", "words", "stems"])
    .$if(filter.requestId !== undefined, (qb) => qb.where("request_id", "=", filter.requestId!))
    .$if(filter.taskId !== undefined, (qb) => qb.where("task_id", "=", filter.taskId!))
    .$if(filter.datasetId !== undefined, (qb) => qb.where("dataset_id", "=", filter.datasetId!))
    .orderBy("id")
    .execute();
}

describe("evidence that a request's words mean a dataset", () => {
  it("is written when a requester accepts a dataset, with the request's stems (no places, no errand) and who accepted it", async () => {
    const requester = await createTestUser();
    const dataset = await createTestDataset({ title: "Återvinningsstationer i Borås" });
    const created = await acceptDatasetAsAnswer({
      requesterUserId: requester.id,
      request: newRequestInput({ title: "Var kan jag lämna glasflaskor i Borås?", body: "Vi utvecklar en app för hushåll." }),
      datasetUri: dataset.uri,
    });
    const rows = await evidenceOf({ requestId: created.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "accepted_match", user_id: requester.id, dataset_id: dataset.id, task_id: null });
    expect(rows[0]!.words).toEqual(expect.arrayContaining(["glasflaskor", "lämna"]));
    // The place is the scope's business, never something learned.
    expect(rows[0]!.words).not.toContain("borås");
    expect(rows[0]!.stems).toHaveLength(rows[0]!.words.length);
    expect(rows[0]!.stems).toContain("glasflask");
  });

  it("is rolled back with the acceptance it belongs to", async () => {
    const requester = await createTestUser();
    const dataset = await createTestDataset({ title: "Gatubelysning" });
    await expect(
      db.transaction().execute(async (trx) => {
        await acceptDatasetAsAnswer(
          { requesterUserId: requester.id, request: newRequestInput({ title: "Gatlyktor som är trasiga" }), datasetUri: dataset.uri },
          trx,
        );
        expect(
          await trx
            .withTables<LearningTables>()
            .selectFrom("search_match_evidence")
            .select("id")
            .where("dataset_id", "=", dataset.id)
            .execute(),
        ).toHaveLength(1);
        throw new Error("the rest of the command failed");
      }),
    ).rejects.toThrow("the rest of the command failed");
    expect(await evidenceOf({ datasetId: dataset.id })).toEqual([]);
  });

  it("is written when a municipality's answer links datasets, replaced by a new answer, gone when it declines, and kept out by a refused answer", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { request, tasks } = await createTestTasks({
      title: "Snöröjning av cykelbanor",
      body: "Vilka gator plogas först?",
      kommunkoder: ["1490"],
    });
    const task = tasks["1490"]!;
    const first = await createTestDataset({ title: "Vinterväghållning" });
    const second = await createTestDataset({ title: "Plogordning för cykelvägar" });
    await startTask({ actor: responder, taskId: task.id });
    await answerTask({ actor: responder, taskId: task.id, text: "Se datamängden.", datasetIds: [first.id] });
    expect(await evidenceOf({ taskId: task.id })).toEqual([
      expect.objectContaining({ source: "task_link", user_id: responder.id, request_id: request.id, dataset_id: first.id }),
    ]);
    expect((await evidenceOf({ taskId: task.id }))[0]!.words).toEqual(expect.arrayContaining(["snöröjning", "cykelbanor"]));

    // Answering an answered task is refused: its would-be evidence goes with it.
    await expect(answerTask({ actor: responder, taskId: task.id, datasetIds: [second.id] })).rejects.toBeInstanceOf(TransitionError);
    expect((await evidenceOf({ taskId: task.id })).map((r) => r.dataset_id)).toEqual([first.id]);

    await reopenTask({ actor: responder, taskId: task.id, reason: "Fel datamängd." });
    await answerTask({ actor: responder, taskId: task.id, datasetIds: [second.id] });
    expect((await evidenceOf({ taskId: task.id })).map((r) => r.dataset_id)).toEqual([second.id]);

    await reopenTask({ actor: responder, taskId: task.id, reason: "Vi har inte sådana data." });
    const reason = await db.selectFrom("decline_reasons").select("id").where("active", "=", true).executeTakeFirstOrThrow();
    await declineTask({ actor: responder, taskId: task.id, reasonId: reason.id });
    expect(await evidenceOf({ taskId: task.id })).toEqual([]);
  });

  it("is written when a coordinator merges a duplicate: the duplicate's words mean what answers the original, and later answers teach both texts", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const coordinator = await createTestUser({ role: "coordinator" });
    const { request: original, tasks } = await createTestTasks({
      title: "Luftkvalitet",
      body: "Mätvärden för kvävedioxid.",
      kommunkoder: ["1490"],
    });
    const dataset = await createTestDataset({ title: "Luftmätningar" });
    await startTask({ actor: responder, taskId: tasks["1490"]!.id });
    await answerTask({ actor: responder, taskId: tasks["1490"]!.id, datasetIds: [dataset.id] });
    const duplicate = await createTestRequest({ title: "Avgaser längs stora vägar", body: "Hur smutsig är luften?", status: "submitted" });
    await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id });
    const merged = await evidenceOf({ requestId: duplicate.id });
    expect(merged).toEqual([expect.objectContaining({ source: "duplicate_merged", user_id: coordinator.id, dataset_id: dataset.id })]);
    expect(merged[0]!.words).toEqual(expect.arrayContaining(["avgaser", "smutsig"]));

    // A later answer to the original teaches its own words and the merged duplicate's.
    const skovdeTask = await db
      .insertInto("tasks")
      .values({
        request_id: original.id,
        organisation_id: (await db.selectFrom("organisations").select("id").where("kommunkod", "=", "1496").executeTakeFirstOrThrow()).id,
        due_date: "2027-01-29",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const skovde = await actorOf(await createTestUser({ role: "responder", kommunkod: "1496" }));
    const other = await createTestDataset({ title: "Luftkvalitet i Skövde", publisherKommunkod: "1496" });
    await startTask({ actor: skovde, taskId: skovdeTask.id });
    await answerTask({ actor: skovde, taskId: skovdeTask.id, datasetIds: [other.id] });
    expect((await evidenceOf({ taskId: skovdeTask.id })).map((r) => r.request_id).sort()).toEqual([original.id, duplicate.id].sort());
  });

  it("is written when a harvest brings the dataset an answer linked by its address, for the person who linked it", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { request, tasks } = await createTestTasks({ title: "Hundrastområden med staket", body: "", kommunkoder: ["1490"] });
    const task = tasks["1490"]!;
    const uri = `https://pending.example/ds/hundar-${Date.now()}`;
    await startTask({ actor: responder, taskId: task.id });
    await answerTask({ actor: responder, taskId: task.id, datasetUrls: [uri] });
    expect(await evidenceOf({ taskId: task.id })).toEqual([]);
    const dataset = await createTestDataset({ title: "Inhägnade hundytor", uri });
    await db.transaction().execute((trx) => resolvePendingDatasetLinks(trx, [dataset.id]));
    expect(await evidenceOf({ taskId: task.id })).toEqual([
      expect.objectContaining({ source: "task_link", user_id: responder.id, request_id: request.id, dataset_id: dataset.id }),
    ]);
  });

  it("records whose words they are: the requester who wrote them, whoever taught them", async () => {
    const writer = await createTestUser();
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { request, tasks } = await createTestTasks({
      title: "Parkbänkar i centrum",
      body: "",
      kommunkoder: ["1490"],
      requesterUserId: writer.id,
    });
    const dataset = await createTestDataset({ title: "Sittplatser i parker" });
    await startTask({ actor: responder, taskId: tasks["1490"]!.id });
    await answerTask({ actor: responder, taskId: tasks["1490"]!.id, datasetIds: [dataset.id] });
    expect(await evidenceOf({ requestId: request.id })).toEqual([
      expect.objectContaining({ source: "task_link", user_id: responder.id, writer_user_id: writer.id }),
    ]);
  });
});

describe("what evidence teaches (ADR 032: one person repeating a request must not teach)", () => {
  // Invented words: in no evaluation request and no catalogue text.
  const WORD = "snurrbolmar";
  async function learnedFor(datasetId: string) {
    const request = analyseRequest(WORD, await placeFinderFor(db));
    const hits = await createLearnedIndex(db).similar(request, { limit: 50, kommunkoder: [] });
    return hits.find((hit) => hit.id === `dataset:${datasetId}`)?.learned ?? 0;
  }

  it("learns nothing from one requester's near-copy merged by a coordinator into her answered request; a second requester's answered request teaches", async () => {
    const anna = await createTestUser();
    const borås = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const coordinator = await createTestUser({ role: "coordinator" });
    const dataset = await createTestDataset({ title: "Lekutrustning", keywords: ["lekredskap"] });
    const { request: first, tasks } = await createTestTasks({
      title: `Var finns ${WORD}?`,
      body: "",
      kommunkoder: ["1490"],
      requesterUserId: anna.id,
    });
    await startTask({ actor: borås, taskId: tasks["1490"]!.id });
    await answerTask({ actor: borås, taskId: tasks["1490"]!.id, datasetIds: [dataset.id] });
    const copy = await createTestRequest({ title: `Finns det ${WORD}?`, body: "", status: "submitted", requesterUserId: anna.id });
    await markDuplicate({ actorUserId: coordinator.id, requestId: copy.id, originalId: first.id });
    // Two people taught it (the responder, the coordinator), but all of it is Anna's words.
    expect(new Set((await evidenceOf({ datasetId: dataset.id })).map((r) => r.user_id)).size).toBe(2);
    expect(await learnedFor(dataset.id)).toBe(0);

    // Bertil, another requester, asks in his own words and Skövde answers with the same dataset.
    const bertil = await createTestUser();
    const skövde = await actorOf(await createTestUser({ role: "responder", kommunkod: "1496" }));
    const { tasks: his } = await createTestTasks({
      title: `Lista över ${WORD}`,
      body: "",
      kommunkoder: ["1496"],
      requesterUserId: bertil.id,
    });
    await startTask({ actor: skövde, taskId: his["1496"]!.id });
    await answerTask({ actor: skövde, taskId: his["1496"]!.id, datasetIds: [dataset.id] });
    expect(await learnedFor(dataset.id)).toBeGreaterThan(0.3);
  });
});

describe("evidence follows the state it belongs to", () => {
  it("goes when the original's task is reopened, declined or not held, merged duplicate's evidence included, and comes back with a new answer", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const coordinator = await createTestUser({ role: "coordinator" });
    const { request: original, tasks } = await createTestTasks({ title: "Cykelställ vid stationer", body: "", kommunkoder: ["1490"] });
    const task = tasks["1490"]!;
    const dataset = await createTestDataset({ title: "Cykelparkering" });
    await startTask({ actor: responder, taskId: task.id });
    await answerTask({ actor: responder, taskId: task.id, datasetIds: [dataset.id] });
    const duplicate = await createTestRequest({ title: "Var kan man låsa cykeln?", body: "", status: "submitted" });
    await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id });
    expect((await evidenceOf({ datasetId: dataset.id })).map((r) => r.source).sort()).toEqual(["duplicate_merged", "task_link"]);

    // Reopened: the task no longer answers with the dataset, so neither its words nor the duplicate's mean it.
    await reopenTask({ actor: responder, taskId: task.id, reason: "Vi ser över svaret." });
    expect(await evidenceOf({ datasetId: dataset.id })).toEqual([]);

    // Answered again: the request's and the merged duplicate's words mean it again.
    await answerTask({ actor: responder, taskId: task.id, datasetIds: [dataset.id] });
    expect((await evidenceOf({ datasetId: dataset.id })).map((r) => r.request_id).sort()).toEqual([original.id, duplicate.id].sort());

    await reopenTask({ actor: responder, taskId: task.id, reason: "Vi har inte sådana data." });
    await markTaskNotHeld({ actor: responder, taskId: task.id, text: "Finns inte." });
    expect(await evidenceOf({ datasetId: dataset.id })).toEqual([]);
  });

  it("drops a merged duplicate's evidence for a dataset the original's new answer no longer links, and keeps it for one it still links", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const coordinator = await createTestUser({ role: "coordinator" });
    const { request: original, tasks } = await createTestTasks({ title: "Badplatser och vattenkvalitet", body: "", kommunkoder: ["1490"] });
    const task = tasks["1490"]!;
    const kept = await createTestDataset({ title: "Badvattenprover" });
    const dropped = await createTestDataset({ title: "Badplatser" });
    await startTask({ actor: responder, taskId: task.id });
    await answerTask({ actor: responder, taskId: task.id, datasetIds: [kept.id, dropped.id] });
    const duplicate = await createTestRequest({ title: "Kan man bada i sjön?", body: "", status: "submitted" });
    await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id });
    await db.transaction().execute(async (trx) => {
      // A new answer in the same command as a reopen would be; here directly, as a harvest's resolution may.
      const { recordTaskLinkEvidence } = await import("../../search/learning/evidence.server");
      await recordTaskLinkEvidence(trx, { userId: responder.id, taskId: task.id, requestId: original.id, datasetIds: [kept.id] });
    });
    const merged = (await evidenceOf({ requestId: duplicate.id })).filter((r) => r.source === "duplicate_merged");
    expect(merged.map((r) => r.dataset_id)).toEqual([kept.id]);
  });

  it("is not written when a harvest brings a dataset linked by a task reopened since: its links are a draft", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { tasks } = await createTestTasks({ title: "Laddstolpar för elbilar", body: "", kommunkoder: ["1490"] });
    const task = tasks["1490"]!;
    const uri = `https://pending.example/ds/laddning-${Date.now()}`;
    await startTask({ actor: responder, taskId: task.id });
    await answerTask({ actor: responder, taskId: task.id, datasetUrls: [uri] });
    await reopenTask({ actor: responder, taskId: task.id, reason: "Vi ser över svaret." });
    const dataset = await createTestDataset({ title: "Publika laddpunkter", uri });
    await db.transaction().execute((trx) => resolvePendingDatasetLinks(trx, [dataset.id]));
    expect(await evidenceOf({ taskId: task.id })).toEqual([]);
    await answerTask({ actor: responder, taskId: task.id, datasetIds: [dataset.id] });
    expect(await evidenceOf({ taskId: task.id })).toEqual([expect.objectContaining({ source: "task_link", dataset_id: dataset.id })]);
  });

  it("is rolled back with a reopening that fails", async () => {
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const { tasks } = await createTestTasks({ title: "Träd i gatumiljö", body: "", kommunkoder: ["1490"] });
    const dataset = await createTestDataset({ title: "Gatuträd" });
    await startTask({ actor: responder, taskId: tasks["1490"]!.id });
    await answerTask({ actor: responder, taskId: tasks["1490"]!.id, datasetIds: [dataset.id] });
    await expect(
      db.transaction().execute(async (trx) => {
        await reopenTask({ actor: responder, taskId: tasks["1490"]!.id, reason: "Fel." }, trx);
        throw new Error("the rest failed");
      }),
    ).rejects.toThrow("the rest failed");
    expect(await evidenceOf({ datasetId: dataset.id })).toHaveLength(1);
  });
});

describe("a coordinator removing a piece of evidence", () => {
  it("removes it with an audit event, lists what is left, refuses anyone else and says when it is already gone", async () => {
    const dataset = await createTestDataset({ title: "Skolskjutsar" });
    const requests: { id: string }[] = [];
    for (const title of ["Skolbussens hållplatser", "Var stannar skolbussen?"])
      requests.push(
        await acceptDatasetAsAnswer({
          requesterUserId: (await createTestUser()).id,
          request: newRequestInput({ title }),
          datasetUri: dataset.uri,
        }),
      );
    const listed = (await listLearnedDatasets()).find((d) => d.datasetId === dataset.id)!;
    expect(listed.pieces.map((p) => p.requestId).sort()).toEqual(requests.map((r) => r.id).sort());
    const piece = listed.pieces.find((p) => p.requestId === requests[0]!.id)!;
    expect(piece).toMatchObject({ source: "accepted_match", requestTitle: "Skolbussens hållplatser" });

    const requester = await actorOf(await createTestUser());
    await expect(removeLearningEvidence({ actor: requester, evidenceId: piece.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await evidenceOf({ datasetId: dataset.id })).toHaveLength(2);

    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    await removeLearningEvidence({ actor: coordinator, evidenceId: piece.id });
    expect((await evidenceOf({ datasetId: dataset.id })).map((r) => r.request_id)).toEqual([requests[1]!.id]);
    const event = await db
      .selectFrom("events")
      .selectAll()
      .where("entity_id", "=", dataset.id)
      .where("action", "=", "remove_match_evidence")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: coordinator.id, entity_type: "dataset" });
    expect(event.data).toMatchObject({ evidenceId: piece.id, requestId: requests[0]!.id, source: "accepted_match" });

    await expect(removeLearningEvidence({ actor: coordinator, evidenceId: piece.id })).rejects.toBeInstanceOf(ConflictError);
  });
});
