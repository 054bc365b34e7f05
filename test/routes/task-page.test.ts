import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as taskPage from "../../app/routes/uppgifter.$taskId/route";
import { getRequestPage } from "../../app/models/request-page.server";
import { listDeclineReasons } from "../../app/models/task.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { createTestDataset } from "../factories/dataset";
import { createTestTasks } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, run, runWithStatus } from "../support/route-request";
import { longNonAsciiUrl } from "../support/long-url";

type PageData = Awaited<ReturnType<typeof taskPage.loader>>;

const args = (path: string, taskId: string, cookie?: string, form?: Record<string, string>) => ({
  ...pageRequest(path, { cookie, form }),
  params: { taskId },
});

async function open(taskId: string, cookie: string, query = "") {
  return (await run(taskPage.loader, args(`/uppgifter/${taskId}${query}`, taskId, cookie))) as PageData;
}

async function post(taskId: string, cookie: string | undefined, form: Record<string, string>) {
  return runWithStatus(taskPage.action, args(`/uppgifter/${taskId}`, taskId, cookie, form));
}

const taskRow = (id: string) =>
  db.selectFrom("tasks").select(["status", "version", "answer_text"]).where("id", "=", id).executeTakeFirstOrThrow();

async function setting() {
  const requester = await createTestUser({ name: "Rut Frågare" });
  const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
  const cookie = await sessionCookieFor(responder.id);
  const { request, tasks } = await createTestTasks({
    requesterUserId: requester.id,
    requesterShownAs: "organisation",
    requesterOrganisationName: "Badappen AB",
    title: "Badplatser och badvattenkvalitet",
    body: "Vi behöver badplatser med koordinater.",
    purpose: "En app för badgäster.",
    votes: 3,
    followers: 2,
  });
  return { requester, responder, cookie, request, borasTask: tasks["1490"], skovdeTask: tasks["1496"] };
}

