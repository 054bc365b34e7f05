import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { ForbiddenError } from "../../app/models/errors.server";
import { countSpecificationDemand } from "../../app/models/specification-benefit.server";
import {
  changeSpecificationStatus,
  linkSurveyQuestionToSpecification,
  SpecificationInUseError,
  SpecificationRetiredError,
  SurveyWithdrawnError,
} from "../../app/models/specification.server";
import { SurveyNotDraftError } from "../../app/models/survey.server";
import { closeSurvey } from "../../app/models/survey-send.server";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { createTestSpecification } from "../factories/specification";

/**
 * Issue 14: a coordinator confirms or changes the specification a survey question asks for after
 * the survey is sent (the sender links it while it is a draft), and retiring a specification moves
 * the questions of surveys still open to its replacement, as it moves open requests.
 */

async function newSpecification(name: string) {
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  return createTestSpecification({
    actor: coordinator,
    name: `${name} ${Math.random().toString(36).slice(2, 8)}`,
  });
}

const questionLinkOf = async (questionId: string) =>
  (await db.selectFrom("survey_questions").select("specification_id").where("id", "=", questionId).executeTakeFirstOrThrow())
    .specification_id;

const surveyEvents = (surveyId: string) =>
  db
    .selectFrom("events")
    .select(["action", "actor_user_id", "data"])
    .where("entity_type", "=", "survey")
    .where("entity_id", "=", surveyId)
    .where("action", "=", "link_specification")
    .orderBy("id")
    .execute();

const surveyVersion = async (surveyId: string) =>
  (await db.selectFrom("surveys").select("version").where("id", "=", surveyId).executeTakeFirstOrThrow()).version;

