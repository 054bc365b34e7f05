import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { ForbiddenError } from "../../app/models/errors.server";
import { BENEFIT_SUMMARY_MAX_LENGTH } from "../../app/domain/specification-benefit";
import {
  BenefitSourceUnknownError,
  BenefitSummaryChangedError,
  BenefitSummaryTooLongError,
  countSpecificationDemand,
  getBenefitSummaryForm,
  getSpecificationBenefit,
  saveBenefitSummary,
} from "../../app/models/specification-benefit.server";
import { createTestRequest } from "../factories/request";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { createTestSpecification } from "../factories/specification";

let counter = 0;

async function newSpecification() {
  counter += 1;
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const { id } = await createTestSpecification({
    actor: coordinator,
    name: `Nyttoprov ${counter} ${Math.random().toString(36).slice(2, 8)}`,
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

const summaryEvents = (specificationId: string) =>
  db
    .selectFrom("events")
    .select(["action", "actor_user_id", "data"])
    .where("entity_type", "=", "specification")
    .where("entity_id", "=", specificationId)
    .where("action", "=", "benefit_summary")
    .orderBy("id")
    .execute();

const summaryRow = (specificationId: string) =>
  db.selectFrom("specification_benefit_summaries").selectAll().where("specification_id", "=", specificationId).executeTakeFirst();

describe("the benefit texts of a specification", () => {
  it("shows each requester only as they chose: never a name they hid", async () => {
    const spec = await newSpecification();
    const hidden = await createTestUser({ name: "Hemlig Hemligsson" });
    const byOrganisation = await createTestUser({ name: "Olle Organisationsson" });
    const named = await createTestUser({ name: "Nina Namnsson" });
    await askFor(spec, {
      requesterUserId: hidden.id,
      requesterShownAs: "anonymous",
      requesterOrganisationName: "Hemliga bolaget AB",
      purpose: "Anonym nytta.",
    });
    await askFor(spec, {
      requesterUserId: byOrganisation.id,
      requesterShownAs: "organisation",
      requesterOrganisationName: "Synliga bolaget AB",
      requesterType: "company",
      purpose: "Organisationens nytta.",
    });
    await askFor(spec, { requesterUserId: named.id, requesterShownAs: "name", requesterType: "research", purpose: "Forskarens nytta." });
    // A request without a purpose has no benefit text to show.
    await askFor(spec, { requesterUserId: named.id, purpose: "   " });

    const page = (await getSpecificationBenefit({ specificationId: spec }))!;
    expect(page.benefitTotal).toBe(3);
    const byPurpose = Object.fromEntries(page.benefits.map((b) => [b.purpose, b]));
    expect(byPurpose["Anonym nytta."].requester).toBeNull();
    expect(byPurpose["Organisationens nytta."]).toMatchObject({ requester: "Synliga bolaget AB", requesterType: "company" });
    expect(byPurpose["Forskarens nytta."]).toMatchObject({ requester: "Nina Namnsson", requesterType: "research" });
    const shown = JSON.stringify(page);
    expect(shown).not.toContain("Hemlig Hemligsson");
    expect(shown).not.toContain("Hemliga bolaget");
    expect(shown).not.toContain("Olle Organisationsson");
    expect(shown).not.toMatch(/@example\.se/);
  });

  it("is undefined for a specification that does not exist", async () => {
    expect(await getSpecificationBenefit({ specificationId: "00000000-0000-4000-8000-000000000000" })).toBeUndefined();
    expect(await getSpecificationBenefit({ specificationId: "inte-ett-id" })).toBeUndefined();
  });
});

describe("a request held for review (ADR 040)", () => {
  it("is no demand and shows no benefit text until triage publishes it, and as a source it is counted but not shown", async () => {
    const spec = await newSpecification();
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const shown = await askFor(spec, { requesterUserId: (await createTestUser()).id, purpose: "Offentlig nytta." });
    const held = await askFor(spec, { requesterUserId: (await createTestUser()).id, purpose: "Väntar på granskning." });
    const hold = (id: string, value: boolean) => db.updateTable("requests").set({ held_for_review: value }).where("id", "=", id).execute();
    await hold(held.id, true);
    const before = (await getSpecificationBenefit({ specificationId: spec }))!;
    expect(before.demand).toMatchObject({ requests: 1, requesters: 1 });
    expect(before.benefits.map((b) => b.purpose)).toEqual(["Offentlig nytta."]);
    await expect(
      saveBenefitSummary({ actor: coordinator, specificationId: spec, text: "Nytta.", sourceRequestIds: [held.id], version: 0 }),
    ).rejects.toBeInstanceOf(BenefitSourceUnknownError);

    await hold(held.id, false);
    await saveBenefitSummary({
      actor: coordinator,
      specificationId: spec,
      text: "Nytta.",
      sourceRequestIds: [shown.id, held.id],
      version: 0,
    });
    await hold(held.id, true);
    const after = (await getSpecificationBenefit({ specificationId: spec }))!;
    expect(after.summary!.sources.map((s) => s.number)).toEqual([shown.number]);
    expect(after.summary!.hiddenSources).toBe(1);
    expect(JSON.stringify(after)).not.toContain("Väntar på granskning");
  });
});

describe("the coordinators' benefit summary", () => {
  it("is saved with its sources and an event with before and after, and a source that stops asking is counted but not shown", async () => {
    const spec = await newSpecification();
    const coordinator = await actorOf(await createTestUser({ role: "coordinator", name: "Sara Samordnare" }));
    const first = await askFor(spec, { requesterUserId: (await createTestUser()).id, purpose: "Badappen." });
    const second = await askFor(spec, { requesterUserId: (await createTestUser()).id, purpose: "Turistkartan." });

    const saved = await saveBenefitSummary({
      actor: coordinator,
      specificationId: spec,
      text: "Badgäster och turister.\r\nTvå användningar.",
      sourceRequestIds: [first.id, second.id],
      version: 0,
    });
    expect(saved).toEqual({ changed: true, version: 1 });
    expect((await summaryRow(spec))?.text).toBe("Badgäster och turister.\nTvå användningar.");
    const page = (await getSpecificationBenefit({ specificationId: spec }))!;
    expect(page.summary).toMatchObject({ text: "Badgäster och turister.\nTvå användningar.", updatedBy: "coordinator", hiddenSources: 0 });
    expect(page.summary!.sources.map((s) => s.number)).toEqual([first.number, second.number]);
    // The public page names the role, not the colleague.
    expect(JSON.stringify(page)).not.toContain("Sara Samordnare");

    // The second request is withdrawn: still a source, no longer shown.
    await db.updateTable("requests").set({ status: "withdrawn" }).where("id", "=", second.id).execute();
    const after = (await getSpecificationBenefit({ specificationId: spec }))!;
    expect(after.summary!.sources.map((s) => s.number)).toEqual([first.number]);
    expect(after.summary!.hiddenSources).toBe(1);
    const form = (await getBenefitSummaryForm({ actor: coordinator, specificationId: spec }))!;
    expect(form.sourceIds.sort()).toEqual([first.id, second.id].sort());
    expect(form.choices.find((c) => c.requestId === second.id)?.shown).toBe(false);
    expect(form.updatedByName).toBe("Sara Samordnare");

    // Saving the form as it stands keeps the withdrawn source; an edit of the text is a new version.
    const again = await saveBenefitSummary({
      actor: coordinator,
      specificationId: spec,
      text: "Badgäster.",
      sourceRequestIds: [first.id, second.id],
      version: 1,
    });
    expect(again).toEqual({ changed: true, version: 2 });
    const events = await summaryEvents(spec);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      actor_user_id: coordinator.id,
      data: { from: { text: "", sources: [] }, to: { sources: [first.number, second.number] } },
    });
    expect(events[1].data).toEqual({
      from: { text: "Badgäster och turister.\nTvå användningar.", sources: [first.number, second.number] },
      to: { text: "Badgäster.", sources: [first.number, second.number] },
    });
    // The same again changes nothing and writes no event.
    expect(
      await saveBenefitSummary({
        actor: coordinator,
        specificationId: spec,
        text: "Badgäster.",
        sourceRequestIds: [second.id, first.id],
        version: 2,
      }),
    ).toEqual({ changed: false, version: 2 });
    expect(await summaryEvents(spec)).toHaveLength(2);
  });

  it("may be changed only by a coordinator: a requester or a responder is refused and nothing is written", async () => {
    const spec = await newSpecification();
    for (const role of ["requester", "responder"] as const) {
      const actor = await actorOf(await createTestUser({ role }));
      await expect(
        saveBenefitSummary({ actor, specificationId: spec, text: "Nej.", sourceRequestIds: [], version: 0 }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getBenefitSummaryForm({ actor, specificationId: spec })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await summaryRow(spec)).toBeUndefined();
    expect(await summaryEvents(spec)).toEqual([]);
  });

  it("refuses a text too long, a source that does not ask for the specification and a save over a newer version, writing nothing", async () => {
    const spec = await newSpecification();
    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    const asking = await askFor(spec, { requesterUserId: (await createTestUser()).id });
    const other = await createTestRequest({ requesterUserId: (await createTestUser()).id });
    const save = (text: string, sourceRequestIds: string[], version = 0) =>
      saveBenefitSummary({ actor: coordinator, specificationId: spec, text, sourceRequestIds, version });

    await expect(save("x".repeat(BENEFIT_SUMMARY_MAX_LENGTH + 1), [asking.id])).rejects.toBeInstanceOf(BenefitSummaryTooLongError);
    await expect(save("Kort.", [asking.id, other.id])).rejects.toBeInstanceOf(BenefitSourceUnknownError);
    await expect(save("Kort.", ["inte-ett-id"])).rejects.toBeInstanceOf(BenefitSourceUnknownError);
    expect(await summaryRow(spec)).toBeUndefined();
    expect(await summaryEvents(spec)).toEqual([]);

    // Exactly the longest allowed is saved; a save still on version 0 afterwards is refused.
    await save("x".repeat(BENEFIT_SUMMARY_MAX_LENGTH), [asking.id]);
    await expect(save("Min egen text.", [])).rejects.toBeInstanceOf(BenefitSummaryChangedError);
    expect((await summaryRow(spec))?.text).toHaveLength(BENEFIT_SUMMARY_MAX_LENGTH);
    expect(await summaryEvents(spec)).toHaveLength(1);
  });
});
