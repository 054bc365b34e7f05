import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as newSurvey from "../../app/routes/enkater.ny";
import * as editSurvey from "../../app/routes/enkater.$surveyId.redigera/route";
import * as sendPage from "../../app/routes/enkater.$surveyId.skicka";
import * as previewPage from "../../app/routes/enkater.$surveyId.forhandsgranska";
import * as surveyPage from "../../app/routes/enkater.$surveyId._index";
import * as surveyCsv from "../../app/routes/enkater.$surveyId.resultat[.]csv";
import * as surveyList from "../../app/routes/enkater._index";
import * as surveySettings from "../../app/routes/admin.enkater";
import * as requestPage from "../../app/routes/requests.$number/route";
import * as requestApi from "../../app/routes/api.requests.$number";
import * as taskPage from "../../app/routes/uppgifter.$taskId/route";
import * as rootRoute from "../../app/root";
import { translate } from "../../app/i18n/translate";
import { answerSurveyTask } from "../../app/models/survey-answer.server";
import { closeSurvey } from "../../app/models/survey-send.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser, sessionCookieFor } from "../factories/user";
import { pageRequest, runWithStatus, type PostedForm } from "../support/route-request";
import { renderInRoot } from "../support/render-component";
import type { FormFailure } from "../../app/utils/form.server";
import { SurveyAnswers } from "../../app/routes/uppgifter.$taskId/survey-answers";

type Failure = { ok: false; formErrors: string[]; fieldErrors: Record<string, string[]>; values: Record<string, string> };

async function signedIn(role: "requester" | "responder" | "coordinator" = "requester", kommunkod?: string) {
  const user = await createTestUser({ role, kommunkod });
  return { user, cookie: await sessionCookieFor(user.id) };
}

const call = <T,>(
  fn: (args: ReturnType<typeof pageRequest>) => Promise<T>,
  path: string,
  cookie: string | undefined,
  options: { form?: PostedForm; params?: Record<string, string> } = {},
) => runWithStatus(fn, { ...pageRequest(path, { cookie, form: options.form }), params: options.params ?? {} });

const questionForm = (extra: Record<string, string> = {}) => ({
  intent: "add_question",
  text: "Hur många förskolor har kommunen?",
  answerType: "number",
  unit: "st",
  helpText: "",
  choices: "",
  estimatedMinutes: "",
  ...extra,
});

const questionCount = async (surveyId: string) =>
  (await db.selectFrom("survey_questions").select("id").where("survey_id", "=", surveyId).execute()).length;