describe("the task page (/uppgifter/<id>)", () => {
  it("shows the request as the public sees it, the due date with working days left, and the history", async () => {
    const s = await setting();
    const page = await open(s.borasTask.id, s.cookie);
    expect(page.request).toMatchObject({
      number: s.request.number,
      title: "Badplatser och badvattenkvalitet",
      purpose: "En app för badgäster.",
      voteCount: 3,
      followerCount: 2,
      requester: { kind: "requester", shownAs: "organisation", name: "Badappen AB" },
    });
    expect(JSON.stringify(page)).not.toContain(s.requester.email);
    expect(page.task).toMatchObject({ status: "pending", version: 1, organisation: { name: expect.stringContaining("Borås") } });
    expect(page.task.workingDaysLeft).toBeGreaterThan(0);
    expect(page.history).toEqual([]);
    expect(page.colleagues.map((c) => c.id)).toContain(s.responder.id);
    expect(page.declineReasons.length).toBeGreaterThan(0);
  });

  it("is the own organisation's only: Skövde's task is 403 to a responder of Borås, any task 403 to a requester, an unknown one 404", async () => {
    const s = await setting();
    expect((await runWithStatus(taskPage.loader, args(`/uppgifter/${s.skovdeTask.id}`, s.skovdeTask.id, s.cookie))).status).toBe(403);
    const requesterCookie = await sessionCookieFor(s.requester.id);
    expect((await runWithStatus(taskPage.loader, args(`/uppgifter/${s.borasTask.id}`, s.borasTask.id, requesterCookie))).status).toBe(403);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await runWithStatus(taskPage.loader, args(`/uppgifter/${unknown}`, unknown, s.cookie))).status).toBe(404);
    expect((await runWithStatus(taskPage.loader, args("/uppgifter/nej", "nej", s.cookie))).status).toBe(404);
    // Nor may they change it.
    expect((await post(s.skovdeTask.id, s.cookie, { intent: "start", version: "1" })).status).toBe(403);
    expect((await post(s.borasTask.id, requesterCookie, { intent: "start", version: "1" })).status).toBe(403);
    expect(await taskRow(s.skovdeTask.id)).toMatchObject({ status: "pending", version: 1 });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "pending", version: 1 });
  });

  it("starts and answers through forms that work without JavaScript, linking a catalogue dataset found by the picker (own municipality first)", async () => {
    const s = await setting();
    const own = await createTestDataset({ title: "Badplatser i Borås", publisherKommunkod: "1490" });
    await createTestDataset({ title: "Badplatser i Skövde", publisherKommunkod: "1496" });
    await drainOutbox(getSearchEngine(), {});
    expect((await post(s.borasTask.id, s.cookie, { intent: "start", version: "1" })).data).toMatchObject({
      ok: true,
      message: "task.started",
    });

    const page = await open(s.borasTask.id, s.cookie, "?dq=badplatser&text=Utkast");
    expect(page.picker?.hits[0]).toMatchObject({ id: own.id, own: true });
    expect(page.picker?.hits.length).toBeGreaterThanOrEqual(2);
    expect(page.draft.text).toBe("Utkast");

    const body = new URLSearchParams({ intent: "answer", version: "2", text: "Här är badplatserna.", datasetUrls: "" });
    body.append("datasetIds", own.id);
    const request = new Request(`http://localhost:3000/uppgifter/${s.borasTask.id}`, {
      method: "POST",
      headers: { Origin: "http://localhost:3000", "Content-Type": "application/x-www-form-urlencoded", Cookie: s.cookie },
      body: body.toString(),
    });
    const answered = await runWithStatus(taskPage.action, {
      request,
      context: { cspNonce: "test", clientAddress: "127.0.0.1" },
      params: { taskId: s.borasTask.id },
    });
    expect(answered.data).toMatchObject({ ok: true, message: "task.answered" });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "answered", answer_text: "Här är badplatserna." });
    const after = await open(s.borasTask.id, s.cookie);
    expect(after.datasets).toEqual([expect.objectContaining({ datasetId: own.id })]);
    expect(after.history.map((e) => e.action)).toEqual(["start", "answer"]);
  });

  it("refuses a stale save with a clear message and keeps the typed text; nothing is overwritten", async () => {
    const s = await setting();
    await post(s.borasTask.id, s.cookie, { intent: "start", version: "1" });
    await post(s.borasTask.id, s.cookie, { intent: "assign", version: "2", assigneeUserId: s.responder.id });
    const stale = await post(s.borasTask.id, s.cookie, { intent: "answer", version: "2", text: "Mitt långa svar.", datasetUrls: "" });
    expect(stale.status).toBe(400);
    expect(stale.data).toMatchObject({ ok: false, formErrors: ["errors.taskStale"], values: { text: "Mitt långa svar." } });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "in_progress", version: 3, answer_text: null });
    // The failure tells the current version and status, which the form sends on the retry: the kept text is saved.
    expect(stale.data).toMatchObject({ current: { version: 3, status: "in_progress" } });
    const current = (stale.data as unknown as { current: { version: number } }).current;
    const retry = await post(s.borasTask.id, s.cookie, {
      intent: "answer",
      version: String(current.version),
      text: "Mitt långa svar.",
      datasetUrls: "",
    });
    expect(retry.data).toMatchObject({ ok: true, message: "task.answered" });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "answered", version: 4, answer_text: "Mitt långa svar." });
  });

  it("revalidates the page after a stale save (single fetch does not after a 4xx), and not after other failures", () => {
    const revalidate = taskPage.shouldRevalidate!;
    const base = { defaultShouldRevalidate: false } as Parameters<typeof revalidate>[0];
    expect(revalidate({ ...base, actionResult: { ok: false, formErrors: ["errors.taskStale"], fieldErrors: {}, values: {} } })).toBe(true);
    expect(revalidate({ ...base, actionResult: { ok: false, formErrors: ["errors.taskAnswerEmpty"], fieldErrors: {}, values: {} } })).toBe(
      false,
    );
  });

  it("tells what is wrong with bad input, keeping the text: decline without reason, not held without text, a malformed dataset address", async () => {
    const s = await setting();
    await post(s.borasTask.id, s.cookie, { intent: "start", version: "1" });
    const decline = await post(s.borasTask.id, s.cookie, { intent: "decline", version: "2", reasonId: "", text: "Vi avböjer." });
    expect(decline).toMatchObject({
      status: 400,
      data: { fieldErrors: { reasonId: ["errors.declineReasonRequired"] }, values: { text: "Vi avböjer." } },
    });
    const notHeld = await post(s.borasTask.id, s.cookie, { intent: "not_held", version: "2", text: "  " });
    expect(notHeld).toMatchObject({ status: 400, data: { fieldErrors: { text: ["errors.taskNotHeldNeedsText"] } } });
    const url = await post(s.borasTask.id, s.cookie, { intent: "answer", version: "2", text: "Svar", datasetUrls: "ftp://example.se/x" });
    expect(url).toMatchObject({
      status: 400,
      data: { fieldErrors: { datasetUrls: ["errors.datasetUrlInvalid"] }, values: { text: "Svar" } },
    });
    // PostgreSQL's b-tree index holds an entry of at most about 2,700 bytes: a longer address was a 500, the answer lost.
    const long = await post(s.borasTask.id, s.cookie, { intent: "answer", version: "2", text: "Svar", datasetUrls: longNonAsciiUrl() });
    expect(long).toMatchObject({
      status: 400,
      data: { fieldErrors: { datasetUrls: ["errors.datasetUrlInvalid"] }, values: { text: "Svar" } },
    });
    const empty = await post(s.borasTask.id, s.cookie, { intent: "answer", version: "2", text: "", datasetUrls: "" });
    expect(empty).toMatchObject({ status: 400, data: { formErrors: ["errors.taskAnswerEmpty"] } });
    expect(await taskRow(s.borasTask.id)).toMatchObject({ status: "in_progress", version: 2, answer_text: null });

    const [reason] = await listDeclineReasons();
    const declined = await post(s.borasTask.id, s.cookie, { intent: "decline", version: "2", reasonId: reason.id, text: "" });
    expect(declined.data).toMatchObject({ ok: true, message: "task.declined" });
    const reopen = await post(s.borasTask.id, s.cookie, { intent: "reopen", version: "3", reason: "" });
    expect(reopen).toMatchObject({ status: 400, data: { fieldErrors: { reason: ["errors.taskReopenNeedsReason"] } } });
    expect((await post(s.borasTask.id, s.cookie, { intent: "reopen", version: "3", reason: "Fel skäl valt." })).data).toMatchObject({
      ok: true,
    });
    expect((await post(s.borasTask.id, s.cookie, { intent: "nonsense", version: "4" })).status).toBe(400);
  });

  it("shows each answer and its datasets on the request page's status per municipality, and hides a reopened task's draft", async () => {
    const s = await setting();
    const dataset = await createTestDataset({ title: "Badvatten i Borås" });
    await post(s.borasTask.id, s.cookie, { intent: "start", version: "1" });
    await post(s.borasTask.id, s.cookie, {
      intent: "answer",
      version: "2",
      text: "Se länkarna.",
      datasetUrls: `${dataset.uri}\nhttps://boras.se/data/nytt`,
    });
    const page = (await getRequestPage({ requestNumber: s.request.number, viewerUserId: null }))!;
    expect(page.request.status).toBe("partly_answered");
    const boras = page.tasks.find((task) => task.id === s.borasTask.id)!;
    expect(boras).toMatchObject({ status: "answered", answerText: "Se länkarna." });
    expect(boras.datasets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ datasetId: dataset.id }),
        expect.objectContaining({ datasetId: null, pendingUri: "https://boras.se/data/nytt" }),
      ]),
    );
    expect(page.tasks.find((task) => task.id === s.skovdeTask.id)).toMatchObject({ status: "pending", answerText: null, datasets: [] });
    await post(s.borasTask.id, s.cookie, { intent: "reopen", version: "3", reason: "Vi kompletterar." });
    const [reason] = await listDeclineReasons();
    await post(s.borasTask.id, s.cookie, { intent: "decline", version: "4", reasonId: reason.id, text: "" });
    const declined = (await getRequestPage({ requestNumber: s.request.number, viewerUserId: null }))!;
    expect(declined.tasks.find((task) => task.id === s.borasTask.id)).toMatchObject({ status: "declined", answerText: null, datasets: [] });
    await post(s.borasTask.id, s.cookie, { intent: "reopen", version: "5", reason: "Vi kompletterar." });
    const reopened = (await getRequestPage({ requestNumber: s.request.number, viewerUserId: null }))!;
    expect(reopened.tasks.find((task) => task.id === s.borasTask.id)).toMatchObject({
      status: "in_progress",
      answerText: null,
      datasets: [],
    });
  });
});
