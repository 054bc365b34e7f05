import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as surveyPage from "../../app/routes/enkater.$surveyId._index";
import * as editSurvey from "../../app/routes/enkater.$surveyId.redigera/route";
import * as specificationPage from "../../app/routes/specifikationer.$specificationId";
import { translate } from "../../app/i18n/translate";
import { changeSpecificationStatus } from "../../app/models/specification.server";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus } from "../support/route-request";
import { createTestSpecification } from "../factories/specification";

/** Issue 14: the specification a sent survey's question asks for, confirmed or changed by a coordinator on the survey's page. */

type Failure = { ok: false; formErrors: string[]; fieldErrors: Record<string, string[]>; values: Record<string, string> };
type PageData = Awaited<ReturnType<typeof surveyPage.loader>>;

const call = <T>(
  fn: (args: ReturnType<typeof pageRequest>) => Promise<T>,
  path: string,
  cookie: string | undefined,
  options: { form?: Record<string, string>; params?: Record<string, string> } = {},
) => runWithStatus(fn, { ...pageRequest(path, { cookie, form: options.form }), params: options.params ?? {} });

async function newSpecification(name: string, status: "proposed" | "retired" = "proposed") {
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const spec = await createTestSpecification({
    actor: coordinator,
    name: `${name} ${Math.random().toString(36).slice(2, 8)}`,
  });
  if (status === "retired") await changeSpecificationStatus({ actor: coordinator, id: spec.id, to: "retired" });
  return spec.id;
}

const questionLinkOf = async (questionId: string) =>
  (await db.selectFrom("survey_questions").select("specification_id").where("id", "=", questionId).executeTakeFirstOrThrow())
    .specification_id;

const demandOf = async (specificationId: string) => {
  const page = await call(specificationPage.loader, `/specifikationer/${specificationId}`, undefined, { params: { specificationId } });
  return (page.data as Awaited<ReturnType<typeof specificationPage.loader>>).benefit.demand;
};

describe("a sent survey's page for coordinators", () => {
  it("offers each question's specification, the matcher's suggestions for the open one only, and links: demand rises", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const survey = await createTestSurvey({
      send: true,
      questions: [testQuestion({ text: "Hur många elever åker skolskjuts?" }), testQuestion({ text: "Hur många skolor har kommunen?" })],
    });
    const [first, second] = survey.questionIds;
    const spec = await newSpecification("Skolskjutsar");
    const path = `/enkater/${survey.surveyId}`;
    const params = { surveyId: survey.surveyId };

    const closed = (await call(surveyPage.loader, path, cookie, { params })).data as PageData;
    expect(closed.specifications?.byQuestion[first]).toEqual({ current: null, suggestions: null });
    const open = (await call(surveyPage.loader, `${path}?fraga=${first}&specifikation=skolskjuts`, cookie, { params })).data as PageData;
    expect(open.openQuestion).toBe(first);
    expect(open.specifications?.byQuestion[first].suggestions).toEqual(expect.any(Array));
    expect(open.specifications?.byQuestion[second].suggestions).toBeNull();
    expect(open.specifications?.register.map((s) => s.id)).toEqual([spec]);

    expect(await demandOf(spec)).toMatchObject({ surveyQuestions: 0, requesters: 0 });
    const linked = await call(surveyPage.action, path, cookie, {
      form: { intent: "link_specification", questionId: first, specificationId: spec },
      params,
    });
    expect(linked).toMatchObject({ status: 200, data: { ok: true, message: "specificationLink.linkedNotice" } });
    expect(await questionLinkOf(first)).toBe(spec);
    expect(await demandOf(spec)).toMatchObject({ surveyQuestions: 1, requesters: 1 });
    const shown = (await call(surveyPage.loader, path, cookie, { params })).data as PageData;
    expect(shown.specifications?.byQuestion[first].current).toMatchObject({ id: spec });

    const removed = await call(surveyPage.action, path, cookie, { form: { intent: "unlink_specification", questionId: first }, params });
    expect(removed.data).toMatchObject({ ok: true, message: "specificationLink.removedNotice" });
    expect(await demandOf(spec)).toMatchObject({ surveyQuestions: 0 });
  });

  it("answers a bad or unknown id, a retired specification and a withdrawn survey with a Swedish 400, nothing written", async () => {
    const cookie = await sessionCookieFor((await createTestUser({ role: "coordinator" })).id);
    const survey = await createTestSurvey({ send: true });
    const [questionId] = survey.questionIds;
    const path = `/enkater/${survey.surveyId}`;
    const params = { surveyId: survey.surveyId };
    const retired = await newSpecification("Utgången", "retired");
    const spec = await newSpecification("Bibliotek");
    for (const [specificationId, message] of [
      ["", "errors.specificationChoose"],
      ["inte-ett-id", "errors.specificationUnknown"],
      ["00000000-0000-4000-8000-000000000000", "errors.specificationUnknown"],
      [retired, "errors.specificationRetired"],
    ] as const) {
      const refused = await call(surveyPage.action, path, cookie, {
        form: { intent: "link_specification", questionId, specificationId },
        params,
      });
      expect(refused.status).toBe(400);
      expect((refused.data as Failure).fieldErrors.specificationId).toEqual([message]);
      expect((refused.data as Failure).values.questionId).toBe(questionId);
      expect(translate("sv", message)).toMatch(/specifikation/i);
    }
    for (const bad of ["inte-ett-id", ""]) {
      const refused = await call(surveyPage.action, path, cookie, {
        form: { intent: "link_specification", questionId: bad, specificationId: spec },
        params,
      });
      expect(refused.status).toBe(400);
    }
    const unknownIntent = await call(surveyPage.action, path, cookie, { form: { intent: "koppla", questionId }, params });
    expect(unknownIntent.status).toBe(400);

    await db.updateTable("requests").set({ status: "withdrawn" }).where("id", "=", survey.requestId!).execute();
    const withdrawn = await call(surveyPage.action, path, cookie, {
      form: { intent: "link_specification", questionId, specificationId: spec },
      params,
    });
    expect(withdrawn.status).toBe(400);
    expect((withdrawn.data as Failure).formErrors).toEqual(["errors.surveyWithdrawnNoLink"]);
    expect(translate("sv", "errors.surveyWithdrawnNoLink")).toMatch(/återkallad/);
    expect(((await call(surveyPage.loader, path, cookie, { params })).data as PageData).specifications).toBeNull();
    expect(await questionLinkOf(questionId)).toBeNull();
  });

  it("is not for a requester, a responder or the sender once sent: nothing offered, nothing written", async () => {
    const sender = await createTestUser();
    const survey = await createTestSurvey({ send: true, senderId: sender.id });
    const [questionId] = survey.questionIds;
    const path = `/enkater/${survey.surveyId}`;
    const params = { surveyId: survey.surveyId };
    const spec = await newSpecification("Parker");
    for (const user of [await createTestUser({ role: "requester" }), await createTestUser({ role: "responder" })]) {
      const cookie = await sessionCookieFor(user.id);
      expect(((await call(surveyPage.loader, path, cookie, { params })).data as PageData).specifications).toBeNull();
      const refused = await call(surveyPage.action, path, cookie, {
        form: { intent: "link_specification", questionId, specificationId: spec },
        params,
      });
      expect(refused.status).toBe(403);
    }
    const senderCookie = await sessionCookieFor(sender.id);
    expect(((await call(surveyPage.loader, path, senderCookie, { params })).data as PageData).specifications).toBeNull();
    const bySender = await call(surveyPage.action, path, senderCookie, {
      form: { intent: "link_specification", questionId, specificationId: spec },
      params,
    });
    expect(bySender.status).toBe(400);
    expect((bySender.data as Failure).formErrors).toEqual(["errors.surveyNotDraft"]);
    const visitor = await call(surveyPage.action, path, undefined, {
      form: { intent: "link_specification", questionId, specificationId: spec },
      params,
    });
    expect(visitor.status).toBe(302);
    expect(await questionLinkOf(questionId)).toBeNull();
  });
});