describe("the survey builder", () => {
  it("creates a draft from the new-survey form, and refuses one without a title with its text kept", async () => {
    const { user, cookie } = await signedIn();
    const refused = await call(newSurvey.action, "/enkater/ny", cookie, {
      form: { title: " ", purpose: "Att veta", deadlineWorkingDays: "10" },
    });
    expect(refused.status).toBe(400);
    expect((refused.data as Failure).fieldErrors.title).toEqual(["errors.surveyTitleRequired"]);
    expect((refused.data as Failure).values.purpose).toBe("Att veta");
    expect(await db.selectFrom("surveys").select("id").where("sender_user_id", "=", user.id).execute()).toHaveLength(0);

    const created = await call(newSurvey.action, "/enkater/ny", cookie, {
      form: { title: "Förskolor", purpose: "Att veta", deadlineWorkingDays: "15" },
    });
    const location = (created.data as Response).headers.get("Location")!;
    expect(location).toMatch(/^\/enkater\/[0-9a-f-]{36}\/redigera$/);
    const survey = await db
      .selectFrom("surveys")
      .select(["title", "deadline_working_days", "status"])
      .where("sender_user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(survey).toEqual({ title: "Förskolor", deadline_working_days: 15, status: "draft" });
  });

  it("adds a question with the coordinators' default minutes for its type, and refuses bad ones with the text kept and nothing written", async () => {
    const { user, cookie } = await signedIn();
    const { surveyId } = await createTestSurvey({ senderId: user.id, questions: [] });
    const path = `/enkater/${surveyId}/redigera`;
    const params = { surveyId };
    const added = await call(editSurvey.action, path, cookie, { form: questionForm(), params });
    expect(added.status).toBe(200);
    const defaults = await db
      .selectFrom("survey_answer_time_defaults")
      .select("minutes")
      .where("answer_type", "=", "number")
      .executeTakeFirstOrThrow();
    expect(
      (await db.selectFrom("survey_questions").select("estimated_minutes").where("survey_id", "=", surveyId).executeTakeFirstOrThrow())
        .estimated_minutes,
    ).toBe(defaults.minutes);

    for (const [extra, expected] of [
      [{ estimatedMinutes: "-5" }, { estimatedMinutes: ["errors.surveyMinutesInvalid"] }],
      [{ estimatedMinutes: "2401" }, { estimatedMinutes: ["errors.surveyMinutesInvalid"] }],
      [{ answerType: "favourite_colour" }, { answerType: ["errors.surveyTypeInvalid"] }],
      [{ text: "" }, { text: ["errors.surveyQuestionTextRequired"] }],
    ] as const) {
      const refused = await call(editSurvey.action, path, cookie, {
        form: questionForm({ text: "Min fråga som ska finnas kvar", ...extra }),
        params,
      });
      expect(refused.status).toBe(400);
      expect((refused.data as Failure).fieldErrors).toEqual(expected);
      expect((refused.data as Failure).values.text).toBe("text" in extra ? "" : "Min fråga som ska finnas kvar");
    }
    const noChoices = await call(editSurvey.action, path, cookie, {
      form: questionForm({ answerType: "single_choice", choices: "Bara ett" }),
      params,
    });
    expect(noChoices.status).toBe(400);
    expect((noChoices.data as Failure).formErrors).toEqual(["errors.surveyChoicesRequired"]);
    expect(await questionCount(surveyId)).toBe(1);
    // The message is there in both languages.
    expect(translate("en", "errors.surveyMinutesInvalid")).toMatch(/working week/);
    expect(translate("sv", "errors.surveyMinutesInvalid")).toMatch(/arbetsvecka/);
  });

  it("moves and removes questions, sets targets (all 49) and shows the preview as a municipality sees it", async () => {
    const { user, cookie } = await signedIn();
    const { surveyId, questionIds } = await createTestSurvey({
      senderId: user.id,
      questions: [testQuestion({ text: "Första" }), testQuestion({ text: "Andra", answerType: "yes_no" })],
    });
    const params = { surveyId };
    const path = `/enkater/${surveyId}/redigera`;
    await call(editSurvey.action, path, cookie, { form: { intent: "move_question", questionId: questionIds[1], direction: "up" }, params });
    await call(editSurvey.action, path, cookie, { form: { intent: "targets", targetScope: "all" }, params });
    const page = (await call(editSurvey.loader, path, cookie, { params })).data as Awaited<ReturnType<typeof editSurvey.loader>>;
    expect(page.survey.questions.map((q) => q.text)).toEqual(["Andra", "Första"]);
    expect(page.survey.targets).toHaveLength(49);
    await call(editSurvey.action, path, cookie, { form: { intent: "remove_question", questionId: questionIds[0] }, params });
    const review = (await call(sendPage.loader, `/enkater/${surveyId}/skicka`, cookie, { params })).data as Awaited<
      ReturnType<typeof sendPage.loader>
    >;
    expect(review.questions.map((q) => q.text)).toEqual(["Andra"]);
    const preview = (await call(previewPage.loader, `/enkater/${surveyId}/forhandsgranska`, cookie, { params })).data as Awaited<
      ReturnType<typeof previewPage.loader>
    >;
    expect(preview.survey.questions.map((q) => [q.text, q.answerType])).toEqual([["Andra", "yes_no"]]);
    const other = await signedIn();
    // Someone else's draft: not even whether it exists, as on its public page.
    expect((await call(previewPage.loader, `/enkater/${surveyId}/forhandsgranska`, other.cookie, { params })).status).toBe(404);
    expect((await call(sendPage.loader, `/enkater/${surveyId}/skicka`, other.cookie, { params })).status).toBe(404);
  });

  it("is edited by its sender only: others get 403, a visitor signs in, and a sent survey is refused", async () => {
    const { surveyId, sender } = await createTestSurvey({ send: true });
    const other = await signedIn("coordinator");
    const path = `/enkater/${surveyId}/redigera`;
    expect((await call(editSurvey.loader, path, other.cookie, { params: { surveyId } })).status).toBe(403);
    expect((await call(editSurvey.action, path, other.cookie, { form: questionForm(), params: { surveyId } })).status).toBe(403);
    const senderCookie = await sessionCookieFor(sender.id);
    expect((await call(editSurvey.loader, path, senderCookie, { params: { surveyId } })).status).toBe(409);
    const refused = await call(editSurvey.action, path, senderCookie, {
      form: questionForm({ text: "En sen fråga" }),
      params: { surveyId },
    });
    expect(refused.status).toBe(400);
    expect((refused.data as Failure).formErrors).toEqual(["errors.surveyNotDraft"]);
    expect((refused.data as Failure).values.text).toBe("En sen fråga");
    expect(await questionCount(surveyId)).toBe(1);
  });

  it("refuses to send a survey without questions, naming why, and sends one with questions and targets", async () => {
    const { user, cookie } = await signedIn();
    const { surveyId } = await createTestSurvey({ senderId: user.id, questions: [] });
    const params = { surveyId };
    const refused = await call(sendPage.action, `/enkater/${surveyId}/skicka`, cookie, { form: { intent: "send" }, params });
    expect(refused.status).toBe(400);
    expect((refused.data as Failure).formErrors).toEqual(["errors.surveyNoQuestions"]);
    expect(await db.selectFrom("surveys").select("status").where("id", "=", surveyId).executeTakeFirstOrThrow()).toEqual({
      status: "draft",
    });
    await call(editSurvey.action, `/enkater/${surveyId}/redigera`, cookie, { form: questionForm(), params });
    const { fingerprint } = (await call(sendPage.loader, `/enkater/${surveyId}/skicka`, cookie, { params })).data as Awaited<
      ReturnType<typeof sendPage.loader>
    >;
    const sent = await call(sendPage.action, `/enkater/${surveyId}/skicka`, cookie, { form: { intent: "send", fingerprint }, params });
    expect((sent.data as Response).headers.get("Location")).toBe(`/enkater/${surveyId}?skickad=2%2C0`);
    const list = (await call(surveyList.loader, "/enkater", undefined)).data as Awaited<ReturnType<typeof surveyList.loader>>;
    expect(list.surveys.map((s) => s.id)).toContain(surveyId);
    // The survey's request page (the public register lists it as an "Enkät") links the survey.
    const { request_id } = await db.selectFrom("surveys").select("request_id").where("id", "=", surveyId).executeTakeFirstOrThrow();
    const { number } = await db.selectFrom("requests").select("number").where("id", "=", request_id!).executeTakeFirstOrThrow();
    const requestView = (await call(requestPage.loader, `/requests/${number}`, undefined, { params: { number: String(number) } }))
      .data as Awaited<ReturnType<typeof requestPage.loader>>;
    expect(requestView.request).toMatchObject({ kind: "survey", surveyId });
  });
});

describe("the survey pages' texts", () => {
  it("come with the catalogue from the root loader in the reader's language (ADR 027)", async () => {
    const { user, cookie } = await signedIn();
    const swedish = await rootRoute.loader(pageRequest("/enkater", { cookie }));
    expect(swedish.messages["surveys.new"]).toBe("Skapa en enkät");
    await db.updateTable("users").set({ locale: "en" }).where("id", "=", user.id).execute();
    const english = await rootRoute.loader(pageRequest("/enkater", { cookie }));
    expect(english.messages["surveys.new"]).toBe("Create a survey");
  });
});

describe("answering on the task page", () => {
  it("shows the survey's questions and stores typed answers; a wrong type comes back with a clear message and the text kept", async () => {
    const { surveyId, questionIds, tasks } = await createTestSurvey({
      send: true,
      questions: [testQuestion(), testQuestion({ text: "Vilken form?", answerType: "single_choice", choices: ["Kommunal", "Privat"] })],
    });
    const { cookie } = await signedIn("responder", "1490");
    const taskId = tasks["1490"];
    const params = { taskId };
    const page = (await call(taskPage.loader, `/uppgifter/${taskId}`, cookie, { params })).data as Awaited<
      ReturnType<typeof taskPage.loader>
    >;
    expect(page.survey?.id).toBe(surveyId);
    expect(page.survey?.questions.map((q) => q.text)).toEqual(["Hur många anställda har kommunen?", "Vilken form?"]);
    const version = String((await db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow()).version);

    const refused = await call(taskPage.action, `/uppgifter/${taskId}`, cookie, {
      form: { intent: "survey_answers", version, [`q.${questionIds[0]}`]: "ungefär tusen", [`q.${questionIds[1]}`]: "Statlig" },
      params,
    });
    expect(refused.status).toBe(400);
    const failure = refused.data as Failure;
    expect(failure.formErrors).toEqual(["errors.surveyAnswersRefused"]);
    expect(failure.fieldErrors).toEqual({
      [`q.${questionIds[0]}`]: ["errors.surveyAnswerNumber"],
      [`q.${questionIds[1]}`]: ["errors.surveyAnswerChoice"],
    });
    expect(failure.values[`q.${questionIds[0]}`]).toBe("ungefär tusen");
    expect(await db.selectFrom("survey_answers").select("id").execute()).toHaveLength(0);

    const saved = await call(taskPage.action, `/uppgifter/${taskId}`, cookie, {
      form: { intent: "survey_answers", version, [`q.${questionIds[0]}`]: "1 020", [`q.${questionIds[1]}`]: "Kommunal" },
      params,
    });
    expect(saved.data).toMatchObject({ ok: true, message: "surveyTask.complete" });
    expect((await db.selectFrom("tasks").select("status").where("id", "=", taskId).executeTakeFirstOrThrow()).status).toBe("answered");
  });
  it("keeps every ticked choice when the form comes back, a choice with a comma in it too", async () => {
    const { questionIds, tasks } = await createTestSurvey({
      send: true,
      questions: [
        testQuestion(),
        testQuestion({ text: "Vilka miljöer övervakas?", answerType: "multiple_choice", choices: ["Skog, mark", "Vatten", "Luft"] }),
      ],
    });
    const { cookie } = await signedIn("responder", "1490");
    const taskId = tasks["1490"];
    const params = { taskId };
    const page = (await call(taskPage.loader, `/uppgifter/${taskId}`, cookie, { params })).data as Awaited<
      ReturnType<typeof taskPage.loader>
    >;
    const version = String((await db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow()).version);
    const refused = await call(taskPage.action, `/uppgifter/${taskId}`, cookie, {
      form: { intent: "survey_answers", version, [`q.${questionIds[0]}`]: "många", [`q.${questionIds[1]}`]: ["Skog, mark", "Vatten"] },
      params,
    });
    expect(refused.status).toBe(400);
    const failure = refused.data as FormFailure;
    const html = await renderInRoot(() => (
      <SurveyAnswers survey={page.survey!} taskStatus="pending" version={Number(version)} failure={failure} values={failure.values} />
    ));
    const ticked = [...html.matchAll(/<input type="checkbox"[^>]*value="([^"]*)"[^>]*>/g)]
      .filter(([input]) => / checked=""/.test(input))
      .map(([, value]) => value);
    expect(ticked).toEqual(["Skog, mark", "Vatten"]);
  });
});

describe("the results", () => {
  async function answeredSurvey() {
    const survey = await createTestSurvey({
      send: true,
      questions: [testQuestion(), testQuestion({ text: "Hur många hot mot personal anmäldes?", confidential: true })],
    });
    const responder = await signedIn("responder", "1490");
    const taskId = survey.tasks["1490"];
    const version = String((await db.selectFrom("tasks").select("version").where("id", "=", taskId).executeTakeFirstOrThrow()).version);
    await call(taskPage.action, `/uppgifter/${taskId}`, responder.cookie, {
      form: { intent: "survey_answers", version, [`q.${survey.questionIds[0]}`]: "900", [`q.${survey.questionIds[1]}`]: "17" },
      params: { taskId },
    });
    return survey;
  }

  it("are the sender's while the survey runs, public when it closes, and a confidential question's answers never leave", async () => {
    const { surveyId, sender } = await answeredSurvey();
    const params = { surveyId };
    const senderCookie = await sessionCookieFor(sender.id);
    const csvOf = async (cookie: string | undefined) => {
      const { status, data } = await call(surveyCsv.loader, `/enkater/${surveyId}/resultat.csv`, cookie, { params });
      return { status, text: data instanceof Response && status === 200 ? await data.text() : "" };
    };
    // Running: the public sees no results, the sender all of them.
    expect((await csvOf(undefined)).status).toBe(404);
    const publicPage = (await call(surveyPage.loader, `/enkater/${surveyId}`, undefined, { params })).data as Awaited<
      ReturnType<typeof surveyPage.loader>
    >;
    expect(publicPage.results?.access.visible).toBe(false);
    const senderCsv = await csvOf(senderCookie);
    expect(senderCsv.text).toContain("900");
    expect(senderCsv.text).toContain("17");

    const closed = await call(surveyPage.action, `/enkater/${surveyId}`, senderCookie, { form: { intent: "close" }, params });
    expect(closed.data).toMatchObject({ ok: true });
    const publicCsv = await csvOf(undefined);
    expect(publicCsv.status).toBe(200);
    expect(publicCsv.text).toContain("Borås;1490;1;Hur många anställda har kommunen?;900;besvarad;nej");
    expect(publicCsv.text).not.toContain("hot mot personal");
    expect(publicCsv.text).not.toContain(";17;");
    const after = (await call(surveyPage.loader, `/enkater/${surveyId}`, undefined, { params })).data as Awaited<
      ReturnType<typeof surveyPage.loader>
    >;
    expect(after.results?.questions.map((q) => q.text)).toEqual(["Hur många anställda har kommunen?"]);
    expect(JSON.stringify(after)).not.toContain('hot mot personal"');
  });

  it("show a visitor or a responder who sent a survey by organisation only, never a private sender's name", async () => {
    const { surveyId, sender } = await createTestSurvey({ send: true });
    const { name: senderName } = await db.selectFrom("users").select("name").where("id", "=", sender.id).executeTakeFirstOrThrow();
    const visitor = await call(surveyPage.loader, `/enkater/${surveyId}`, undefined, { params: { surveyId } });
    expect(visitor.status).toBe(200);
    expect(JSON.stringify(visitor.data)).not.toContain(senderName);
    const responder = await signedIn("responder");
    expect(
      JSON.stringify((await call(surveyPage.loader, `/enkater/${surveyId}`, responder.cookie, { params: { surveyId } })).data),
    ).not.toContain(senderName);
    // The sender and the coordinators, who may need to reach them, still see it.
    const own = await call(surveyPage.loader, `/enkater/${surveyId}`, await sessionCookieFor(sender.id), { params: { surveyId } });
    expect(JSON.stringify(own.data)).toContain(senderName);
  });

  it("show the request a private sender's survey became without the sender's name, on its page and in the API", async () => {
    const { requestId, sender } = await createTestSurvey({ send: true });
    const { name: senderName } = await db.selectFrom("users").select("name").where("id", "=", sender.id).executeTakeFirstOrThrow();
    const { number } = await db.selectFrom("requests").select("number").where("id", "=", requestId!).executeTakeFirstOrThrow();
    const params = { number: String(number) };
    const page = await call(requestPage.loader, `/requests/${number}`, undefined, { params });
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.data)).not.toContain(senderName);
    const api = await call(requestApi.loader, `/api/requests/${number}`, undefined, { params });
    expect(api.status).toBe(200);
    const body = api.data instanceof Response ? await api.data.text() : JSON.stringify(api.data);
    expect(body).toContain(`"number":${number}`);
    expect(body).not.toContain(senderName);
  });

  it("keep a draft to its sender: anyone else gets 404", async () => {
    const { surveyId, sender } = await createTestSurvey();
    const other = await signedIn("coordinator");
    expect((await call(surveyPage.loader, `/enkater/${surveyId}`, other.cookie, { params: { surveyId } })).status).toBe(404);
    expect(
      (await call(surveyPage.loader, `/enkater/${surveyId}`, await sessionCookieFor(sender.id), { params: { surveyId } })).status,
    ).toBe(200);
    // Posting to the page tells no more than reading it: a refusal would say the draft exists.
    const stranger = await signedIn();
    const forms: Record<string, string>[] = [
      { intent: "close" },
      { intent: "link_specification", questionId: crypto.randomUUID(), specificationId: "" },
    ];
    for (const form of forms)
      for (const cookie of [other.cookie, stranger.cookie])
        expect((await call(surveyPage.action, `/enkater/${surveyId}`, cookie, { params: { surveyId }, form })).status).toBe(404);
  });
});

