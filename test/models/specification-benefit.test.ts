import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { countSpecificationDemand } from "../../app/models/specification-benefit.server";
import { createSpecification } from "../../app/models/specification.server";
import { createTestRequest } from "../factories/request";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";

let counter = 0;

async function newSpecification() {
  counter += 1;
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const { id } = await createSpecification({
    actor: coordinator,
    name: `Nyttoprov ${counter} ${Math.random().toString(36).slice(2, 8)}`,
    version: "1.0",
    uri: null,
    schemaUrl: null,
    description: "",
    fields: [],
    maintainer: "",
  });
  return id;
}

async function linkRequest(requestId: string, specificationId: string) {
  await db.updateTable("requests").set({ specification_id: specificationId }).where("id", "=", requestId).execute();
}

async function askFor(specificationId: string, input: Parameters<typeof createTestRequest>[0]) {
  const request = await createTestRequest(input);
  await linkRequest(request.id, specificationId);
  return request;
}

describe("the demand for a specification", () => {
  it("counts one requester with two requests once, and two people of one organisation as one organisation", async () => {
    const spec = await newSpecification();
    const anna = await createTestUser();
    const bo = await createTestUser();
    const cecilia = await createTestUser();
    // Anna asks twice for her company; Bo asks for the same company, typing its name his way.
    await askFor(spec, { requesterUserId: anna.id, requesterType: "company", requesterOrganisationName: "Dataföretaget AB" });
    await askFor(spec, { requesterUserId: anna.id, requesterType: "company", requesterOrganisationName: "Dataföretaget AB" });
    await askFor(spec, { requesterUserId: bo.id, requesterType: "company", requesterOrganisationName: "  dataföretaget   ab " });
    // Cecilia is a researcher at a university.
    await askFor(spec, { requesterUserId: cecilia.id, requesterType: "research", requesterOrganisationName: "Göteborgs universitet" });
    // A citizen names no organisation.
    await askFor(spec, { requesterUserId: (await createTestUser()).id, requesterType: "citizen" });

    const demand = (await countSpecificationDemand([spec])).get(spec)!;
    expect(demand.requests).toBe(5);
    expect(demand.requesters).toBe(4);
    expect(demand.organisations).toBe(2);
    expect(demand.byRequesterType.company).toEqual({ requesters: 2, organisations: 1 });
    expect(demand.byRequesterType.research).toEqual({ requesters: 1, organisations: 1 });
    expect(demand.byRequesterType.citizen).toEqual({ requesters: 1, organisations: 0 });
    expect(demand.byRequesterType.authority).toEqual({ requesters: 0, organisations: 0 });
  });

  it("leaves out merged, rejected and withdrawn requests, and counts a request whose account is gone as its own requester", async () => {
    const spec = await newSpecification();
    const kept = await askFor(spec, { requesterUserId: null, requesterOrganisationName: "Borttaget AB" });
    await askFor(spec, { requesterUserId: null });
    for (const status of ["duplicate", "rejected", "withdrawn"] as const) {
      await askFor(spec, { status, requesterUserId: (await createTestUser()).id, requesterOrganisationName: `Annat ${status}` });
    }
    const demand = (await countSpecificationDemand([spec])).get(spec)!;
    expect(demand).toMatchObject({ requests: 2, requesters: 2, organisations: 1 });
    expect(kept.status).toBe("open");
  });

  it("counts distinct voters and followers over every asking request, and a sent survey's questions with its sender", async () => {
    const spec = await newSpecification();
    const [requester, voter, both] = [await createTestUser(), await createTestUser(), await createTestUser()];
    const first = await askFor(spec, { requesterUserId: requester.id, voterIds: [requester.id, voter.id, both.id] });
    const second = await askFor(spec, { requesterUserId: requester.id, voterIds: [requester.id, both.id] });
    await db
      .insertInto("follows")
      .values([
        { request_id: first.id, user_id: requester.id },
        { request_id: second.id, user_id: requester.id },
        { request_id: second.id, user_id: both.id },
      ])
      .execute();
    // A sent survey with two linked questions, and a draft whose question asks nobody yet.
    const sent = await createTestSurvey({
      send: true,
      questions: [testQuestion({ text: "Antal badplatser?" }), testQuestion({ text: "Antal bryggor?" })],
    });
    const draft = await createTestSurvey();
    await db
      .updateTable("survey_questions")
      .set({ specification_id: spec })
      .where("id", "in", [...sent.questionIds, ...draft.questionIds])
      .execute();

    const demand = (await countSpecificationDemand([spec])).get(spec)!;
    expect(demand.requests).toBe(2);
    expect(demand.surveyQuestions).toBe(2);
    // The requester, and the survey's sender.
    expect(demand.requesters).toBe(2);
    // The survey's sender votes for and follows its own request, as every requester does.
    expect(demand.voters).toBe(4);
    expect(demand.followers).toBe(3);
  });

  it("answers for many specifications at once, zero for one nobody asks for", async () => {
    const [asked, unasked] = [await newSpecification(), await newSpecification()];
    await askFor(asked, { requesterUserId: (await createTestUser()).id });
    const demand = await countSpecificationDemand([asked, unasked, asked]);
    expect([...demand.keys()].sort()).toEqual([asked, unasked].sort());
    expect(demand.get(asked)!.requests).toBe(1);
    expect(demand.get(unasked)).toMatchObject({
      requests: 0,
      surveyQuestions: 0,
      requesters: 0,
      organisations: 0,
      voters: 0,
      followers: 0,
    });
    expect((await countSpecificationDemand([])).size).toBe(0);
  });
});
