import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as triage from "../../app/routes/admin.triage.$number/route";
import * as editSurvey from "../../app/routes/enkater.$surveyId.redigera/route";
import * as specificationPage from "../../app/routes/specifikationer.$specificationId";
import * as specificationsApi from "../../app/routes/api.specifications";
import * as requestFeed from "../../app/routes/requests.$number_.events[.]atom";
import { sendSurvey } from "../../app/models/survey-send.server";
import { translate } from "../../app/i18n/translate";
import { changeSpecificationStatus } from "../../app/models/specification.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";
import { createTestSpecification } from "../factories/specification";

type Failure = { ok: false; formErrors: string[]; fieldErrors: Record<string, string[]>; values: Record<string, string> };

const call = <T>(
  fn: (args: ReturnType<typeof pageRequest>) => Promise<T>,
  path: string,
  cookie: string | undefined,
  options: { form?: Record<string, string>; params?: Record<string, string>; origin?: string | null } = {},
) => runWithStatus(fn, { ...pageRequest(path, { cookie, form: options.form, origin: options.origin }), params: options.params ?? {} });

const specificationId = async (name: string) =>
  (await db.selectFrom("specifications").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

const linkOf = async (requestId: string) =>
  (await db.selectFrom("requests").select("specification_id").where("id", "=", requestId).executeTakeFirstOrThrow()).specification_id;

const linkEvents = async (entityId: string) =>
  (await db.selectFrom("events").select("id").where("entity_id", "=", entityId).where("action", "=", "link_specification").execute())
    .length;

async function retiredSpecification() {
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const spec = await createTestSpecification({
    actor: coordinator,
    name: `Utgången ${Math.random().toString(36).slice(2, 8)}`,
  });
  await changeSpecificationStatus({ actor: coordinator, id: spec.id, to: "retired" });
  return spec.id;
}

describe("the triage page's specification", () => {
  it("shows the matcher's suggestions with why and the register filtered by the search, and links, changes and removes", async () => {
    await createTestDataset({
      title: "Badplatser i Vara",
      description: "Kommunens badplatser med vattenkvalitet.",
      keywords: ["badplatser", "bad"],
      publisherKommunkod: "1470",
      conformsTo: ["https://www.dataportal.se/specifications/badplatser/1.0"],
    });
    await drainOutbox(getSearchEngine());
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const request = await createTestRequest({ title: "Badplatser i Vara", body: "Var finns badplatser i Vara?" });
    const number = (await db.selectFrom("requests").select("number").where("id", "=", request.id).executeTakeFirstOrThrow()).number;
    const path = `/admin/triage/${number}`;
    const params = { number: String(number) };
    const bathing = await specificationId("Badplatser");

    const page = await call(triage.loader, `${path}?specifikation=grill`, cookie, { params });
    const { specification } = page.data as Awaited<ReturnType<typeof triage.loader>>;
    expect(specification.current).toBeNull();
    expect(specification.suggestions[0]).toMatchObject({ id: bathing, name: "Badplatser", datasets: 1 });
    expect(specification.register.map((s) => s.name)).toEqual(["Grillplatser"]);
    expect(specification.query).toBe("grill");

    const linked = await call(triage.action, path, cookie, { form: { intent: "link_specification", specificationId: bathing }, params });
    expect(linked).toMatchObject({ status: 200, data: { ok: true, message: "specificationLink.linkedNotice" } });
    expect(await linkOf(request.id)).toBe(bathing);
    const again = await call(triage.action, path, cookie, { form: { intent: "link_specification", specificationId: bathing }, params });
    expect(again.data).toMatchObject({ ok: true, message: "specificationLink.unchangedNotice" });
    const removed = await call(triage.action, path, cookie, { form: { intent: "unlink_specification" }, params });
    expect(removed.data).toMatchObject({ ok: true, message: "specificationLink.removedNotice" });
    expect(await linkOf(request.id)).toBeNull();
    expect(await linkEvents(request.id)).toBe(2);

    // The request's feed tells the links as its page does, with a different client address than the
    // other tests so the API's limit per address is not what answers.
    const feed = await requestFeed.loader({
      ...pageRequest(`/requests/${number}/events.atom`, { clientAddress: "192.0.2.14" }),
      params: { number: String(number) },
    });
    const text = await feed.text();
    expect(text).toContain("Förfrågan kopplades till specifikationen Badplatser 1.0");
    expect(text).toContain("Kopplingen till specifikationen Badplatser 1.0 togs bort");
  });

  it("answers a bad or unknown id, a retired specification and no choice with a clear Swedish message, never a 500, nothing written", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const request = await createTestRequest();
    const number = (await db.selectFrom("requests").select("number").where("id", "=", request.id).executeTakeFirstOrThrow()).number;
    const path = `/admin/triage/${number}`;
    const params = { number: String(number) };
    const retired = await retiredSpecification();
    for (const [specificationId, message] of [
      ["", "errors.specificationChoose"],
      ["inte-ett-id", "errors.specificationUnknown"],
      ["00000000-0000-4000-8000-000000000000", "errors.specificationUnknown"],
      [retired, "errors.specificationRetired"],
    ] as const) {
      const refused = await call(triage.action, path, cookie, { form: { intent: "link_specification", specificationId }, params });
      expect(refused.status).toBe(400);
      expect((refused.data as Failure).fieldErrors.specificationId).toEqual([message]);
      expect((refused.data as Failure).values.specificationId).toBe(specificationId);
      expect(translate("sv", message)).toMatch(/specifikation|listan/i);
    }
    // A hand-made form from another site is refused before anything is read.
    const csrf = await call(triage.action, path, cookie, {
      form: { intent: "link_specification", specificationId: await specificationId("Badplatser") },
      params,
      origin: "https://elsewhere.example",
    });
    expect((csrf.data as Failure).formErrors).toEqual(["errors.csrf"]);
    expect(await linkOf(request.id)).toBeNull();
    expect(await linkEvents(request.id)).toBe(0);
  });

  it("is not for a requester or responder: the page and its forms are forbidden", async () => {
    const request = await createTestRequest();
    const number = (await db.selectFrom("requests").select("number").where("id", "=", request.id).executeTakeFirstOrThrow()).number;
    const bathing = await specificationId("Badplatser");
    for (const role of ["requester", "responder"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role })).id);
      const refused = await call(triage.action, `/admin/triage/${number}`, cookie, {
        form: { intent: "link_specification", specificationId: bathing },
        params: { number: String(number) },
      });
      expect(refused.status).toBe(403);
    }
    expect(await linkOf(request.id)).toBeNull();
  });
});

