import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { ForbiddenError } from "../../app/models/errors.server";
import { listSpecificationSummaries } from "../../app/models/specification-coverage.server";
import {
  getRequestSpecificationChoice,
  getSurveySpecificationChoices,
  listLinkableSpecifications,
  suggestSpecificationsForQuestion,
  suggestSpecificationsForRequest,
} from "../../app/models/specification-choice.server";
import {
  changeSpecificationStatus,
  getSpecification,
  linkRequestToSpecification,
  linkSurveyQuestionToSpecification,
  SpecificationNotFoundError,
  SpecificationRetiredError,
} from "../../app/models/specification.server";
import { getRequestPage } from "../../app/models/request-page.server";
import { SurveyNotDraftError } from "../../app/models/survey.server";
import { sendSurvey } from "../../app/models/survey-send.server";
import { drainOutbox } from "../../search/indexing/outbox.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { createTestSpecification } from "../factories/specification";

const specificationId = async (name: string) =>
  (await db.selectFrom("specifications").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

const requestEvents = (id: string) =>
  db
    .selectFrom("events")
    .select(["action", "actor_user_id", "data"])
    .where("entity_type", "=", "request")
    .where("entity_id", "=", id)
    .where("action", "=", "link_specification")
    .orderBy("id")
    .execute();

const linkOf = async (requestId: string) =>
  (await db.selectFrom("requests").select("specification_id").where("id", "=", requestId).executeTakeFirstOrThrow()).specification_id;

const questionLinkOf = async (questionId: string) =>
  (await db.selectFrom("survey_questions").select("specification_id").where("id", "=", questionId).executeTakeFirstOrThrow())
    .specification_id;

describe("suggesting the specification a request or survey question asks for", () => {
  let toilets: string;

  beforeAll(async () => {
    toilets = await specificationId("Offentliga toaletter");
    // Declared as the catalogue writes it (no trailing slash, http): the same family of address.
    await createTestDataset({
      title: "Offentliga toaletter i Lerum",
      description: "Kommunens offentliga toaletter med läge, öppettider och tillgänglighet.",
      keywords: ["toaletter", "offentliga toaletter", "tillgänglighet"],
      publisherKommunkod: "1441",
      conformsTo: ["http://lankadedata.se/spec/public-toilets"],
    });
    await createTestDataset({
      title: "Toaletter i parker, Alingsås",
      description: "Offentliga toaletter i kommunens parker.",
      keywords: ["toaletter", "parker"],
      publisherKommunkod: "1489",
      conformsTo: ["https://lankadedata.se/spec/public-toilets/"],
    });
    await drainOutbox(getSearchEngine());
  });

  it("suggests a survey question's specification from its matched datasets' conformsTo, with how many declare it", async () => {
    const { questionIds } = await createTestSurvey({
      questions: [testQuestion({ text: "Var finns kommunens offentliga toaletter?", answerType: "text", unit: null })],
    });
    const suggested = await suggestSpecificationsForQuestion({ questionId: questionIds[0] });
    expect(suggested[0]).toMatchObject({ id: toilets, name: "Offentliga toaletter", datasets: 2 });
    const unrelated = await createTestSurvey({ questions: [testQuestion({ text: "Hur många anställda har kommunens socialtjänst?" })] });
    expect(await suggestSpecificationsForQuestion({ questionId: unrelated.questionIds[0] })).toEqual([]);
  });

  it("counts a dataset already linked to a request among those whose declaration suggests, whatever its text matches", async () => {
    const grill = await createTestDataset({
      title: "Rastplatser längs vandringsleder",
      publisherKommunkod: "1490",
      conformsTo: ["https://dataportal.se/specifications/grillplatser/1.0"],
    });
    const request = await createTestRequest({ title: "Xyzzy plugh", body: "Qwerty asdf." });
    expect(await suggestSpecificationsForRequest({ requestId: request.id })).toEqual([]);
    await db
      .insertInto("request_datasets")
      .values({ request_id: request.id, dataset_id: grill.id, linked_by: null, reason: "linked" })
      .execute();
    expect(await suggestSpecificationsForRequest({ requestId: request.id })).toEqual([
      { id: await specificationId("Grillplatser"), name: "Grillplatser", version: "1.0", datasets: 1 },
    ]);
  });

  it("offers the same suggestions for a request, with what it is linked to and the register without retired specifications", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const request = await createTestRequest({ title: "Offentliga toaletter", body: "Var finns offentliga toaletter i kommunerna?" });
    const retired = await createTestSpecification({
      actor: coordinator,
      name: "Offentliga toaletter (gammal)",
      version: "0.9",
    });
    await changeSpecificationStatus({ actor: coordinator, id: retired.id, to: "retired" });
    const choice = await getRequestSpecificationChoice({ requestId: request.id, query: "toalett" });
    expect(choice.current).toBeNull();
    expect(choice.suggestions.map((s) => s.id)).toEqual([toilets]);
    expect(choice.register.map((s) => s.name)).toEqual(["Offentliga toaletter"]);
    // A search holding LIKE's wildcards finds them as text, not as "anything".
    expect(await listLinkableSpecifications({ query: "%" })).toEqual([]);
    expect((await listLinkableSpecifications()).length).toBeGreaterThan(5);
  });
});

