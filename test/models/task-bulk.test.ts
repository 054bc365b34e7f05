import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { answerTask, answerTasksInBulk, BulkTasksRefusedError, startTask, TaskInputError } from "../../app/models/task.server";
import { createTestDataset } from "../factories/dataset";
import { getTaskPage } from "../../app/models/task-page.server";
import { setTestRequestStatus } from "../factories/request";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

const taskRows = (ids: string[]) =>
  db.selectFrom("tasks").select(["id", "status", "version", "answer_text"]).where("id", "in", ids).orderBy("id").execute();

const eventsOf = (taskId: string) =>
  db
    .selectFrom("events")
    .select(["action", "from_state", "to_state", "data", "actor_user_id"])
    .where("entity_type", "=", "task")
    .where("entity_id", "=", taskId)
    .orderBy("id")
    .execute();

const mailCount = async (address: string) =>
  (await db.selectFrom("mail_outbox").select("id").where("to_address", "=", address).execute()).length;

async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BulkTasksRefusedError);
  return (error as BulkTasksRefusedError).refusals;
}

/** Two requests, each routed to Borås and Skövde: four tasks, a requester each. */
async function setting() {
  const requesterA = await createTestUser();
  const requesterB = await createTestUser();
  const boras = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
  const skovde = await actorOf(await createTestUser({ role: "responder", kommunkod: "1496" }));
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const a = await createTestTasks({ requesterUserId: requesterA.id, title: "Badplatser" });
  const b = await createTestTasks({ requesterUserId: requesterB.id, title: "Lekplatser" });
  return { requesterA, requesterB, boras, skovde, coordinator, a, b };
}

