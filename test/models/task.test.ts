import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { ForbiddenError } from "../../app/models/errors.server";
import { TransitionError } from "../../app/models/lifecycle.server";
import { DatasetNotFoundError } from "../../app/models/request.server";
import {
  answerTask,
  AssigneeNotMemberError,
  assignTask,
  closeRequest,
  DatasetUrlInvalidError,
  declineTask,
  listDeclineReasons,
  markTaskNotHeld,
  markTaskPublished,
  reopenTask,
  RequestClosedForTasksError,
  StaleTaskError,
  startTask,
  TaskInputError,
  TaskNotFoundError,
} from "../../app/models/task.server";
import { getRequestPage } from "../../app/models/request-page.server";
import { listInboxTasks } from "../../app/models/task-inbox.server";
import { getTaskPage } from "../../app/models/task-page.server";
import { createTestDataset } from "../factories/dataset";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

const taskRow = (id: string) =>
  db
    .selectFrom("tasks")
    .select(["status", "version", "answer_text", "assignee_user_id", "decline_reason", "decline_reason_id", "answered_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

const requestStatus = async (id: string) =>
  (await db.selectFrom("requests").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

const taskEvents = (id: string) =>
  db
    .selectFrom("events")
    .select(["action", "from_state", "to_state", "reason", "actor_user_id"])
    .where("entity_type", "=", "task")
    .where("entity_id", "=", id)
    .orderBy("occurred_at")
    .orderBy("id")
    .execute();

const mailTo = (address: string) =>
  db.selectFrom("mail_outbox").select(["subject", "text_body", "kind"]).where("to_address", "=", address).orderBy("created_at").execute();

const links = (taskId: string) =>
  db.selectFrom("task_datasets").select(["dataset_id", "pending_uri"]).where("task_id", "=", taskId).orderBy("created_at").execute();

async function setting() {
  const requester = await createTestUser();
  const follower = await createTestUser();
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", follower.id).execute();
  const boras = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
  const borasColleague = await createTestUser({ role: "responder", kommunkod: "1490" });
  const skovdeUser = await createTestUser({ role: "responder", kommunkod: "1496" });
  const skovde = await actorOf(skovdeUser);
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const { request, tasks } = await createTestTasks({ requesterUserId: requester.id, title: "Badplatser" });
  await db.insertInto("follows").values({ request_id: request.id, user_id: follower.id }).execute();
  return {
    requester,
    follower,
    boras,
    borasColleague,
    skovde,
    skovdeUser,
    coordinator,
    request,
    borasTask: tasks["1490"],
    skovdeTask: tasks["1496"],
  };
}

describe("the task workflow", () => {
  it("starts a task: pending → in progress, with its event and a new version", async () => {
    const s = await setting();
    const result = await startTask({ actor: s.boras, taskId: s.borasTask.id, version: 1 });
    expect(result).toMatchObject({ status: "in_progress", version: 2, requestStatus: "open" });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "in_progress", version: 2 });
    expect(await taskEvents(s.borasTask.id)).toEqual([
      { action: "start", from_state: "pending", to_state: "in_progress", reason: null, actor_user_id: s.boras.id },
    ]);
    await expect(startTask({ actor: s.boras, taskId: s.borasTask.id })).rejects.toBeInstanceOf(TransitionError);
  });

  it("answers with text and datasets (a catalogue dataset and a pending address); the request follows its tasks and the requester and followers are mailed in their language", async () => {
    const s = await setting();
    const dataset = await createTestDataset({ title: "Badplatser i Borås" });
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    const result = await answerTask({
      actor: s.boras,
      taskId: s.borasTask.id,
      version: 2,
      text: "Se datamängderna.",
      datasetIds: [dataset.id],
      datasetUrls: ["https://boras.se/data/badvatten", dataset.uri],
    });
    expect(result).toMatchObject({ status: "answered", version: 3, requestStatus: "partly_answered" });
    const row = await taskRow(s.borasTask.id);
    expect(row).toMatchObject({ status: "answered", answer_text: "Se datamängderna." });
    expect(row.answered_at).toBeInstanceOf(Date);
    expect(await links(s.borasTask.id)).toEqual(
      expect.arrayContaining([
        { dataset_id: dataset.id, pending_uri: null },
        { dataset_id: null, pending_uri: "https://boras.se/data/badvatten" },
      ]),
    );
    expect(await links(s.borasTask.id)).toHaveLength(2);
    expect(await requestStatus(s.request.id)).toBe("partly_answered");
    const requestEvents = await db
      .selectFrom("events")
      .select(["action", "from_state", "to_state"])
      .where("entity_type", "=", "request")
      .where("entity_id", "=", s.request.id)
      .execute();
    expect(requestEvents).toEqual([{ action: "follow_tasks", from_state: "open", to_state: "partly_answered" }]);

    const [sv] = await mailTo(s.requester.email);
    expect(sv.subject).toContain("Borås");
    expect(sv.text_body).toContain("Se datamängderna.");
    expect(sv.text_body).toContain("Delvis besvarad");
    expect(sv.text_body).toContain(`/requests/${s.request.number}`);
    const [en] = await mailTo(s.follower.email);
    expect(en.subject).toMatch(/has answered request/);
    expect(en.text_body).toContain("Partly answered");
  });

  it("marks the request answered when every task is done (answered, published, not held or declined)", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await startTask({ actor: s.skovde, taskId: s.skovdeTask.id });
    await markTaskNotHeld({ actor: s.boras, taskId: s.borasTask.id, text: "Vi har inga sådana uppgifter." });
    expect(await requestStatus(s.request.id)).toBe("partly_answered");
    const [reason] = await listDeclineReasons();
    await declineTask({ actor: s.skovde, taskId: s.skovdeTask.id, reasonId: reason.id, text: "Sekretess enligt OSL." });
    expect(await requestStatus(s.request.id)).toBe("answered");
    expect(await taskRow(s.skovdeTask.id)).toMatchObject({
      status: "declined",
      decline_reason_id: reason.id,
      decline_reason: "Sekretess enligt OSL.",
    });
    const answeredAt = await db.selectFrom("requests").select("answered_at").where("id", "=", s.request.id).executeTakeFirstOrThrow();
    expect(answeredAt.answered_at).toBeInstanceOf(Date);
  });

  it("marks a task published with a new dataset linked, and refuses published without a dataset", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await expect(markTaskPublished({ actor: s.boras, taskId: s.borasTask.id, text: "Publicerat." })).rejects.toMatchObject({
      messageKey: "errors.taskPublishedNeedsDataset",
    });
    const dataset = await createTestDataset({ title: "Badvattenprover" });
    await markTaskPublished({ actor: s.boras, taskId: s.borasTask.id, datasetIds: [dataset.id] });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "published" });
    expect(await links(s.borasTask.id)).toEqual([{ dataset_id: dataset.id, pending_uri: null }]);
  });

  it("reopens a done task with a reason (its own organisation only), taking the request back", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await answerTask({ actor: s.boras, taskId: s.borasTask.id, text: "Svar." });
    await expect(reopenTask({ actor: s.boras, taskId: s.borasTask.id, reason: "  " })).rejects.toMatchObject({
      messageKey: "errors.taskReopenNeedsReason",
    });
    await expect(reopenTask({ actor: s.coordinator, taskId: s.borasTask.id, reason: "Fel svar" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(reopenTask({ actor: s.skovde, taskId: s.borasTask.id, reason: "Fel svar" })).rejects.toBeInstanceOf(ForbiddenError);
    const result = await reopenTask({ actor: s.boras, taskId: s.borasTask.id, reason: "Vi hittade fler data." });
    expect(result).toMatchObject({ status: "in_progress", requestStatus: "open" });
    expect(await requestStatus(s.request.id)).toBe("open");
    expect((await taskEvents(s.borasTask.id)).at(-1)).toMatchObject({
      action: "reopen",
      from_state: "answered",
      to_state: "in_progress",
      reason: "Vi hittade fler data.",
    });
    // A pending task cannot be "reopened".
    await expect(reopenTask({ actor: s.skovde, taskId: s.skovdeTask.id, reason: "x" })).rejects.toBeInstanceOf(TransitionError);
  });

  it("starts only a pending task: a done one is reopened with a reason, never 'started' again", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await expect(startTask({ actor: s.boras, taskId: s.borasTask.id })).rejects.toBeInstanceOf(TransitionError);
    await answerTask({ actor: s.boras, taskId: s.borasTask.id, text: "Svar." });
    const eventsBefore = (await taskEvents(s.borasTask.id)).length;
    // A coordinator of no organisation, and the task's own responder, both without a reason.
    await expect(startTask({ actor: s.coordinator, taskId: s.borasTask.id })).rejects.toBeInstanceOf(TransitionError);
    await expect(startTask({ actor: s.boras, taskId: s.borasTask.id })).rejects.toBeInstanceOf(TransitionError);
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "answered", answer_text: "Svar." });
    expect(await requestStatus(s.request.id)).not.toBe("open");
    expect(await taskEvents(s.borasTask.id)).toHaveLength(eventsBefore);
  });

  it("refuses every outcome from pending (work starts first)", async () => {
    const s = await setting();
    await expect(answerTask({ actor: s.boras, taskId: s.borasTask.id, text: "Svar." })).rejects.toBeInstanceOf(TransitionError);
    await expect(markTaskNotHeld({ actor: s.boras, taskId: s.borasTask.id, text: "Nej." })).rejects.toBeInstanceOf(TransitionError);
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "pending", version: 1, answer_text: null });
    expect(await mailTo(s.requester.email)).toEqual([]);
  });
});