describe("the survey editor's specification of a question", () => {
  it("lets the sender link a question from the register and remove it; a bad id is a clear message, not a 500", async () => {
    const sender = await createTestUser();
    const cookie = await sessionCookieFor(sender.id);
    const survey = await createTestSurvey({
      senderId: sender.id,
      questions: [testQuestion({ text: "Var finns kommunens laddstationer för elbilar?", answerType: "text", unit: null })],
    });
    const [questionId] = survey.questionIds;
    const path = `/enkater/${survey.surveyId}/redigera`;
    const params = { surveyId: survey.surveyId };
    const charging = await specificationId("Laddpunkter (vägledning)");
    const questionLink = async () =>
      (await db.selectFrom("survey_questions").select("specification_id").where("id", "=", questionId).executeTakeFirstOrThrow())
        .specification_id;

    const page = await call(editSurvey.loader, `${path}?specifikation=ladd&fraga=${questionId}`, cookie, { params });
    const data = page.data as Awaited<ReturnType<typeof editSurvey.loader>>;
    expect(data.openQuestion).toBe(questionId);
    expect(data.specifications.register.map((s) => s.id)).toContain(charging);
    expect(data.specifications.byQuestion[questionId]).toMatchObject({ current: null, suggestions: expect.any(Array) });

    const linked = await call(editSurvey.action, path, cookie, {
      form: { intent: "link_specification", questionId, specificationId: charging },
      params,
    });
    expect(linked).toMatchObject({ status: 200, data: { ok: true } });
    expect(await questionLink()).toBe(charging);

    const retired = await retiredSpecification();
    for (const [specificationId, message] of [
      ["", "errors.specificationChoose"],
      ["inte-ett-id", "errors.specificationUnknown"],
      ["00000000-0000-4000-8000-000000000000", "errors.specificationUnknown"],
      [retired, "errors.specificationRetired"],
    ] as const) {
      const refused = await call(editSurvey.action, path, cookie, {
        form: { intent: "link_specification", questionId, specificationId },
        params,
      });
      expect(refused.status).toBe(400);
      expect((refused.data as Failure).fieldErrors.specificationId).toEqual([message]);
      // The failure belongs to this question's form: the page shows it there.
      expect((refused.data as Failure).values.questionId).toBe(questionId);
    }
    const badQuestion = await call(editSurvey.action, path, cookie, {
      form: { intent: "link_specification", questionId: "inte-ett-id", specificationId: charging },
      params,
    });
    expect(badQuestion.status).toBe(400);
    expect(await questionLink()).toBe(charging);

    const removed = await call(editSurvey.action, path, cookie, { form: { intent: "unlink_specification", questionId }, params });
    expect(removed).toMatchObject({ status: 200, data: { ok: true } });
    expect(await questionLink()).toBeNull();
  });

  it("is the sender's alone: another requester, a responder or a coordinator cannot link a question", async () => {
    const survey = await createTestSurvey({ send: false });
    const charging = await specificationId("Laddpunkter (vägledning)");
    for (const role of ["requester", "responder", "coordinator"] as const) {
      const cookie = await sessionCookieFor((await createTestUser({ role })).id);
      const refused = await call(editSurvey.action, `/enkater/${survey.surveyId}/redigera`, cookie, {
        form: { intent: "link_specification", questionId: survey.questionIds[0], specificationId: charging },
        params: { surveyId: survey.surveyId },
      });
      // A draft is its sender's alone: to anyone else it is not there (as the editor's other forms).
      expect([403, 404]).toContain(refused.status);
    }
    expect(await linkEvents(survey.surveyId)).toBe(0);
  });
});

