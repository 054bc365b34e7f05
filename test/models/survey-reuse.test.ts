import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { addQuestion, createSurvey, setSurveyTargets, type QuestionInput } from "../../app/models/survey.server";
import { answerSurveyTask, listSurveyTaskQuestions } from "../../app/models/survey-answer.server";
import { planSurveyReuse } from "../../app/models/survey-reuse.server";
import { listSurveyAnswers } from "../../app/models/survey-results.server";
import { closeSurvey, confirmQuestionReuse, sendSurvey } from "../../app/models/survey-send.server";
import { createTestDataset } from "../factories/dataset";
import { actorOf } from "../factories/task";
import { createTestUser, getMunicipality } from "../factories/user";

const question = (extra: Partial<QuestionInput>): QuestionInput => ({
  text: "",
  answerType: "number",
  unit: null,
  helpText: null,
  choices: [],
  estimatedMinutes: 30,
  confidential: false,
  ...extra,
});

async function draft(title: string, questions: QuestionInput[], kommunkoder: string[]) {
  const sender = await actorOf(await createTestUser());
  const { surveyId } = await createSurvey({
    actor: sender,
    details: { title, purpose: "Uppföljning", legalBasis: null, deadlineWorkingDays: 10 },
  });
  const questionIds = [];
  for (const q of questions) questionIds.push((await addQuestion({ actor: sender, surveyId, question: q })).questionId);
  const organisations = await Promise.all(kommunkoder.map(getMunicipality));
  await setSurveyTargets({ actor: sender, surveyId, targets: { targetScope: "chosen", organisationIds: organisations.map((o) => o.id) } });
  return { sender, surveyId, questionIds };
}

const taskOf = async (requestId: string, organisationId: string) =>
  db.selectFrom("tasks").select("id").where("request_id", "=", requestId).where("organisation_id", "=", organisationId).executeTakeFirst();