describe("assigning a task", () => {
  it("gives it to a colleague of the same organisation, or takes it, and never to someone of another organisation", async () => {
    const s = await setting();
    await assignTask({ actor: s.boras, taskId: s.borasTask.id, assigneeUserId: s.borasColleague.id, version: 1 });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ assignee_user_id: s.borasColleague.id, version: 2, status: "pending" });
    await assignTask({ actor: s.boras, taskId: s.borasTask.id, assigneeUserId: s.boras.id });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ assignee_user_id: s.boras.id });
    await expect(assignTask({ actor: s.boras, taskId: s.borasTask.id, assigneeUserId: s.skovdeUser.id })).rejects.toBeInstanceOf(
      AssigneeNotMemberError,
    );
    expect(await taskRow(s.borasTask.id)).toMatchObject({ assignee_user_id: s.boras.id, version: 3 });
    expect((await taskEvents(s.borasTask.id)).map((e) => e.action)).toEqual(["assign", "assign"]);
  });
});

describe("who may work on a task", () => {
  it("a responder of Borås can neither touch Skövde's task nor assign it; a requester cannot answer; a coordinator may work on any", async () => {
    const s = await setting();
    await expect(startTask({ actor: s.boras, taskId: s.skovdeTask.id })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(assignTask({ actor: s.boras, taskId: s.skovdeTask.id, assigneeUserId: s.skovdeUser.id })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    const requester = await actorOf(s.requester);
    await expect(startTask({ actor: requester, taskId: s.borasTask.id })).rejects.toBeInstanceOf(ForbiddenError);
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await expect(answerTask({ actor: requester, taskId: s.borasTask.id, text: "Mitt svar" })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await taskRow(s.skovdeTask.id)).toMatchObject({ status: "pending", version: 1, assignee_user_id: null });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "in_progress", answer_text: null });
    await startTask({ actor: s.coordinator, taskId: s.skovdeTask.id });
    expect(await taskRow(s.skovdeTask.id)).toMatchObject({ status: "in_progress" });
  });

  it("a task that does not exist is not found", async () => {
    const s = await setting();
    await expect(startTask({ actor: s.boras, taskId: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(TaskNotFoundError);
  });
});

describe("bad input and stale saves: a clear message, nothing written", () => {
  it("refuses a save from a form loaded before someone else's save", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id, version: 1 });
    await answerTask({ actor: s.boras, taskId: s.borasTask.id, version: 2, text: "Första svaret." });
    const stale = answerTask({ actor: s.coordinator, taskId: s.borasTask.id, version: 2, text: "Andra svaret." });
    await expect(stale).rejects.toBeInstanceOf(StaleTaskError);
    await expect(stale).rejects.toMatchObject({ messageKey: "errors.taskStale", currentVersion: 3 });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ answer_text: "Första svaret.", version: 3 });
  });

  it("refuses an empty answer, a not-held without text, a decline without reason, and a malformed or unknown dataset", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await expect(answerTask({ actor: s.boras, taskId: s.borasTask.id, text: "   " })).rejects.toMatchObject({
      messageKey: "errors.taskAnswerEmpty",
    });
    await expect(markTaskNotHeld({ actor: s.boras, taskId: s.borasTask.id, text: "" })).rejects.toMatchObject({
      messageKey: "errors.taskNotHeldNeedsText",
    });
    const decline = declineTask({ actor: s.boras, taskId: s.borasTask.id, reasonId: null, text: "Vill inte." });
    await expect(decline).rejects.toBeInstanceOf(TaskInputError);
    await expect(decline).rejects.toMatchObject({ messageKey: "errors.declineReasonRequired" });
    await expect(
      declineTask({ actor: s.boras, taskId: s.borasTask.id, reasonId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ messageKey: "errors.declineReasonRequired" });
    await expect(answerTask({ actor: s.boras, taskId: s.borasTask.id, datasetUrls: ["javascript:alert(1)"] })).rejects.toBeInstanceOf(
      DatasetUrlInvalidError,
    );
    await expect(answerTask({ actor: s.boras, taskId: s.borasTask.id, datasetUrls: ["inte en adress"] })).rejects.toBeInstanceOf(
      DatasetUrlInvalidError,
    );
    await expect(
      answerTask({ actor: s.boras, taskId: s.borasTask.id, datasetIds: ["00000000-0000-4000-8000-000000000000"] }),
    ).rejects.toBeInstanceOf(DatasetNotFoundError);
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "in_progress", version: 2, answer_text: null, decline_reason_id: null });
    expect(await links(s.borasTask.id)).toEqual([]);
    expect((await taskEvents(s.borasTask.id)).map((e) => e.action)).toEqual(["start"]);
  });

  it("refuses to answer a task of a closed request; a coordinator closes a request and its followers are told", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await closeRequest({ actor: s.coordinator, requestId: s.request.id, reason: "Frågan är inaktuell." });
    expect(await requestStatus(s.request.id)).toBe("closed");
    const [closedMail] = await mailTo(s.follower.email);
    expect(closedMail).toMatchObject({ kind: "request_closed" });
    expect(closedMail.subject).toMatch(/is closed/);
    const answer = answerTask({ actor: s.boras, taskId: s.borasTask.id, text: "Sent svar." });
    await expect(answer).rejects.toBeInstanceOf(RequestClosedForTasksError);
    await expect(answer).rejects.toMatchObject({ messageKey: "errors.taskRequestClosed" });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "in_progress", answer_text: null });
    await expect(closeRequest({ actor: s.coordinator, requestId: s.request.id })).rejects.toBeInstanceOf(TransitionError);
  });
});

