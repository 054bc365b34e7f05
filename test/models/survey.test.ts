import { sql } from "kysely";
import { describe, expect, expectTypeOf, it } from "vitest";
import { db } from "../../db/client.server";
import type * as Db from "../../db/schema";
import {
  isAnswerOld,
  parseSurveyAnswer,
  surveyAnswerTypes,
  surveyStatuses,
  type SurveyAnswerSource,
  type SurveyAnswerType,
  type SurveyStatus,
} from "../../app/domain/surveys";
import { ForbiddenError } from "../../app/models/errors.server";
import {
  addQuestion,
  createSurvey,
  listAnswerTimeDefaults,
  moveQuestion,
  removeQuestion,
  setSurveyTargets,
  SurveyInputError,
  SurveyNotDraftError,
  updateQuestion,
  updateSurveyDetails,
  type QuestionInput,
} from "../../app/models/survey.server";
import { answerSurveyTask, listSurveyTaskQuestions, SurveyAnswersRefusedError } from "../../app/models/survey-answer.server";
import { closeSurvey, sendSurvey } from "../../app/models/survey-send.server";
import { followRequest } from "../../app/models/follow.server";
import { getSurvey } from "../../app/models/survey-page.server";
import { listSurveyAnswers } from "../../app/models/survey-results.server";
import { answerTask, answerTasksInBulk, closeRequest, completeSurveyTask, reopenTask, startTask } from "../../app/models/task.server";
import { translate } from "../../app/i18n/translate";
import { createTestDataset } from "../factories/dataset";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser, getMunicipality } from "../factories/user";

export const question = (extra: Partial<QuestionInput> = {}): QuestionInput => ({
  text: "Hur många anställda har kommunen?",
  answerType: "number",
  unit: "personer",
  helpText: null,
  choices: [],
  estimatedMinutes: 30,
  confidential: false,
  ...extra,
});

const details = { title: "Personal i kommunerna", purpose: "Statistik om bemanning", legalBasis: null, deadlineWorkingDays: 10 };

async function draftWith(questions: QuestionInput[], kommunkoder = ["1490", "1496"]) {
  const sender = await actorOf(await createTestUser());
  const { surveyId } = await createSurvey({ actor: sender, details });
  const ids = [];
  for (const q of questions) ids.push((await addQuestion({ actor: sender, surveyId, question: q })).questionId);
  const organisations = await Promise.all(kommunkoder.map(getMunicipality));
  await setSurveyTargets({ actor: sender, surveyId, targets: { targetScope: "chosen", organisationIds: organisations.map((o) => o.id) } });
  return { sender, surveyId, questionIds: ids, organisations };
}