describe("answering several tasks at once", () => {
  it("answers a responder's own tasks with one text and dataset: each task its own status, bulk-marked events, request status and mails", async () => {
    const s = await setting();
    const dataset = await createTestDataset({ title: "Lekplatser i Borås" });
    // One task already in progress, one still pending (started by the bulk answer).
    await startTask({ actor: s.boras, taskId: s.a.tasks["1490"].id });
    const result = await answerTasksInBulk({
      actor: s.boras,
      to: "answered",
      text: "Se datamängden.",
      datasetUrls: [dataset.uri, "https://boras.se/data/kommande"],
      tasks: [
        { taskId: s.a.tasks["1490"].id, version: 2 },
        { taskId: s.b.tasks["1490"].id, version: 1 },
      ],
    });
    expect(result.tasks).toHaveLength(2);
    const rows = await taskRows([s.a.tasks["1490"].id, s.b.tasks["1490"].id]);
    for (const row of rows) expect(row).toMatchObject({ status: "answered", answer_text: "Se datamängden." });
    for (const request of [s.a.request, s.b.request]) {
      const status = await db.selectFrom("requests").select("status").where("id", "=", request.id).executeTakeFirstOrThrow();
      expect(status.status).toBe("partly_answered");
    }
    const links = await db
      .selectFrom("task_datasets")
      .select(["task_id", "dataset_id", "pending_uri"])
      .where("task_id", "in", [s.a.tasks["1490"].id, s.b.tasks["1490"].id])
      .execute();
    expect(links).toHaveLength(4);
    expect(links.filter((l) => l.dataset_id === dataset.id)).toHaveLength(2);

    const started = await eventsOf(s.b.tasks["1490"].id);
    expect(started.map((e) => [e.action, e.from_state, e.to_state])).toEqual([
      ["start", "pending", "in_progress"],
      ["answer", "in_progress", "answered"],
    ]);
    for (const event of started) {
      expect(event.actor_user_id).toBe(s.boras.id);
      expect(event.data).toMatchObject({ bulk: { batchId: result.batchId, size: 2 } });
    }
    expect((await eventsOf(s.a.tasks["1490"].id)).at(-1)?.data).toMatchObject({ bulk: { batchId: result.batchId, size: 2 } });
    expect(await mailCount(s.requesterA.email)).toBe(1);
    expect(await mailCount(s.requesterB.email)).toBe(1);
    // The task's history says the answer was one of two.
    const history = (await getTaskPage({ taskId: s.b.tasks["1490"].id }))!.history;
    expect(history.map((h) => [h.kind, h.toState, h.bulkSize])).toEqual([
      ["change", "in_progress", 2],
      ["change", "answered", 2],
    ]);
  });

  it("lets a coordinator publish for every organisation's tasks at once", async () => {
    const s = await setting();
    const dataset = await createTestDataset({ title: "Badplatser i Västra Götaland", publisherKommunkod: null });
    const ids = [s.a.tasks["1490"].id, s.a.tasks["1496"].id];
    await answerTasksInBulk({ actor: s.coordinator, to: "published", datasetIds: [dataset.id], tasks: ids.map((taskId) => ({ taskId })) });
    for (const row of await taskRows(ids)) expect(row.status).toBe("published");
    const request = await db.selectFrom("requests").select("status").where("id", "=", s.a.request.id).executeTakeFirstOrThrow();
    expect(request.status).toBe("answered");
  });

  it("tells a requester once per request, naming every municipality, when one batch answers several of its tasks", async () => {
    const requester = await createTestUser({ locale: "en" });
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const kommunkoder = ["1490", "1496", "1480", "1401", "1402"];
    const { request, tasks } = await createTestTasks({ requesterUserId: requester.id, title: "Cykelvägar", kommunkoder });
    await answerTasksInBulk({
      actor: coordinator,
      to: "answered",
      text: "Regionen publicerar cykelvägarna för alla kommuner.",
      tasks: kommunkoder.map((k) => ({ taskId: tasks[k].id })),
    });
    const mails = await db.selectFrom("mail_outbox").select(["subject", "text_body"]).where("to_address", "=", requester.email).execute();
    expect(mails).toHaveLength(1);
    for (const name of ["Borås", "Skövde", "Göteborg", "Härryda", "Partille"]) expect(mails[0].text_body).toContain(name);
    expect(mails[0].subject).toBe(`Borås, Göteborg and 3 more have answered request ${request.number}`);
    expect(mails[0].text_body).toContain("Answered");
  });

  it("refuses the whole batch when one task is another organisation's, naming it without telling what it is; nothing is written", async () => {
    const s = await setting();
    const selected = [s.a.tasks["1490"].id, s.a.tasks["1496"].id, s.b.tasks["1490"].id];
    const refusals = await refusalOf(
      answerTasksInBulk({ actor: s.boras, to: "answered", text: "Svar.", tasks: selected.map((taskId) => ({ taskId })) }),
    );
    expect(refusals).toEqual([
      { taskId: s.a.tasks["1496"].id, why: "forbidden", requestNumber: null, requestTitle: null, organisationName: null },
    ]);
    for (const row of await taskRows(selected)) expect(row).toMatchObject({ status: "pending", version: 1, answer_text: null });
    expect(await eventsOf(s.a.tasks["1490"].id)).toEqual([]);
    expect(await mailCount(s.requesterA.email)).toBe(0);
  });

  it("names every task not in an answerable state: already answered, changed since the list was loaded, request closed, unknown", async () => {
    const s = await setting();
    const c = await createTestTasks({ title: "Stängd förfrågan", kommunkoder: ["1490"] });
    await setTestRequestStatus(c.request.id, "closed");
    await startTask({ actor: s.boras, taskId: s.a.tasks["1490"].id });
    await answerTask({ actor: s.boras, taskId: s.a.tasks["1490"].id, text: "Redan besvarad." });
    await startTask({ actor: s.boras, taskId: s.b.tasks["1490"].id });
    const unknown = "00000000-0000-4000-8000-000000000000";
    const refusals = await refusalOf(
      answerTasksInBulk({
        actor: s.boras,
        to: "answered",
        text: "Svar.",
        tasks: [
          { taskId: s.a.tasks["1490"].id },
          { taskId: s.b.tasks["1490"].id, version: 1 },
          { taskId: c.tasks["1490"].id },
          { taskId: unknown },
        ],
      }),
    );
    expect(refusals).toEqual([
      {
        taskId: s.a.tasks["1490"].id,
        why: "not_answerable",
        requestNumber: s.a.request.number,
        requestTitle: "Badplatser",
        organisationName: "Borås",
      },
      {
        taskId: s.b.tasks["1490"].id,
        why: "stale",
        requestNumber: s.b.request.number,
        requestTitle: "Lekplatser",
        organisationName: "Borås",
      },
      {
        taskId: c.tasks["1490"].id,
        why: "request_closed",
        requestNumber: c.request.number,
        requestTitle: "Stängd förfrågan",
        organisationName: "Borås",
      },
      { taskId: unknown, why: "not_found", requestNumber: null, requestTitle: null, organisationName: null },
    ]);
    expect(await taskRows([s.b.tasks["1490"].id])).toMatchObject([{ status: "in_progress", version: 2, answer_text: null }]);
  });

  it("refuses an empty answer, a publication without a dataset, a malformed address and no tasks before locking anything", async () => {
    const s = await setting();
    const tasks = [{ taskId: s.a.tasks["1490"].id }];
    await expect(answerTasksInBulk({ actor: s.boras, to: "answered", text: "  ", tasks })).rejects.toMatchObject({
      messageKey: "errors.taskAnswerEmpty",
    });
    await expect(answerTasksInBulk({ actor: s.boras, to: "published", text: "Publicerat.", tasks })).rejects.toMatchObject({
      messageKey: "errors.taskPublishedNeedsDataset",
    });
    await expect(answerTasksInBulk({ actor: s.boras, to: "answered", datasetUrls: ["ftp://boras.se/x"], tasks })).rejects.toMatchObject({
      messageKey: "errors.datasetUrlInvalid",
    });
    await expect(answerTasksInBulk({ actor: s.boras, to: "answered", text: "Svar.", tasks: [] })).rejects.toBeInstanceOf(TaskInputError);
    expect(await taskRows([s.a.tasks["1490"].id])).toMatchObject([{ status: "pending", version: 1 }]);
  });
});