describe("decline reasons", () => {
  it("are seeded in Swedish and English, in order", async () => {
    const reasons = await listDeclineReasons();
    expect(reasons.length).toBeGreaterThanOrEqual(4);
    expect(reasons[0]).toMatchObject({ sv: expect.any(String), en: expect.any(String) });
  });
});

describe("an outcome replaces the one before it", () => {
  it("declining clears the earlier answer and its links; answering again clears the decline and replaces the links", async () => {
    const s = await setting();
    const first = await createTestDataset({ title: "Första" });
    const second = await createTestDataset({ title: "Andra" });
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    await answerTask({
      actor: s.boras,
      taskId: s.borasTask.id,
      text: "Gammalt svar.",
      datasetIds: [first.id],
      datasetUrls: ["https://boras.se/data/gammal"],
    });
    await reopenTask({ actor: s.boras, taskId: s.borasTask.id, reason: "Fel." });
    const [reason] = await listDeclineReasons();
    await declineTask({ actor: s.boras, taskId: s.borasTask.id, reasonId: reason.id, text: "Sekretess." });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ answer_text: null, decline_reason_id: reason.id, decline_reason: "Sekretess." });
    expect(await links(s.borasTask.id)).toEqual([]);
    await reopenTask({ actor: s.boras, taskId: s.borasTask.id, reason: "Vi kan svara." });
    await markTaskPublished({ actor: s.boras, taskId: s.borasTask.id, text: "Nytt.", datasetIds: [second.id] });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ answer_text: "Nytt.", decline_reason_id: null, decline_reason: null });
    expect(await links(s.borasTask.id)).toEqual([{ dataset_id: second.id, pending_uri: null }]);
    await reopenTask({ actor: s.boras, taskId: s.borasTask.id, reason: "Komplettering." });
    await answerTask({ actor: s.boras, taskId: s.borasTask.id, text: "Bara text." });
    expect(await links(s.borasTask.id)).toEqual([]);
    await reopenTask({ actor: s.boras, taskId: s.borasTask.id, reason: "Igen." });
    await declineTask({ actor: s.boras, taskId: s.borasTask.id, reasonId: reason.id });
    await reopenTask({ actor: s.boras, taskId: s.borasTask.id, reason: "Igen." });
    await markTaskNotHeld({ actor: s.boras, taskId: s.borasTask.id, text: "Finns inte." });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ answer_text: "Finns inte.", decline_reason_id: null, decline_reason: null });
  });
});