const counts = async () => ({
  surveys: Number(
    (
      await db
        .selectFrom("surveys")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  questions: Number(
    (
      await db
        .selectFrom("survey_questions")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  tasks: Number(
    (
      await db
        .selectFrom("tasks")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  requests: Number(
    (
      await db
        .selectFrom("requests")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

describe("the survey's words", () => {
  it("are the database's words (types by tsc, values by the CHECK constraints)", async () => {
    expectTypeOf<Db.SurveyStatus>().toEqualTypeOf<SurveyStatus>();
    expectTypeOf<Db.SurveyAnswerType>().toEqualTypeOf<SurveyAnswerType>();
    expectTypeOf<Db.SurveyAnswerSource>().toEqualTypeOf<SurveyAnswerSource>();
    const allowed = async (table: string, column: string) => {
      // Raw SQL: the catalogue's constraint text is what the migration wrote.
      const { rows } = await sql<{ definition: string }>`
        SELECT pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relname = ${table} AND c.contype = 'c' AND pg_get_constraintdef(c.oid) LIKE ${`%(${column} = ANY (ARRAY[%`}`.execute(db);
      // The list constraint only: another check may compare the column too (surveys_sent_has_request).
      expect(rows).toHaveLength(1);
      return [...rows[0].definition.matchAll(/'([^']+)'/g)].map((match) => match[1]).sort();
    };
    expect(await allowed("surveys", "status")).toEqual([...surveyStatuses].sort());
    expect(await allowed("survey_questions", "answer_type")).toEqual([...surveyAnswerTypes].sort());
    expect(await allowed("survey_answer_time_defaults", "answer_type")).toEqual([...surveyAnswerTypes].sort());
    expect(Object.keys(await listAnswerTimeDefaults()).sort()).toEqual([...surveyAnswerTypes].sort());
  });

  it("read answers by type: Swedish numbers, offered choices only, yes/no, real dates, web addresses", () => {
    const q = (answerType: SurveyAnswerType, choices: string[] = []) => ({ answerType, choices });
    expect(parseSurveyAnswer(q("number"), "1 234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(parseSurveyAnswer(q("number"), "tolv")).toEqual({ ok: false, problem: "number" });
    expect(parseSurveyAnswer(q("single_choice", ["Ja, helt", "Delvis"]), "Delvis")).toEqual({ ok: true, value: "Delvis" });
    expect(parseSurveyAnswer(q("single_choice", ["Ja, helt", "Delvis"]), "Kanske")).toEqual({ ok: false, problem: "choice" });
    expect(parseSurveyAnswer(q("multiple_choice", ["a", "b", "c"]), ["a", "c"])).toEqual({ ok: true, value: ["a", "c"] });
    expect(parseSurveyAnswer(q("multiple_choice", ["a", "b"]), ["a", "x"])).toEqual({ ok: false, problem: "choice" });
    expect(parseSurveyAnswer(q("yes_no"), "yes")).toEqual({ ok: true, value: true });
    expect(parseSurveyAnswer(q("yes_no"), "kanske")).toEqual({ ok: false, problem: "yes_no" });
    expect(parseSurveyAnswer(q("date"), "2026-02-30")).toEqual({ ok: false, problem: "date" });
    expect(parseSurveyAnswer(q("date"), "2026-02-28")).toEqual({ ok: true, value: "2026-02-28" });
    expect(parseSurveyAnswer(q("dataset_link"), "javascript:alert(1)")).toEqual({ ok: false, problem: "url" });
    expect(parseSurveyAnswer(q("text"), "   ")).toEqual({ ok: false, problem: "required" });
    expect(isAnswerOld("2025-11-30", "2026-12-01", 12)).toBe(true);
    expect(isAnswerOld("2025-12-02", "2026-12-01", 12)).toBe(false);
  });
});

describe("a survey draft", () => {
  it("is created, edited, reordered and trimmed by its sender, each step with its event", async () => {
    const { sender, surveyId, questionIds } = await draftWith([
      question(),
      question({ text: "Har kommunen en klimatplan?", answerType: "yes_no", unit: "ignoreras", estimatedMinutes: 5 }),
      question({ text: "Vilka skolformer finns?", answerType: "multiple_choice", choices: ["Förskola", "Grundskola", "Gymnasium"] }),
    ]);
    await moveQuestion({ actor: sender, surveyId, questionId: questionIds[2], direction: "up" });
    await removeQuestion({ actor: sender, surveyId, questionId: questionIds[0] });
    await updateQuestion({
      actor: sender,
      surveyId,
      questionId: questionIds[1],
      question: question({ text: "Har kommunen en antagen klimatplan?", answerType: "yes_no" }),
    });
    await updateSurveyDetails({ actor: sender, surveyId, details: { ...details, title: "Bemanning och klimat" } });
    const survey = (await getSurvey(surveyId))!;
    expect(survey.title).toBe("Bemanning och klimat");
    expect(survey.status).toBe("draft");
    expect(survey.targets.map((t) => t.name).sort()).toEqual(["Borås", "Skövde"]);
    expect(survey.questions.map((q) => [q.text, q.answerType, q.unit])).toEqual([
      ["Vilka skolformer finns?", "multiple_choice", null],
      ["Har kommunen en antagen klimatplan?", "yes_no", null],
    ]);
    expect(survey.questions[0].choices).toEqual(["Förskola", "Grundskola", "Gymnasium"]);
    const actions = await db
      .selectFrom("events")
      .select("action")
      .where("entity_id", "=", surveyId)
      .orderBy("occurred_at")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "create",
      "add_question",
      "add_question",
      "add_question",
      "set_targets",
      "move_question",
      "remove_question",
      "edit_question",
      "edit_details",
    ]);
  });

  it("targets every municipality or the region by scope", async () => {
    const { sender, surveyId } = await draftWith([question()]);
    expect((await setSurveyTargets({ actor: sender, surveyId, targets: { targetScope: "all", organisationIds: [] } })).targets).toBe(49);
    expect((await setSurveyTargets({ actor: sender, surveyId, targets: { targetScope: "region", organisationIds: [] } })).targets).toBe(1);
  });

  it("refuses bad questions with a message and writes nothing", async () => {
    const { sender, surveyId } = await draftWith([question()]);
    const before = await counts();
    await expect(addQuestion({ actor: sender, surveyId, question: question({ estimatedMinutes: -1 }) })).rejects.toThrow(SurveyInputError);
    await expect(addQuestion({ actor: sender, surveyId, question: question({ estimatedMinutes: 2401 }) })).rejects.toMatchObject({
      messageKey: "errors.surveyMinutesInvalid",
    });
    await expect(
      addQuestion({ actor: sender, surveyId, question: question({ answerType: "single_choice", choices: ["Bara ett"] }) }),
    ).rejects.toMatchObject({
      messageKey: "errors.surveyChoicesRequired",
    });
    await expect(
      addQuestion({ actor: sender, surveyId, question: question({ answerType: "bogus" as SurveyAnswerType }) }),
    ).rejects.toThrow(); // the CHECK constraint; the form's schema says which types exist
    expect(await counts()).toEqual(before);
  });

  it("is edited by its sender only", async () => {
    const { surveyId, questionIds } = await draftWith([question()]);
    const other = await actorOf(await createTestUser());
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    for (const actor of [other, coordinator]) {
      await expect(addQuestion({ actor, surveyId, question: question() })).rejects.toThrow(ForbiddenError);
      await expect(removeQuestion({ actor, surveyId, questionId: questionIds[0] })).rejects.toThrow(ForbiddenError);
      await expect(sendSurvey({ actor, surveyId })).rejects.toThrow(ForbiddenError);
    }
  });

  it("is not sent without questions or without targets, and nothing is written", async () => {
    const sender = await actorOf(await createTestUser());
    const { surveyId } = await createSurvey({ actor: sender, details });
    const before = await counts();
    await expect(sendSurvey({ actor: sender, surveyId })).rejects.toMatchObject({ messageKey: "errors.surveyNoQuestions" });
    await addQuestion({ actor: sender, surveyId, question: question() });
    await expect(sendSurvey({ actor: sender, surveyId })).rejects.toMatchObject({ messageKey: "errors.surveyNoTargets" });
    expect((await counts()).tasks).toBe(before.tasks);
    expect((await counts()).requests).toBe(before.requests);
    expect((await getSurvey(surveyId))!.status).toBe("draft");
  });
});

describe("sending a survey", () => {
  it("makes one task per municipality with its due date in working days, the event and the responders' new_task mail", async () => {
    const responder = await createTestUser({ role: "responder", kommunkod: "1490" });
    const { sender, surveyId, questionIds } = await draftWith([
      question(),
      question({ text: "Vilket datum antogs planen?", answerType: "date" }),
    ]);
    const sent = await sendSurvey({ actor: sender, surveyId, today: "2026-12-01" });
    expect(sent.tasks).toBe(2);
    const survey = (await getSurvey(surveyId))!;
    expect(survey.status).toBe("sent");
    expect(survey.requestNumber).toBe(sent.requestNumber);
    const request = await db
      .selectFrom("requests")
      .select(["kind", "status", "due_date"])
      .where("id", "=", sent.requestId)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ kind: "survey", status: "open", due_date: sent.dueDate });
    const tasks = await db
      .selectFrom("tasks")
      .select(["organisation_id", "due_date", "status"])
      .where("request_id", "=", sent.requestId)
      .execute();
    expect(tasks).toHaveLength(2);
    expect(tasks.every((t) => t.due_date === sent.dueDate && t.status === "pending")).toBe(true);
    const mail = await db.selectFrom("mail_outbox").select(["kind", "subject"]).where("to_address", "=", responder.email).execute();
    expect(mail.map((m) => m.kind)).toContain("new_task");
    const event = await db
      .selectFrom("events")
      .select(["to_state", "data"])
      .where("entity_id", "=", surveyId)
      .where("action", "=", "send")
      .executeTakeFirstOrThrow();
    expect(event.to_state).toBe("sent");

    // A sent survey is not edited.
    await expect(addQuestion({ actor: sender, surveyId, question: question() })).rejects.toThrow(SurveyNotDraftError);
    await expect(updateQuestion({ actor: sender, surveyId, questionId: questionIds[0], question: question() })).rejects.toThrow(
      SurveyNotDraftError,
    );
    await expect(sendSurvey({ actor: sender, surveyId })).rejects.toThrow(SurveyNotDraftError);
  });
});

describe("answering a survey task", () => {
  async function sentSurvey() {
    const { sender, surveyId, questionIds } = await draftWith([
      question(),
      question({ text: "Hur arbetar kommunen med klimatet?", answerType: "single_choice", choices: ["Med en plan", "Utan plan"] }),
      question({ text: "Finns en klimatplan?", answerType: "yes_no" }),
    ]);
    const sent = await sendSurvey({ actor: sender, surveyId });
    const boras = await getMunicipality("1490");
    const task = await db
      .selectFrom("tasks")
      .select(["id", "version"])
      .where("request_id", "=", sent.requestId)
      .where("organisation_id", "=", boras.id)
      .executeTakeFirstOrThrow();
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    return { sender, surveyId, questionIds, sent, boras, task, responder };
  }

  it("refuses a wrong type or a choice not offered, naming each question, and writes nothing", async () => {
    const { questionIds, task, responder } = await sentSurvey();
    const error = await answerSurveyTask({
      actor: responder,
      taskId: task.id,
      answers: { [questionIds[0]]: "många", [questionIds[1]]: "Kanske", [questionIds[2]]: "yes" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SurveyAnswersRefusedError);
    expect((error as SurveyAnswersRefusedError).problems).toEqual({
      [questionIds[0]]: "errors.surveyAnswerNumber",
      [questionIds[1]]: "errors.surveyAnswerChoice",
    });
    expect(await db.selectFrom("survey_answers").select("id").execute()).toHaveLength(0);
  });

  it("stores each answer per question × organisation as typed; the task is answered when every question is", async () => {
    const { questionIds, task, responder, boras, sent, sender } = await sentSurvey();
    const partial = await answerSurveyTask({ actor: responder, taskId: task.id, answers: { [questionIds[0]]: "1 250" } });
    expect(partial).toMatchObject({ saved: 1, complete: false, remaining: 2 });
    expect((await db.selectFrom("tasks").select("status").where("id", "=", task.id).executeTakeFirstOrThrow()).status).toBe("in_progress");
    const done = await answerSurveyTask({
      actor: responder,
      taskId: task.id,
      answers: { [questionIds[1]]: "Med en plan", [questionIds[2]]: "no" },
    });
    expect(done.complete).toBe(true);
    expect((await db.selectFrom("tasks").select("status").where("id", "=", task.id).executeTakeFirstOrThrow()).status).toBe("answered");
    const answers = await db
      .selectFrom("survey_answers")
      .select(["question_id", "organisation_id", "value", "source"])
      .orderBy("answered_at")
      .execute();
    expect(answers).toEqual([
      { question_id: questionIds[0], organisation_id: boras.id, value: 1250, source: "typed" },
      { question_id: questionIds[1], organisation_id: boras.id, value: "Med en plan", source: "typed" },
      { question_id: questionIds[2], organisation_id: boras.id, value: false, source: "typed" },
    ]);
    const shown = await listSurveyTaskQuestions({
      surveyId: (await db.selectFrom("surveys").select("id").where("request_id", "=", sent.requestId).executeTakeFirstOrThrow()).id,
      organisationId: boras.id,
    });
    expect(shown.map((q) => q.answer?.value)).toEqual([1250, "Med en plan", false]);
    // The answers are the survey's; the task keeps no text of its own in one language (the pages and
    // the mail say it in each reader's).
    expect((await db.selectFrom("tasks").select("answer_text").where("id", "=", task.id).executeTakeFirstOrThrow()).answer_text).toBeNull();
    // The sender (requester and follower of the request) is told of the answer, in the language they chose.
    const senderUser = await db.selectFrom("users").select("email").where("id", "=", sender.id).executeTakeFirstOrThrow();
    const told = await db.selectFrom("mail_outbox").select(["kind", "text_body"]).where("to_address", "=", senderUser.email).execute();
    expect(told.map((m) => m.kind)).toContain("task_change");
    expect(told.find((m) => m.kind === "task_change")!.text_body).toContain(translate("sv", "surveyTask.answeredAll"));
  });

  it("completes only a survey's task: a data request's task is not answered without a text or a dataset", async () => {
    const { tasks } = await createTestTasks({ kommunkoder: ["1490"], taskStatus: "in_progress" });
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    await expect(completeSurveyTask({ actor: responder, taskId: tasks["1490"]!.id })).rejects.toMatchObject({
      messageKey: "errors.taskAnswerEmpty",
    });
    expect((await db.selectFrom("tasks").select("status").where("id", "=", tasks["1490"]!.id).executeTakeFirstOrThrow()).status).toBe(
      "in_progress",
    );
  });

  it("keeps no dataset a reopened survey task was once answered with when its questions are answered again", async () => {
    const { questionIds, task, responder } = await sentSurvey();
    const all = { [questionIds[0]]: "12", [questionIds[1]]: "Med en plan", [questionIds[2]]: "yes" };
    await answerSurveyTask({ actor: responder, taskId: task.id, answers: all });
    await reopenTask({ actor: responder, taskId: task.id, reason: "Länka datamängden också." });
    const dataset = await createTestDataset({ title: "Klimatplan" });
    await answerTask({ actor: responder, taskId: task.id, datasetIds: [dataset.id] });
    await reopenTask({ actor: responder, taskId: task.id, reason: "Fel datamängd." });
    await answerSurveyTask({ actor: responder, taskId: task.id, answers: { ...all, [questionIds[0]]: "13" } });

    expect((await db.selectFrom("tasks").select("status").where("id", "=", task.id).executeTakeFirstOrThrow()).status).toBe("answered");
    expect(await db.selectFrom("task_datasets").select("dataset_id").where("task_id", "=", task.id).execute()).toEqual([]);
  });

  it("tells a follower who chose English that the survey's questions are answered in English", async () => {
    const { questionIds, task, responder, sent } = await sentSurvey();
    const follower = await createTestUser({ locale: "en" });
    await followRequest({ userId: follower.id, requestId: sent.requestId });
    await answerSurveyTask({
      actor: responder,
      taskId: task.id,
      answers: { [questionIds[0]]: "12", [questionIds[1]]: "Med en plan", [questionIds[2]]: "yes" },
    });
    const told = await db.selectFrom("mail_outbox").select(["kind", "text_body"]).where("user_id", "=", follower.id).execute();
    const change = told.find((m) => m.kind === "task_change");
    expect(change?.text_body).toContain(translate("en", "surveyTask.answeredAll"));
    expect(change?.text_body).not.toContain("besvarade");
  });

  it("is done by the municipality's own responders (or coordinators) only, and not after the survey closes", async () => {
    const { questionIds, task, sender, surveyId } = await sentSurvey();
    const skovde = await actorOf(await createTestUser({ role: "responder", kommunkod: "1496" }));
    await expect(answerSurveyTask({ actor: skovde, taskId: task.id, answers: { [questionIds[0]]: "3" } })).rejects.toThrow(ForbiddenError);
    await expect(answerSurveyTask({ actor: sender, taskId: task.id, answers: { [questionIds[0]]: "3" } })).rejects.toThrow(ForbiddenError);
    await closeSurvey({ actor: sender, surveyId, mayCloseAny: false });
    const boras = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    await expect(answerSurveyTask({ actor: boras, taskId: task.id, answers: { [questionIds[0]]: "3" } })).rejects.toMatchObject({
      status: 409,
    });
    expect((await getSurvey(surveyId))!.status).toBe("closed");
  });

  it("reads as closed, results public, once a coordinator closes its request on the triage page", async () => {
    const { sender, surveyId, sent, questionIds, task, responder } = await sentSurvey();
    await answerSurveyTask({ actor: responder, taskId: task.id, answers: { [questionIds[0]]: "5" } });
    const visitor = { userId: null, readsAll: false };
    expect((await listSurveyAnswers({ surveyId, viewer: visitor }))!.access.visible).toBe(false);
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    await closeRequest({ actor: coordinator, requestId: sent.requestId });
    expect((await getSurvey(surveyId))!.status).toBe("closed");
    const read = (await listSurveyAnswers({ surveyId, viewer: visitor }))!;
    expect(read.access.visible).toBe(true);
    expect(read.answers.map((a) => a.value)).toEqual([5]);
    // Closing the survey itself afterwards still works (its request is already closed).
    await closeSurvey({ actor: sender, surveyId, mayCloseAny: false });
  });

  it("tells the survey's followers when its sender closes it, as a closed request does", async () => {
    const { sender, surveyId, sent } = await sentSurvey();
    const follower = await createTestUser();
    await followRequest({ requestId: sent.requestId, userId: follower.id });
    await closeSurvey({ actor: sender, surveyId, mayCloseAny: false });
    const mail = await db.selectFrom("mail_outbox").select(["kind", "subject"]).where("to_address", "=", follower.email).execute();
    expect(mail).toEqual([expect.objectContaining({ kind: "request_closed" })]);
  });

  it("stays in place when its sender's account is deleted, and a visitor still reads no running results", async () => {
    const { sender, surveyId, questionIds, task, responder } = await sentSurvey();
    await answerSurveyTask({ actor: responder, taskId: task.id, answers: { [questionIds[0]]: "5" } });
    await db.deleteFrom("users").where("id", "=", sender.id).execute();
    const survey = (await getSurvey(surveyId))!;
    expect(survey).toMatchObject({ status: "sent", senderUserId: null });
    expect((await listSurveyAnswers({ surveyId, viewer: { userId: null, readsAll: false } }))!.access.visible).toBe(false);
  });

  it("is not answered with the workflow's single text or a bulk answer while questions are open", async () => {
    const { questionIds, task, responder } = await sentSurvey();
    await startTask({ actor: responder, taskId: task.id });
    await expect(answerTask({ actor: responder, taskId: task.id, text: "Se bifogat" })).rejects.toMatchObject({
      messageKey: "errors.surveyAnswersOnTaskPage",
    });
    // A bulk answer names the survey's task among the refused, with why, and writes nothing.
    await expect(
      answerTasksInBulk({ actor: responder, to: "answered", text: "Se bifogat", tasks: [{ taskId: task.id }] }),
    ).rejects.toMatchObject({ messageKey: "errors.bulkTasksRefused", refusals: [{ taskId: task.id, why: "survey_questions" }] });
    expect((await db.selectFrom("tasks").select("status").where("id", "=", task.id).executeTakeFirstOrThrow()).status).toBe("in_progress");
    // Question by question it is done.
    const done = await answerSurveyTask({
      actor: responder,
      taskId: task.id,
      answers: { [questionIds[0]]: "3", [questionIds[1]]: "Utan plan", [questionIds[2]]: "no" },
    });
    expect(done.complete).toBe(true);
  });
});