describe("asking only what is not known", () => {
  it("reuses an earlier answer and open data across two surveys: not asked again, shown to the municipality, one ledger row each", async () => {
    const boras = await getMunicipality("1490");
    const skovde = await getMunicipality("1496");
    const borasResponder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));

    // The first survey: Borås answers how many staff it has.
    const first = await draft(
      "Bemanning 2026",
      [question({ text: "Hur många anställda har kommunen?", unit: "personer", estimatedMinutes: 45 })],
      ["1490", "1496"],
    );
    const firstSent = await sendSurvey({ actor: first.sender, surveyId: first.surveyId });
    const firstTask = (await taskOf(firstSent.requestId, boras.id))!;
    await answerSurveyTask({ actor: borasResponder, taskId: firstTask.id, answers: { [first.questionIds[0]]: "4 310" } });
    // Its results are public once it closes: only then may another sender reuse them.
    await closeSurvey({ actor: first.sender, surveyId: first.surveyId, mayCloseAny: false });

    // Borås publishes its bathing sites as open data.
    const dataset = await createTestDataset({
      title: "Badplatser i Borås",
      description: "Kommunens badplatser med läge och badvattenkvalitet.",
      keywords: ["badplatser", "bad"],
      publisherKommunkod: "1490",
    });
    await drainOutbox(getSearchEngine(), {});

    // The second survey asks the staff question again, the bathing sites, and one new question.
    const second = await draft(
      "Kommunernas verksamhet",
      [
        question({ text: "Hur många anställda har kommunen?", unit: "personer", estimatedMinutes: 40 }),
        question({ text: "Var finns kommunens badplatser?", answerType: "dataset_link", estimatedMinutes: 20 }),
        question({ text: "Hur många folkbibliotek har kommunen?", estimatedMinutes: 15 }),
      ],
      ["1490", "1496"],
    );
    const plan = await planSurveyReuse({ surveyId: second.surveyId });
    expect(plan.searchFailed).toBe(false);
    const cell = (q: number, organisationId: string) => plan.questions[q].cells.find((c) => c.organisationId === organisationId)!;
    expect(cell(0, boras.id)).toMatchObject({ kind: "earlier_answer", answer: { value: 4310, surveyTitle: "Bemanning 2026", old: false } });
    expect(cell(0, skovde.id).kind).toBe("new");
    expect(cell(1, boras.id)).toMatchObject({ kind: "open_data", dataset: { id: dataset.id, title: "Badplatser i Borås" } });
    expect(cell(1, skovde.id).kind).toBe("new");
    expect(cell(2, boras.id).kind).toBe("new");
    // The staff question went to both municipalities in the first survey, just now.
    expect(plan.questions[0].recentlyAsked).toMatchObject([{ surveyId: first.surveyId, surveyTitle: "Bemanning 2026", organisations: 2 }]);

    // Unconfirmed reuse asks everyone; the sender confirms the first two questions.
    await confirmQuestionReuse({ actor: second.sender, surveyId: second.surveyId, questionId: second.questionIds[0], confirmed: true });
    await confirmQuestionReuse({ actor: second.sender, surveyId: second.surveyId, questionId: second.questionIds[1], confirmed: true });
    const sent = await sendSurvey({ actor: second.sender, surveyId: second.surveyId });
    expect(sent).toMatchObject({ tasks: 2, reused: 2 });

    // Borås is asked only the new question; the reused answers are there with their source.
    const borasQuestions = await listSurveyTaskQuestions({ surveyId: second.surveyId, organisationId: boras.id });
    expect(borasQuestions.map((q) => [q.answer?.source ?? null, q.answer?.value ?? null])).toEqual([
      ["reused_answer", 4310],
      ["open_data", dataset.uri],
      [null, null],
    ]);
    expect(borasQuestions[0].answer?.reusedFrom?.surveyTitle).toBe("Bemanning 2026");
    expect(borasQuestions[1].answer?.datasetTitle).toBe("Badplatser i Borås");
    const skovdeQuestions = await listSurveyTaskQuestions({ surveyId: second.surveyId, organisationId: skovde.id });
    expect(skovdeQuestions.every((q) => q.answer === null)).toBe(true);

    // Exactly one ledger row per spared question × municipality, with the question's own estimate.
    const ledger = await db
      .selectFrom("time_saved")
      .select(["question_id", "organisation_id", "minutes", "reason", "request_id"])
      .where("question_id", "in", second.questionIds)
      .orderBy("minutes", "desc")
      .execute();
    expect(ledger).toEqual([
      {
        question_id: second.questionIds[0],
        organisation_id: boras.id,
        minutes: 40,
        reason: "survey_question_reused",
        request_id: sent.requestId,
      },
      {
        question_id: second.questionIds[1],
        organisation_id: boras.id,
        minutes: 20,
        reason: "survey_question_open_data",
        request_id: sent.requestId,
      },
    ]);

    // Borås corrects the reused staff count and answers its remaining question by hand: its task is done.
    const secondTask = (await taskOf(sent.requestId, boras.id))!;
    const done = await answerSurveyTask({
      actor: borasResponder,
      taskId: secondTask.id,
      answers: { [second.questionIds[0]]: "4 400", [second.questionIds[2]]: "7" },
    });
    expect(done.complete).toBe(true);
    // Answered by hand after all, the question was not spared: its credit is reversed (a row, never an update).
    const staffCredit = await db
      .selectFrom("time_saved")
      .select(["minutes", "reverses_id"])
      .where("question_id", "=", second.questionIds[0])
      .where("organisation_id", "=", boras.id)
      .orderBy("id")
      .execute();
    expect(staffCredit.map((row) => row.minutes)).toEqual([40, -40]);
    expect(staffCredit[1].reverses_id).not.toBeNull();
    const bathingCredit = await db.selectFrom("time_saved").select("minutes").where("question_id", "=", second.questionIds[1]).execute();
    expect(bathingCredit.map((row) => row.minutes)).toEqual([20]);

    // A catalogue removed (DEMO_DATA=off drops the demo datasets) is not held up by the answers it gave.
    await db.deleteFrom("datasets").where("id", "=", dataset.id).execute();
    const after = await listSurveyTaskQuestions({ surveyId: second.surveyId, organisationId: boras.id });
    expect(after[1].answer).toMatchObject({ source: "open_data", value: dataset.uri, datasetTitle: null });
  });

  it("never reuses an earlier answer the new question could not take: a choice it no longer offers", async () => {
    const boras = await getMunicipality("1490");
    const borasResponder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const text = "Har kommunen en antagen plan för sina lekplatser?";
    const first = await draft(
      "Lekplatser 2025",
      [question({ text, answerType: "single_choice", choices: ["Ja", "Nej", "Delvis"] })],
      ["1490"],
    );
    const firstSent = await sendSurvey({ actor: first.sender, surveyId: first.surveyId });
    const firstTask = (await taskOf(firstSent.requestId, boras.id))!;
    await answerSurveyTask({ actor: borasResponder, taskId: firstTask.id, answers: { [first.questionIds[0]]: "Delvis" } });
    await closeSurvey({ actor: first.sender, surveyId: first.surveyId, mayCloseAny: false });
    await drainOutbox(getSearchEngine(), {});

    const second = await draft("Lekplatser 2026", [question({ text, answerType: "single_choice", choices: ["Ja", "Nej"] })], ["1490"]);
    const plan = await planSurveyReuse({ surveyId: second.surveyId });
    expect(plan.questions[0].cells).toEqual([expect.objectContaining({ organisationId: boras.id, kind: "new", answer: null })]);
    // The same question with the choice still offered takes the answer.
    const third = await draft(
      "Lekplatser 2026, igen",
      [question({ text, answerType: "single_choice", choices: ["Ja", "Nej", "Delvis"] })],
      ["1490"],
    );
    const again = await planSurveyReuse({ surveyId: third.surveyId });
    expect(again.questions[0].cells).toEqual([
      expect.objectContaining({ organisationId: boras.id, kind: "earlier_answer", answer: expect.objectContaining({ value: "Delvis" }) }),
    ]);
  });

  it("marks an answer older than the validity period as old, still offered for the sender to decide", async () => {
    const boras = await getMunicipality("1490");
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const first = await draft(
      "Lokaler 2024",
      [question({ text: "Hur många kvadratmeter skollokaler har kommunen?", unit: "m²" })],
      ["1490"],
    );
    const sent = await sendSurvey({ actor: first.sender, surveyId: first.surveyId });
    await answerSurveyTask({
      actor: responder,
      taskId: (await taskOf(sent.requestId, boras.id))!.id,
      answers: { [first.questionIds[0]]: "120000" },
    });
    await closeSurvey({ actor: first.sender, surveyId: first.surveyId, mayCloseAny: false });
    await db
      .updateTable("survey_answers")
      .set({ answered_at: new Date("2024-05-02T10:00:00Z") })
      .where("question_id", "=", first.questionIds[0])
      .execute();
    await drainOutbox(getSearchEngine(), {});
    const second = await draft(
      "Lokaler 2026",
      [question({ text: "Hur många kvadratmeter skollokaler har kommunen?", unit: "m²" })],
      ["1490"],
    );
    const plan = await planSurveyReuse({ surveyId: second.surveyId, today: "2026-12-01" });
    expect(plan.questions[0].cells[0]).toMatchObject({
      kind: "earlier_answer",
      answer: { value: 120000, answeredOn: "2024-05-02", old: true },
    });
  });

  it("never offers a confidential question's answers to another sender", async () => {
    const boras = await getMunicipality("1490");
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const first = await draft("Säkerhet", [question({ text: "Hur många skyddade boenden har kommunen?", confidential: true })], ["1490"]);
    const sent = await sendSurvey({ actor: first.sender, surveyId: first.surveyId });
    await answerSurveyTask({
      actor: responder,
      taskId: (await taskOf(sent.requestId, boras.id))!.id,
      answers: { [first.questionIds[0]]: "3" },
    });
    await drainOutbox(getSearchEngine(), {});
    const second = await draft("Säkerhet igen", [question({ text: "Hur många skyddade boenden har kommunen?" })], ["1490"]);
    const plan = await planSurveyReuse({ surveyId: second.surveyId });
    expect(plan.questions[0].cells[0].kind).toBe("new");
  });

  it("reuses a running survey's answers for its own sender only; another sender sees them once it closes, still listed as recently asked", async () => {
    const boras = await getMunicipality("1490");
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    const text = "Hur många laddstolpar för elbilar finns i kommunen?";
    const first = await draft("Laddinfrastruktur", [question({ text })], ["1490"]);
    const sent = await sendSurvey({ actor: first.sender, surveyId: first.surveyId });
    await answerSurveyTask({
      actor: responder,
      taskId: (await taskOf(sent.requestId, boras.id))!.id,
      answers: { [first.questionIds[0]]: "85" },
    });
    await drainOutbox(getSearchEngine(), {});

    // Another sender, while the first survey runs: its results are not theirs to read, so not to reuse.
    const other = await draft("Laddstolpar igen", [question({ text })], ["1490"]);
    const whileRunning = await planSurveyReuse({ surveyId: other.surveyId });
    expect(whileRunning.questions[0].cells[0]).toMatchObject({ kind: "new", answer: null });
    expect(JSON.stringify(whileRunning)).not.toContain('"value":85');
    // That the municipality was asked is public (the survey is in the register), so it is still said.
    expect(whileRunning.questions[0].recentlyAsked).toMatchObject([{ surveyId: first.surveyId, organisations: 1 }]);

    // The same sender's next survey may reuse its own running survey's answers.
    const { surveyId: ownSurveyId } = await createSurvey({
      actor: first.sender,
      details: { title: "Laddstolpar, uppföljning", purpose: "Uppföljning", legalBasis: null, deadlineWorkingDays: 10 },
    });
    await addQuestion({ actor: first.sender, surveyId: ownSurveyId, question: question({ text }) });
    await setSurveyTargets({ actor: first.sender, surveyId: ownSurveyId, targets: { targetScope: "chosen", organisationIds: [boras.id] } });
    expect((await planSurveyReuse({ surveyId: ownSurveyId })).questions[0].cells[0]).toMatchObject({
      kind: "earlier_answer",
      answer: { value: 85, surveyId: first.surveyId },
    });

    // Closed, its results are public: the other sender is offered them.
    await closeSurvey({ actor: first.sender, surveyId: first.surveyId, mayCloseAny: false });
    expect((await planSurveyReuse({ surveyId: other.surveyId })).questions[0].cells[0]).toMatchObject({
      kind: "earlier_answer",
      answer: { value: 85, surveyId: first.surveyId },
    });
  });

  it("sends a survey every municipality already answered: no tasks, the reused answers and ledger rows recorded, the results the sender's at once", async () => {
    const [boras, skovde] = await Promise.all([getMunicipality("1490"), getMunicipality("1496")]);
    const responders = {
      [boras.id]: await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" })),
      [skovde.id]: await actorOf(await createTestUser({ role: "responder", kommunkod: "1496" })),
    };
    const text = "Hur många platser finns i kommunens fritidsgårdar?";
    const first = await draft("Fritidsgårdar 2026", [question({ text, estimatedMinutes: 25 })], ["1490", "1496"]);
    const firstSent = await sendSurvey({ actor: first.sender, surveyId: first.surveyId });
    for (const [organisationId, value] of [
      [boras.id, "310"],
      [skovde.id, "120"],
    ])
      await answerSurveyTask({
        actor: responders[organisationId],
        taskId: (await taskOf(firstSent.requestId, organisationId))!.id,
        answers: { [first.questionIds[0]]: value },
      });
    await closeSurvey({ actor: first.sender, surveyId: first.surveyId, mayCloseAny: false });
    await drainOutbox(getSearchEngine(), {});

    const second = await draft("Fritidsgårdar, sammanställning", [question({ text, estimatedMinutes: 25 })], ["1490", "1496"]);
    await confirmQuestionReuse({ actor: second.sender, surveyId: second.surveyId, questionId: second.questionIds[0], confirmed: true });
    const sent = await sendSurvey({ actor: second.sender, surveyId: second.surveyId });
    expect(sent).toMatchObject({ tasks: 0, reused: 2, dueDate: null });

    expect(await db.selectFrom("tasks").select("id").where("request_id", "=", sent.requestId).execute()).toEqual([]);
    const request = await db.selectFrom("requests").select(["status", "kind"]).where("id", "=", sent.requestId).executeTakeFirstOrThrow();
    expect(request).toEqual({ status: "answered_by_existing_data", kind: "survey" });
    const survey = await db
      .selectFrom("surveys")
      .select(["status", "request_id"])
      .where("id", "=", second.surveyId)
      .executeTakeFirstOrThrow();
    expect(survey).toEqual({ status: "sent", request_id: sent.requestId });
    const ledger = await db
      .selectFrom("time_saved")
      .select(["organisation_id", "minutes", "reason"])
      .where("question_id", "=", second.questionIds[0])
      .orderBy("organisation_id")
      .execute();
    expect(ledger).toEqual(
      [boras.id, skovde.id].sort().map((organisation_id) => ({ organisation_id, minutes: 25, reason: "survey_question_reused" })),
    );

    // The sender reads the results at once; the public once the sender closes the survey.
    const senderView = await listSurveyAnswers({ surveyId: second.surveyId, viewer: { userId: second.sender.id, readsAll: false } });
    expect(senderView?.access.visible).toBe(true);
    expect(senderView?.answers.map((a) => a.value).sort()).toEqual([120, 310]);
    const publicView = () => listSurveyAnswers({ surveyId: second.surveyId, viewer: { userId: null, readsAll: false } });
    expect((await publicView())?.access.visible).toBe(false);
    await closeSurvey({ actor: second.sender, surveyId: second.surveyId, mayCloseAny: false });
    expect((await publicView())?.answers).toHaveLength(2);
  });
});