describe("a coordinator links a question of a sent survey", () => {
  it("links, changes and removes, one transaction each with the survey's event, no question text changed, and demand follows", async () => {
    const user = await createTestUser({ role: "coordinator" });
    const coordinator = await actorOf(user);
    const [first, second] = [await newSpecification("Skolskjuts"), await newSpecification("Skolmat")];
    const survey = await createTestSurvey({ send: true, questions: [testQuestion({ text: "Hur många elever åker skolskjuts?" })] });
    const [questionId] = survey.questionIds;
    const version = await surveyVersion(survey.surveyId);
    const textBefore = await db.selectFrom("survey_questions").selectAll().where("id", "=", questionId).executeTakeFirstOrThrow();

    expect(
      await linkSurveyQuestionToSpecification({ actor: coordinator, surveyId: survey.surveyId, questionId, specificationId: first.id }),
    ).toEqual({ changed: true });
    expect(await questionLinkOf(questionId)).toBe(first.id);
    expect((await countSpecificationDemand([first.id])).get(first.id)).toMatchObject({ surveyQuestions: 1, requesters: 1 });

    await linkSurveyQuestionToSpecification({ actor: coordinator, surveyId: survey.surveyId, questionId, specificationId: second.id });
    expect((await countSpecificationDemand([first.id])).get(first.id)).toMatchObject({ surveyQuestions: 0 });
    await linkSurveyQuestionToSpecification({ actor: coordinator, surveyId: survey.surveyId, questionId, specificationId: null });
    expect(await questionLinkOf(questionId)).toBeNull();

    // The question's own words are untouched, and a sent survey's version (the draft's) stays.
    const after = await db.selectFrom("survey_questions").selectAll().where("id", "=", questionId).executeTakeFirstOrThrow();
    expect({ ...after, specification_id: null }).toEqual({ ...textBefore, specification_id: null });
    expect(await surveyVersion(survey.surveyId)).toBe(version);
    const events = await surveyEvents(survey.surveyId);
    expect(events.map((e) => [e.actor_user_id, (e.data as { from: string | null; to: string | null }).to])).toEqual([
      [user.id, first.id],
      [user.id, second.id],
      [user.id, null],
    ]);
    expect(events[1].data).toMatchObject({ questionId, from: first.id, previous: { name: expect.stringContaining("Skolskjuts") } });
  });

  it("works on a closed survey too, and an admin may", async () => {
    const admin = await actorOf(await createTestUser({ role: "admin" }));
    const spec = await newSpecification("Avfall");
    const survey = await createTestSurvey({ send: true });
    await closeSurvey({ actor: survey.sender, surveyId: survey.surveyId, mayCloseAny: false });
    await linkSurveyQuestionToSpecification({
      actor: admin,
      surveyId: survey.surveyId,
      questionId: survey.questionIds[0],
      specificationId: spec.id,
    });
    expect(await questionLinkOf(survey.questionIds[0])).toBe(spec.id);
  });

  it("refuses a responder, another requester and the sender once sent, and a withdrawn survey: nothing written", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const spec = await newSpecification("Parkering");
    const survey = await createTestSurvey({ send: true });
    const [questionId] = survey.questionIds;
    for (const role of ["requester", "responder"] as const) {
      const actor = await actorOf(await createTestUser({ role }));
      await expect(
        linkSurveyQuestionToSpecification({ actor, surveyId: survey.surveyId, questionId, specificationId: spec.id }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    // The sender edits the draft; after sending, confirming what it asks is triage's.
    await expect(
      linkSurveyQuestionToSpecification({ actor: survey.sender, surveyId: survey.surveyId, questionId, specificationId: spec.id }),
    ).rejects.toBeInstanceOf(SurveyNotDraftError);
    // A question of another survey is not this survey's.
    const other = await createTestSurvey({ send: true });
    await expect(
      linkSurveyQuestionToSpecification({
        actor: coordinator,
        surveyId: survey.surveyId,
        questionId: other.questionIds[0],
        specificationId: spec.id,
      }),
    ).rejects.toMatchObject({ status: 404 });

    await db.updateTable("requests").set({ status: "withdrawn" }).where("id", "=", survey.requestId!).execute();
    await expect(
      linkSurveyQuestionToSpecification({ actor: coordinator, surveyId: survey.surveyId, questionId, specificationId: spec.id }),
    ).rejects.toBeInstanceOf(SurveyWithdrawnError);
    expect(await questionLinkOf(questionId)).toBeNull();
    expect(await questionLinkOf(other.questionIds[0])).toBeNull();
    expect(await surveyEvents(survey.surveyId)).toEqual([]);
  });

  it("leaves someone else's draft to its sender: a coordinator cannot link its questions", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const spec = await newSpecification("Bygglov");
    const draft = await createTestSurvey();
    await expect(
      linkSurveyQuestionToSpecification({
        actor: coordinator,
        surveyId: draft.surveyId,
        questionId: draft.questionIds[0],
        specificationId: spec.id,
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("retiring a specification that survey questions ask for", () => {
  it("moves the questions of drafts and sent surveys to the replacement, not those of closed ones, recorded in the retire event", async () => {
    const user = await createTestUser({ role: "coordinator" });
    const coordinator = await actorOf(user);
    const [old, replacement] = [await newSpecification("Lekplatser"), await newSpecification("Lekplatser ny")];
    const draft = await createTestSurvey();
    const sent = await createTestSurvey({ send: true });
    const closed = await createTestSurvey({ send: true });
    await linkSurveyQuestionToSpecification({
      actor: draft.sender,
      surveyId: draft.surveyId,
      questionId: draft.questionIds[0],
      specificationId: old.id,
    });
    for (const s of [sent, closed])
      await linkSurveyQuestionToSpecification({
        actor: coordinator,
        surveyId: s.surveyId,
        questionId: s.questionIds[0],
        specificationId: old.id,
      });
    await closeSurvey({ actor: closed.sender, surveyId: closed.surveyId, mayCloseAny: false });

    await changeSpecificationStatus({ actor: coordinator, id: old.id, to: "retired", replacedById: replacement.id });
    expect(await questionLinkOf(draft.questionIds[0])).toBe(replacement.id);
    expect(await questionLinkOf(sent.questionIds[0])).toBe(replacement.id);
    // A closed survey keeps what it asked for, as a closed request does.
    expect(await questionLinkOf(closed.questionIds[0])).toBe(old.id);
    const retire = await db
      .selectFrom("events")
      .select(["actor_user_id", "data"])
      .where("entity_type", "=", "specification")
      .where("entity_id", "=", old.id)
      .where("action", "=", "retire")
      .executeTakeFirstOrThrow();
    expect(retire.actor_user_id).toBe(user.id);
    expect(retire.data).toMatchObject({ replacedBy: replacement.id, movedRequests: [] });
    expect(new Set((retire.data as { movedQuestions: string[] }).movedQuestions)).toEqual(
      new Set([draft.questionIds[0], sent.questionIds[0]]),
    );
  });

  it("refuses to retire without a replacement while a question of an open survey asks for it: nothing written", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const old = await newSpecification("Cykelparkering");
    const sent = await createTestSurvey({ send: true });
    await linkSurveyQuestionToSpecification({
      actor: coordinator,
      surveyId: sent.surveyId,
      questionId: sent.questionIds[0],
      specificationId: old.id,
    });
    await expect(changeSpecificationStatus({ actor: coordinator, id: old.id, to: "retired" })).rejects.toBeInstanceOf(
      SpecificationInUseError,
    );
    const status = await db.selectFrom("specifications").select("status").where("id", "=", old.id).executeTakeFirstOrThrow();
    expect(status.status).toBe("proposed");
    expect(await questionLinkOf(sent.questionIds[0])).toBe(old.id);

    // Once the survey is closed, the specification may go without a replacement.
    await closeSurvey({ actor: sent.sender, surveyId: sent.surveyId, mayCloseAny: false });
    await changeSpecificationStatus({ actor: coordinator, id: old.id, to: "retired" });
    expect(await questionLinkOf(sent.questionIds[0])).toBe(old.id);
  });
});

describe("a link and a retirement at the same moment", () => {
  it("waits for the retirement and is then refused, so no question is left asking for a retired specification", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const [old, replacement] = [await newSpecification("Hundrastgårdar"), await newSpecification("Hundrastgårdar ny")];
    const survey = await createTestSurvey({ send: true });
    const [questionId] = survey.questionIds;
    let link: Promise<unknown> | undefined;
    await db.transaction().execute(async (trx) => {
      await changeSpecificationStatus({ actor: coordinator, id: old.id, to: "retired", replacedById: replacement.id }, trx);
      // Another coordinator links the question to the old specification before the retirement commits.
      link = linkSurveyQuestionToSpecification({ actor: coordinator, surveyId: survey.surveyId, questionId, specificationId: old.id });
      link.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    await expect(link).rejects.toBeInstanceOf(SpecificationRetiredError);
    expect(await questionLinkOf(questionId)).toBeNull();
  });
});
