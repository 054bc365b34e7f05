import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as inbox from "../../app/routes/uppgifter._index";
import { keptList } from "../../app/utils/kept-values";
import { createTestDataset } from "../factories/dataset";
import { createTestTasks } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { ORIGIN, pageRequest, runWithStatus } from "../support/route-request";

type Fields = [string, string][];

/** The inbox's bulk form as a browser posts it: every ticked task is one more `tasks` field. */
function post(cookie: string | undefined, fields: Fields) {
  const args = pageRequest("/uppgifter", { cookie, form: {} });
  const request = new Request(new URL("/uppgifter", ORIGIN), {
    method: "POST",
    headers: args.request.headers,
    body: new URLSearchParams(fields).toString(),
  });
  return runWithStatus(inbox.action, { ...args, request });
}

const statuses = async (ids: string[]) =>
  (await db.selectFrom("tasks").select(["id", "status", "answer_text"]).where("id", "in", ids).execute()).map((t) => [
    t.status,
    t.answer_text,
  ]);

describe("POST /uppgifter (answer the ticked tasks at once)", () => {
  it("answers every ticked task of the responder's organisation, and the inbox offers the ticks with each task's version", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const cookie = await sessionCookieFor(responder.id);
    const a = await createTestTasks({ title: "Bulk A", kommunkoder: ["1490"] });
    const b = await createTestTasks({ title: "Bulk B", kommunkoder: ["1490"] });
    const dataset = await createTestDataset({ title: "Gemensam datamängd" });
    const list = await runWithStatus(inbox.loader, pageRequest("/uppgifter", { cookie }));
    const shown = (list.data as Awaited<ReturnType<typeof inbox.loader>>).tasks;
    expect(shown.map((t) => t.version)).toEqual([1, 1]);

    const { status, data } = await post(cookie, [
      ["intent", "answer"],
      ["tasks", `${a.tasks["1490"].id}:1`],
      ["tasks", `${b.tasks["1490"].id}:1`],
      ["text", "Samma svar för båda."],
      ["datasetUrls", dataset.uri],
    ]);
    expect(status).toBe(200);
    expect(data).toEqual({ ok: true, count: 2 });
    expect(await statuses([a.tasks["1490"].id, b.tasks["1490"].id])).toEqual([
      ["answered", "Samma svar för båda."],
      ["answered", "Samma svar för båda."],
    ]);
  });

  it("refuses the batch when one ticked task was answered meanwhile: 400, the task named, the typed text and ticks kept, nothing written", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const cookie = await sessionCookieFor(responder.id);
    const a = await createTestTasks({ title: "Fortfarande öppen", kommunkoder: ["1490"] });
    const b = await createTestTasks({ title: "Redan besvarad", kommunkoder: ["1490"], taskStatus: "answered" });
    const { status, data } = await post(cookie, [
      ["intent", "publish"],
      ["tasks", `${a.tasks["1490"].id}:1`],
      ["tasks", `${b.tasks["1490"].id}:1`],
      ["text", "Publicerad för hela regionen."],
      ["datasetUrls", "https://data.vgregion.se/dataset/ny"],
    ]);
    expect(status).toBe(400);
    expect(data).toMatchObject({
      ok: false,
      formErrors: ["errors.bulkTasksRefused"],
      values: { text: "Publicerad för hela regionen." },
      refusals: [{ taskId: b.tasks["1490"].id, why: "not_answerable", requestNumber: b.request.number, requestTitle: "Redan besvarad" }],
    });
    expect(keptList((data as { values: Record<string, string> }).values, "tasks")).toEqual([
      `${a.tasks["1490"].id}:1`,
      `${b.tasks["1490"].id}:1`,
    ]);
    expect(await statuses([a.tasks["1490"].id])).toEqual([["pending", null]]);
  });

  it("answers bad input with the form's message, not a 500: nothing ticked, a malformed address, an unknown intent", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const cookie = await sessionCookieFor(responder.id);
    const a = await createTestTasks({ kommunkoder: ["1490"] });
    const none = await post(cookie, [
      ["intent", "answer"],
      ["text", "Svar."],
    ]);
    expect(none.status).toBe(400);
    expect(none.data).toMatchObject({ fieldErrors: { tasks: ["errors.bulkNoTasks"] }, values: { text: "Svar." } });
    const badUrl = await post(cookie, [
      ["intent", "answer"],
      ["tasks", `${a.tasks["1490"].id}:1`],
      ["datasetUrls", "inte en adress"],
    ]);
    expect(badUrl.status).toBe(400);
    expect(badUrl.data).toMatchObject({ fieldErrors: { datasetUrls: ["errors.datasetUrlInvalid"] } });
    const unknown = await post(cookie, [
      ["intent", "delete"],
      ["tasks", `${a.tasks["1490"].id}:1`],
    ]);
    expect(unknown.status).toBe(400);
    expect(await statuses([a.tasks["1490"].id])).toEqual([["pending", null]]);
  });

  it("is not for requesters, and a Borås responder cannot answer a Skövde task by adding it to the form", async () => {
    const requester = await createTestUser();
    const skovdeTask = (await createTestTasks({ kommunkoder: ["1496"] })).tasks["1496"];
    const asRequester = await post(await sessionCookieFor(requester.id), [
      ["intent", "answer"],
      ["tasks", `${skovdeTask.id}:1`],
      ["text", "Svar."],
    ]);
    expect(asRequester.status).toBe(403);
    const boras = await createTestUser({ role: "responder", kommunkod: "1490" });
    const asBoras = await post(await sessionCookieFor(boras.id), [
      ["intent", "answer"],
      ["tasks", `${skovdeTask.id}:1`],
      ["text", "Svar."],
    ]);
    expect(asBoras.status).toBe(400);
    expect(asBoras.data).toMatchObject({ refusals: [{ taskId: skovdeTask.id, why: "forbidden", requestTitle: null }] });
    expect(await statuses([skovdeTask.id])).toEqual([["pending", null]]);
  });
});