describe("demand once linked in triage and in the survey editor", () => {
  it("is counted on /specifikationer/<id> and in /api/specifications: the linked request and the sent survey's question", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const spec = await createTestSpecification({
      actor: await actorOf(coordinator),
      name: `Skolskjutsar ${Math.random().toString(36).slice(2, 8)}`,
    });
    const request = await createTestRequest({ status: "open", requesterUserId: (await createTestUser()).id });
    const number = (await db.selectFrom("requests").select("number").where("id", "=", request.id).executeTakeFirstOrThrow()).number;
    await call(triage.action, `/admin/triage/${number}`, await sessionCookieFor(coordinator.id), {
      form: { intent: "link_specification", specificationId: spec.id },
      params: { number: String(number) },
    });
    const sender = await createTestUser();
    const survey = await createTestSurvey({ senderId: sender.id });
    await call(editSurvey.action, `/enkater/${survey.surveyId}/redigera`, await sessionCookieFor(sender.id), {
      form: { intent: "link_specification", questionId: survey.questionIds[0], specificationId: spec.id },
      params: { surveyId: survey.surveyId },
    });
    await sendSurvey({ actor: survey.sender, surveyId: survey.surveyId });

    const page = await call(specificationPage.loader, `/specifikationer/${spec.id}`, undefined, { params: { specificationId: spec.id } });
    const { benefit } = page.data as Awaited<ReturnType<typeof specificationPage.loader>>;
    expect(benefit.demand).toMatchObject({ requests: 1, surveyQuestions: 1, requesters: 2 });

    const api = await call(specificationsApi.loader, "/api/specifications?pageSize=100&page=1", undefined);
    const body = (await (api.data as Response).json()) as { items: { id: string; demand: Record<string, number> }[]; total: number };
    const pages = Math.ceil(body.total / 100);
    let item = body.items.find((i) => i.id === spec.id);
    for (let p = 2; !item && p <= pages; p++) {
      const next = await call(specificationsApi.loader, `/api/specifications?pageSize=100&page=${p}`, undefined);
      item = ((await (next.data as Response).json()) as typeof body).items.find((i) => i.id === spec.id);
    }
    expect(item?.demand).toMatchObject({ requests: 1, surveyQuestions: 1 });
  });
});
