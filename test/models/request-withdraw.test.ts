import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { TransitionError } from "../../app/models/lifecycle.server";
import { ForbiddenError } from "../../app/models/errors.server";
import { RequestKindNotWithdrawableError, withdrawRequest } from "../../app/models/request.server";
import { answerTask, RequestClosedForTasksError, startTask } from "../../app/models/task.server";
import { listInboxTasks } from "../../app/models/task-inbox.server";
import { createTestRequest } from "../factories/request";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

const requestRow = (id: string) =>
  db.selectFrom("requests").select(["status", "status_reason"]).where("id", "=", id).executeTakeFirstOrThrow();

const requestEvents = (id: string) =>
  db
    .selectFrom("events")
    .select(["action", "from_state", "to_state", "reason", "actor_user_id"])
    .where("entity_type", "=", "request")
    .where("entity_id", "=", id)
    .orderBy("id")
    .execute();

const mailTo = (address: string) =>
  db.selectFrom("mail_outbox").select(["subject", "text_body", "kind"]).where("to_address", "=", address).orderBy("created_at").execute();

async function routedRequest() {
  const requester = await createTestUser();
  const follower = await createTestUser();
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", follower.id).execute();
  const borasResponder = await createTestUser({ role: "responder", kommunkod: "1490" });
  const skovdeResponder = await createTestUser({ role: "responder", kommunkod: "1496" });
  const { request, tasks } = await createTestTasks({ requesterUserId: requester.id, title: "Hundrastgårdar" });
  await db.insertInto("follows").values({ request_id: request.id, user_id: follower.id }).execute();
  return { requester, follower, borasResponder, skovdeResponder, request, tasks };
}

describe("a requester withdraws their request", () => {
  it("stops the municipalities' work on it and tells them and the followers, with the reason", async () => {
    const s = await routedRequest();
    const boras = await actorOf(s.borasResponder);
    await startTask({ actor: boras, taskId: s.tasks["1490"].id });

    await withdrawRequest({ actor: await actorOf(s.requester), requestId: s.request.id, reason: "Vi hittade uppgifterna hos SCB." });

    expect(await requestRow(s.request.id)).toEqual({ status: "withdrawn", status_reason: "Vi hittade uppgifterna hos SCB." });
    expect(await requestEvents(s.request.id)).toContainEqual({
      action: "withdraw",
      from_state: "open",
      to_state: "withdrawn",
      reason: "Vi hittade uppgifterna hos SCB.",
      actor_user_id: s.requester.id,
    });
    // Both municipalities still had the task to do: their responders are told to stop.
    for (const responder of [s.borasResponder, s.skovdeResponder]) {
      const [mail] = await mailTo(responder.email);
      expect(mail).toMatchObject({ kind: "task_withdrawn" });
      expect(mail.subject).toContain(String(s.request.number));
      expect(mail.text_body).toContain("Hundrastgårdar");
      expect(mail.text_body).toContain("Vi hittade uppgifterna hos SCB.");
    }
    const [followerMail] = await mailTo(s.follower.email);
    expect(followerMail).toMatchObject({ kind: "request_withdrawn" });
    expect(followerMail.subject).toMatch(/withdrawn/i);
    // The requester did it; they are not mailed about their own step.
    expect(await mailTo(s.requester.email)).toEqual([]);

    const answer = answerTask({ actor: boras, taskId: s.tasks["1490"].id, text: "Sent svar." });
    await expect(answer).rejects.toBeInstanceOf(RequestClosedForTasksError);
    expect((await listInboxTasks({ organisationIds: [s.tasks["1490"].organisationId] })).tasks.map((t) => t.requestNumber)).not.toContain(
      s.request.number,
    );
    const outbox = await db
      .selectFrom("search_outbox")
      .select("entity_id")
      .where("entity_type", "=", "request")
      .where("entity_id", "=", s.request.id)
      .execute();
    expect(outbox.length).toBeGreaterThan(0);
  });

  it("withdraws a request not yet routed without telling any municipality", async () => {
    const requester = await createTestUser();
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const request = await createTestRequest({ requesterUserId: requester.id, status: "submitted", targetKommunkoder: ["1490"] });
    await withdrawRequest({ actor: await actorOf(requester), requestId: request.id, reason: "" });
    expect(await requestRow(request.id)).toEqual({ status: "withdrawn", status_reason: null });
    expect(await mailTo(responder.email)).toEqual([]);
  });

  it("is the requester's own step: anyone else, a coordinator too, is refused and nothing changes", async () => {
    const s = await routedRequest();
    for (const other of [await createTestUser(), await createTestUser({ role: "coordinator" }), s.borasResponder]) {
      const attempt = withdrawRequest({ actor: await actorOf(other), requestId: s.request.id, reason: "Nej." });
      await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await requestRow(s.request.id)).toEqual({ status: "open", status_reason: null });
    expect(await mailTo(s.follower.email)).toEqual([]);
  });

  it("cannot withdraw what a municipality has already answered", async () => {
    const requester = await createTestUser();
    const { request } = await createTestTasks({ requesterUserId: requester.id, status: "partly_answered" });
    const attempt = withdrawRequest({ actor: await actorOf(requester), requestId: request.id, reason: "" });
    await expect(attempt).rejects.toBeInstanceOf(TransitionError);
    expect((await requestRow(request.id)).status).toBe("partly_answered");
    expect(await requestEvents(request.id)).toEqual([]);
  });

  it("leaves a survey to its own page (closing it there keeps the answers given)", async () => {
    const requester = await createTestUser();
    const request = await createTestRequest({ requesterUserId: requester.id, kind: "survey" });
    const attempt = withdrawRequest({ actor: await actorOf(requester), requestId: request.id, reason: "" });
    await expect(attempt).rejects.toBeInstanceOf(RequestKindNotWithdrawableError);
    expect((await requestRow(request.id)).status).toBe("open");
  });
});