describe("the survey editor asks the matcher for the question being edited only", () => {
  it("gives suggestions for the `?fraga=` question and none for the others; a 100-question draft's view is timed", async () => {
    const sender = await createTestUser();
    const cookie = await sessionCookieFor(sender.id);
    const topics = [
      "badplatser",
      "laddstationer",
      "offentliga toaletter",
      "grillplatser",
      "detaljplaner",
      "förskolor",
      "parkering",
      "cykelvägar",
    ];
    const questions = Array.from({ length: 100 }, (_, i) =>
      testQuestion({ text: `Fråga ${i + 1}: var finns kommunens ${topics[i % topics.length]}?`, answerType: "text", unit: null }),
    );
    const survey = await createTestSurvey({ senderId: sender.id, questions });
    const path = `/enkater/${survey.surveyId}/redigera`;
    const params = { surveyId: survey.surveyId };
    type EditData = Awaited<ReturnType<typeof editSurvey.loader>>;

    const times: number[] = [];
    let data: EditData | undefined;
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      data = (await call(editSurvey.loader, path, cookie, { params })).data as EditData;
      times.push(performance.now() - started);
    }
    expect(Object.values(data!.specifications.byQuestion).every((choice) => choice.suggestions === null)).toBe(true);
    const opened = (await call(editSurvey.loader, `${path}?fraga=${survey.questionIds[3]}`, cookie, { params })).data as EditData;
    expect(opened.specifications.byQuestion[survey.questionIds[3]].suggestions).toEqual(expect.any(Array));
    expect(Object.values(opened.specifications.byQuestion).filter((choice) => choice.suggestions !== null)).toHaveLength(1);
    // What each view cost before: the matcher asked for every question (the old loader's way), side by side.
    const { suggestSpecificationsForQuestion } = await import("../../app/models/specification-choice.server");
    const before: number[] = [];
    for (let round = 0; round < 5; round++) {
      const started = performance.now();
      await Promise.all(survey.questionIds.map((questionId) => suggestSpecificationsForQuestion({ questionId })));
      before.push(performance.now() - started);
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    console.info(
      `100-question draft: editor loader now median ${median(times).toFixed(0)} ms; asking the matcher for every question median ${median(before).toFixed(0)} ms`,
    );
  });
});