describe("linking a request to its specification in triage", () => {
  it("links, changes and removes the link, each one transaction with an event the timeline tells in words", async () => {
    const user = await createTestUser({ role: "coordinator" });
    const coordinator = await actorOf(user);
    const [bathing, toilets] = await Promise.all([specificationId("Badplatser"), specificationId("Offentliga toaletter")]);
    const request = await createTestRequest({ status: "open" });

    expect(await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: bathing })).toEqual({
      changed: true,
    });
    expect(await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: bathing })).toEqual({
      changed: false,
    });
    await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: toilets });
    await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: null });
    expect(await linkOf(request.id)).toBeNull();
    expect((await requestEvents(request.id)).map((e) => [e.actor_user_id, e.data])).toEqual([
      [user.id, { from: null, to: bathing, previous: null, specification: { name: "Badplatser", version: "1.0" } }],
      [
        user.id,
        {
          from: bathing,
          to: toilets,
          previous: { name: "Badplatser", version: "1.0" },
          specification: { name: "Offentliga toaletter", version: "" },
        },
      ],
      [user.id, { from: toilets, to: null, previous: { name: "Offentliga toaletter", version: "" }, specification: null }],
    ]);

    const number = (await db.selectFrom("requests").select("number").where("id", "=", request.id).executeTakeFirstOrThrow()).number;
    const page = await getRequestPage({ requestNumber: number, viewerUserId: null });
    expect(page!.timeline.filter((e) => e.action === "link_specification").map((e) => [e.actor, e.changes])).toEqual([
      [{ kind: "coordinator" }, [{ what: "specification", to: "Badplatser 1.0", from: null }]],
      [{ kind: "coordinator" }, [{ what: "specification", to: "Offentliga toaletter", from: "Badplatser 1.0" }]],
      [{ kind: "coordinator" }, [{ what: "specification", to: null, from: "Offentliga toaletter" }]],
    ]);
  });

  it("shows the linked specification on the public request page", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const bathing = await specificationId("Badplatser");
    const request = await createTestRequest({ status: "open" });
    const number = (await db.selectFrom("requests").select("number").where("id", "=", request.id).executeTakeFirstOrThrow()).number;
    expect((await getRequestPage({ requestNumber: number, viewerUserId: null }))!.request.specification).toBeNull();
    await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: bathing });
    expect((await getRequestPage({ requestNumber: number, viewerUserId: null }))!.request.specification).toEqual({
      id: bathing,
      name: "Badplatser",
      version: "1.0",
    });
  });

  it("refuses a retired or unknown specification, and anyone without triage: nothing written", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const spec = await createTestSpecification({
      actor: coordinator,
      name: "Lekplatser (utgången)",
    });
    await changeSpecificationStatus({ actor: coordinator, id: spec.id, to: "retired" });
    const request = await createTestRequest();
    await expect(
      linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: spec.id }),
    ).rejects.toBeInstanceOf(SpecificationRetiredError);
    for (const bad of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      await expect(linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: bad })).rejects.toBeInstanceOf(
        SpecificationNotFoundError,
      );
    }
    const bathing = await specificationId("Badplatser");
    for (const role of ["requester", "responder"] as const) {
      const actor = await actorOf(await createTestUser({ role }));
      await expect(linkRequestToSpecification({ actor, requestId: request.id, specificationId: bathing })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    // The requester of the request itself may not decide it either: triage is the coordinators'.
    const own = await createTestUser();
    const ownRequest = await createTestRequest({ requesterUserId: own.id });
    await expect(
      linkRequestToSpecification({ actor: await actorOf(own), requestId: ownRequest.id, specificationId: bathing }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(await linkOf(request.id)).toBeNull();
    expect(await requestEvents(request.id)).toEqual([]);
  });
});