describe("mails and permissions of the request's commands", () => {
  it("tells a decline's reason in each recipient's language", async () => {
    const s = await setting();
    await startTask({ actor: s.boras, taskId: s.borasTask.id });
    const [reason] = await listDeclineReasons();
    await declineTask({ actor: s.boras, taskId: s.borasTask.id, reasonId: reason.id });
    const [sv] = await mailTo(s.requester.email);
    expect(sv.text_body).toContain(reason.sv);
    const [en] = await mailTo(s.follower.email);
    expect(en.text_body).toContain(reason.en);
    expect(en.text_body).not.toContain(reason.sv);
  });

  it("closes a request only for a coordinator", async () => {
    const s = await setting();
    await expect(closeRequest({ actor: s.boras, requestId: s.request.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await requestStatus(s.request.id)).toBe("open");
    await closeRequest({ actor: s.coordinator, requestId: s.request.id });
    expect(await requestStatus(s.request.id)).toBe("closed");
  });

  it("does not count the unfinished tasks of a closed request as overdue", async () => {
    const s = await setting();
    await db.updateTable("tasks").set({ due_date: "2020-01-02" }).where("request_id", "=", s.request.id).execute();
    const before = await listInboxTasks({ organisationIds: null, text: String(s.request.number) });
    expect(before.tasks.filter((t) => t.requestNumber === s.request.number).every((t) => t.overdue)).toBe(true);
    await closeRequest({ actor: s.coordinator, requestId: s.request.id });
    const after = await listInboxTasks({ organisationIds: null, text: String(s.request.number) });
    expect(after.tasks.map((t) => t.overdue)).toEqual([false, false]);
    expect(after.overdueCount).toBe(0);
    expect((await listInboxTasks({ organisationIds: null, overdueOnly: true, text: String(s.request.number) })).total).toBe(0);
    expect((await getTaskPage({ taskId: s.borasTask.id }))?.task.overdue).toBe(false);
    const page = await getRequestPage({ requestNumber: s.request.number, viewerUserId: null });
    expect(page?.tasks.map((t) => t.overdue)).toEqual([false, false]);
  });
});