describe("the coordinators' survey settings", () => {
  const form = (extra: Record<string, string> = {}) => ({
    validityMonths: "18",
    recentlyAskedMonths: "3",
    "minutes.number": "25",
    "minutes.text": "45",
    "minutes.single_choice": "10",
    "minutes.multiple_choice": "15",
    "minutes.yes_no": "5",
    "minutes.date": "10",
    "minutes.dataset_link": "20",
    ...extra,
  });

  it("refuses a negative minute estimate with the typed values kept, and saves good ones with an event; new questions take the new default", async () => {
    const { cookie } = await signedIn("coordinator");
    const refused = await call(surveySettings.action, "/admin/enkater", cookie, { form: form({ "minutes.number": "-1" }) });
    expect(refused.status).toBe(400);
    expect((refused.data as Failure).fieldErrors).toEqual({ "minutes.number": ["errors.surveyMinutesInvalid"] });
    expect((refused.data as Failure).values.validityMonths).toBe("18");
    expect((await db.selectFrom("survey_settings").select("validity_months").executeTakeFirstOrThrow()).validity_months).toBe(12);

    const saved = await call(surveySettings.action, "/admin/enkater", cookie, { form: form() });
    expect(saved.data).toEqual({ ok: true });
    expect((await db.selectFrom("survey_settings").select("validity_months").executeTakeFirstOrThrow()).validity_months).toBe(18);
    const event = await db.selectFrom("events").select("data").where("action", "=", "update_survey_settings").executeTakeFirstOrThrow();
    expect(event.data).toMatchObject({
      from: { validityMonths: 12, minutes: { number: 30 } },
      to: { validityMonths: 18, minutes: { number: 25 } },
    });

    const requester = await signedIn();
    const { surveyId } = await createTestSurvey({ senderId: requester.user.id, questions: [] });
    await call(editSurvey.action, `/enkater/${surveyId}/redigera`, requester.cookie, { form: questionForm(), params: { surveyId } });
    const question = await db
      .selectFrom("survey_questions")
      .select("estimated_minutes")
      .where("survey_id", "=", surveyId)
      .executeTakeFirstOrThrow();
    expect(question.estimated_minutes).toBe(25);
    expect(
      (await db.selectFrom("surveys").select("validity_months").where("id", "=", surveyId).executeTakeFirstOrThrow()).validity_months,
    ).toBe(18);
    // Set back for the other tests of this file.
    await call(surveySettings.action, "/admin/enkater", cookie, {
      form: form({ validityMonths: "12", recentlyAskedMonths: "6", "minutes.number": "30" }),
    });
  });
});