describe("linking a survey question to its specification in the survey editor", () => {
  it("lets the survey's sender link and remove, as they edit the draft: one transaction with the survey's event", async () => {
    const charging = await specificationId("Laddpunkter (vägledning)");
    const survey = await createTestSurvey({
      questions: [testQuestion({ text: "Var finns kommunens laddstationer?", answerType: "text" })],
    });
    const [questionId] = survey.questionIds;
    const version = async () =>
      (await db.selectFrom("surveys").select("version").where("id", "=", survey.surveyId).executeTakeFirstOrThrow()).version;
    const before = await version();
    await linkSurveyQuestionToSpecification({ actor: survey.sender, surveyId: survey.surveyId, questionId, specificationId: charging });
    expect(await questionLinkOf(questionId)).toBe(charging);
    expect(await version()).toBe(before + 1);
    const events = await db
      .selectFrom("events")
      .select(["action", "actor_user_id", "data"])
      .where("entity_type", "=", "survey")
      .where("entity_id", "=", survey.surveyId)
      .where("action", "=", "link_specification")
      .execute();
    expect(events).toEqual([
      {
        action: "link_specification",
        actor_user_id: survey.sender.id,
        data: { questionId, from: null, to: charging, previous: null, specification: { name: "Laddpunkter (vägledning)", version: "" } },
      },
    ]);
    const choices = await getSurveySpecificationChoices({ surveyId: survey.surveyId });
    expect(choices.byQuestion[questionId].current).toMatchObject({ id: charging, name: "Laddpunkter (vägledning)" });
    await linkSurveyQuestionToSpecification({ actor: survey.sender, surveyId: survey.surveyId, questionId, specificationId: null });
    expect(await questionLinkOf(questionId)).toBeNull();
  });

  it("refuses anyone but the sender (a responder, another requester, a coordinator), a retired specification and a sent survey", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const charging = await specificationId("Laddpunkter (vägledning)");
    const survey = await createTestSurvey();
    const [questionId] = survey.questionIds;
    for (const role of ["requester", "responder", "coordinator"] as const) {
      const actor = await actorOf(await createTestUser({ role }));
      await expect(
        linkSurveyQuestionToSpecification({ actor, surveyId: survey.surveyId, questionId, specificationId: charging }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    const retired = await createTestSpecification({
      actor: coordinator,
      name: "Laddplatser (utgången)",
    });
    await changeSpecificationStatus({ actor: coordinator, id: retired.id, to: "retired" });
    await expect(
      linkSurveyQuestionToSpecification({ actor: survey.sender, surveyId: survey.surveyId, questionId, specificationId: retired.id }),
    ).rejects.toBeInstanceOf(SpecificationRetiredError);
    expect(await questionLinkOf(questionId)).toBeNull();

    const sent = await createTestSurvey({ send: true });
    await expect(
      linkSurveyQuestionToSpecification({
        actor: sent.sender,
        surveyId: sent.surveyId,
        questionId: sent.questionIds[0],
        specificationId: charging,
      }),
    ).rejects.toBeInstanceOf(SurveyNotDraftError);
  });
});

describe("demand for a specification once requests and questions are linked", () => {
  it("counts linked requests and the questions of sent surveys in /api/specifications and on the specification's page", async () => {
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const spec = await createTestSpecification({
      actor: coordinator,
      name: "Skolskjutsar",
      description: "Hållplatser och turer för skolskjuts.",
      maintainer: "VästKom",
    });
    const demand = async () =>
      (await listSpecificationSummaries({ origin: "https://example.test", page: 1, pageSize: 1000 })).items.find((i) => i.id === spec.id)!
        .demand;
    expect(await demand()).toMatchObject({ requests: 0, surveyQuestions: 0 });

    const request = await createTestRequest({ status: "open", requesterUserId: (await createTestUser()).id });
    await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId: spec.id });
    const survey = await createTestSurvey();
    await linkSurveyQuestionToSpecification({
      actor: survey.sender,
      surveyId: survey.surveyId,
      questionId: survey.questionIds[0],
      specificationId: spec.id,
    });
    // A draft asks nobody yet.
    expect(await demand()).toMatchObject({ requests: 1, surveyQuestions: 0, requesters: 1 });
    await sendSurvey({ actor: survey.sender, surveyId: survey.surveyId });
    // Sent, its question asks: the survey's sender is one more person asking.
    expect(await demand()).toMatchObject({ requests: 1, surveyQuestions: 1, requesters: 2 });

    const page = await getSpecification({ id: spec.id });
    expect(page!.requests.map((r) => r.title)).toEqual([expect.any(String)]);
  });
});