describe("sending what the sender saw", () => {
  /** A closed survey of another sender in which the municipality answered the question: public, so reusable. */
  async function answeredElsewhere(text: string, kommunkod: string, value: string) {
    const earlier = await createTestSurvey({ send: true, questions: [testQuestion({ text })], kommunkoder: [kommunkod] });
    const responder = await createTestUser({ role: "responder", kommunkod });
    await answerSurveyTask({
      actor: await actorOf(responder),
      taskId: earlier.tasks[kommunkod],
      answers: { [earlier.questionIds[0]]: value },
    });
    await closeSurvey({ actor: earlier.sender, surveyId: earlier.surveyId, mayCloseAny: false });
    await drainOutbox(getSearchEngine(), {});
  }

  it("refuses with 409 when what was found changed after the page showed it, writing nothing, and shows the new plan", async () => {
    const text = "Hur många simhallar har kommunen?";
    await answeredElsewhere(text, "1490", "2");
    const { user, cookie } = await signedIn();
    const { surveyId, questionIds } = await createTestSurvey({ senderId: user.id, questions: [testQuestion({ text })] });
    const path = `/enkater/${surveyId}/skicka`;
    const params = { surveyId };
    const page = async () => (await call(sendPage.loader, path, cookie, { params })).data as Awaited<ReturnType<typeof sendPage.loader>>;
    await call(sendPage.action, path, cookie, { form: { intent: "confirm_reuse", questionId: questionIds[0], confirmed: "true" }, params });
    const seen = await page();
    expect(seen.questions[0]).toMatchObject({ confirmed: true, known: [{ organisation: "Borås", kind: "earlier_answer" }] });

    // Skövde's answer is indexed after the sender looked: sending must not reuse what they never saw.
    await answeredElsewhere(text, "1496", "1");
    const refused = await call(sendPage.action, path, cookie, { form: { intent: "send", fingerprint: seen.fingerprint }, params });
    expect(refused.status).toBe(409);
    expect((refused.data as Failure).formErrors).toEqual(["errors.surveyReusePlanChanged"]);
    expect(translate("sv", "errors.surveyReusePlanChanged")).toMatch(/ändrats sedan du tittade/);
    expect(translate("en", "errors.surveyReusePlanChanged")).toMatch(/changed since you looked/);
    expect(await db.selectFrom("surveys").select(["status", "request_id"]).where("id", "=", surveyId).executeTakeFirstOrThrow()).toEqual({
      status: "draft",
      request_id: null,
    });
    expect(await db.selectFrom("survey_answers").select("id").where("survey_id", "=", surveyId).execute()).toEqual([]);
    expect(await db.selectFrom("time_saved").select("id").where("question_id", "=", questionIds[0]).execute()).toEqual([]);
    // A page without the fingerprint (sent before this check existed) is refused the same way.
    expect((await call(sendPage.action, path, cookie, { form: { intent: "send" }, params })).status).toBe(409);

    // The page now shows both, and sending what it shows goes through: both already answered, no one is asked.
    const now = await page();
    expect(now.fingerprint).not.toBe(seen.fingerprint);
    expect(now.questions[0].known.map((k) => k.organisation).sort()).toEqual(["Borås", "Skövde"]);
    const sent = await call(sendPage.action, path, cookie, { form: { intent: "send", fingerprint: now.fingerprint }, params });
    expect((sent.data as Response).headers.get("Location")).toBe(`/enkater/${surveyId}?skickad=0%2C2`);
  });
});
