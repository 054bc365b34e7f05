import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import type { Actor } from "../../app/auth/permissions";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { ForbiddenError } from "../../app/models/errors.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import { changeSpecificationStatus, linkRequestToSpecification } from "../../app/models/specification.server";
import {
  getSpecificationWorklist,
  lackingOrganisations,
  requestFromLacking,
  reviewRequestFromLacking,
  WorklistAlreadySentError,
  WorklistLackingChangedError,
  WorklistNothingLackingError,
  WorklistSpecificationRetiredError,
} from "../../app/models/specification-worklist.server";
import { countSpecificationDemand } from "../../app/models/specification-benefit.server";
import { DeadlineInputError } from "../../app/models/task-deadline.server";
import { todayInSweden } from "../../app/utils/dates";
import { addWorkingDays } from "../../app/utils/working-days";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest } from "../factories/request";
import { actorOf } from "../factories/task";
import { createTestUser, getMunicipality } from "../factories/user";
import { createTestSpecification } from "../factories/specification";

const BORAS = "1490";
const LIDKOPING = "1494";
const MOLNDAL = "1481";

let coordinator: Actor;
let organisations: { id: string; kommunkod: string | null }[];

async function newSpecification(
  name: string,
  uri: string | null = `https://vastkom.se/spec/${encodeURIComponent(name.toLowerCase())}/1.0`,
) {
  return (
    await createTestSpecification({
      actor: coordinator,
      name,
      uri,
    })
  ).id;
}

/** `people` distinct requesters, each with one request they vote for, linked to the specification. */
async function demandFor(specificationId: string, people: number) {
  for (let i = 0; i < people; i++) {
    const requester = await createTestUser();
    const request = await createTestRequest({ requesterUserId: requester.id, voterIds: [requester.id] });
    await linkRequestToSpecification({ actor: coordinator, requestId: request.id, specificationId });
  }
}

/** Conforming datasets from the first `count` organisations of the grid (the region and the municipalities). */
async function conformingFrom(uri: string, count: number, skip: string[] = []) {
  const publishers = organisations.filter((o) => o.kommunkod && !skip.includes(o.kommunkod)).slice(0, count);
  for (const o of publishers)
    await createTestDataset({ title: `Data ${uri} ${o.kommunkod}`, publisherKommunkod: o.kommunkod, conformsTo: [uri] });
  return publishers;
}

const uriOf = async (id: string) =>
  (await db.selectFrom("specifications").select("uri").where("id", "=", id).executeTakeFirstOrThrow()).uri!;
const requestCount = async () =>
  (
    await db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow()
  ).n;
const nextWorkingDay = () => addWorkingDays(todayInSweden(), 10);
function nextSaturday() {
  const day = new Date(`${todayInSweden()}T12:00:00Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() !== 6);
  return day.toISOString().slice(0, 10);
}

beforeAll(async () => {
  coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  organisations = await db
    .selectFrom("organisations")
    .select(["id", "kommunkod"])
    .where("type", "in", ["municipality", "region"])
    .orderBy("kommunkod")
    .execute();
});

describe("the work list: most demanded, least covered", () => {
  it("ranks by demand × (1 − coverage) over the 49 municipalities and the region, ties by demand", async () => {
    // demand = requesters + survey questions + voters; each requester votes for their own request.
    const half = await newSpecification("Rangordning hälften täckt"); // demand 12 × (1 − 25/50) = 6
    const none = await newSpecification("Rangordning otäckt"); // demand 6 × 1 = 6, the tie: less demand, after
    const little = await newSpecification("Rangordning lite efterfrågad"); // demand 2 × 1 = 2
    const covered = await newSpecification("Rangordning helt täckt"); // demand 10 × 0 = 0
    await demandFor(half, 6);
    await demandFor(none, 3);
    await demandFor(little, 1);
    await demandFor(covered, 5);
    await conformingFrom(await uriOf(half), 25);
    await conformingFrom(await uriOf(covered), 50);

    const { rows, organisations: total } = await getSpecificationWorklist();
    expect(total).toBe(50);
    const order = rows.map((row) => row.specification.id).filter((id) => [half, none, little, covered].includes(id));
    expect(order).toEqual([half, none, little, covered]);
    const row = rows.find((r) => r.specification.id === half)!;
    expect(row).toMatchObject({ demandScore: 12, coverage: 0.5, score: 6, counts: { conforming: 25, sameKind: 0, none: 25 } });
    expect(row.demand).toMatchObject({ requesters: 6, voters: 6, surveyQuestions: 0 });
    expect(row.lacking).toHaveLength(25);
    expect(rows.find((r) => r.specification.id === covered)!.lacking).toEqual([]);
    // Retired specifications are not on the list; those nobody asks for are, last.
    expect(rows.every((r) => r.specification.status !== "retired")).toBe(true);
    expect(rows.at(-1)!.score).toBe(0);
  });
});

describe("one request to every municipality that lacks the data", () => {
  let specificationId: string;
  let lidkopingDataset: string;

  beforeAll(async () => {
    specificationId = await newSpecification("Laddplatser");
    const uri = await uriOf(specificationId);
    await createTestDataset({ title: "Laddplatser i Borås", publisherKommunkod: BORAS, conformsTo: [uri] });
    // Lidköping publishes the kind without declaring it: what the matcher's job keeps for the grid.
    lidkopingDataset = (await createTestDataset({ title: "Laddstolpar i Lidköping", publisherKommunkod: LIDKOPING })).id;
    const lidkoping = await getMunicipality(LIDKOPING);
    await db
      .insertInto("specification_kind_matches")
      .values({ specification_id: specificationId, dataset_id: lidkopingDataset, organisation_id: lidkoping.id, score: 0.8 })
      .execute();
  });

  const input = async (extra: Partial<Parameters<typeof requestFromLacking>[0]> = {}) => {
    const includeSameKind = extra.includeSameKind ?? false;
    const lacking = await lackingOrganisations(extra.specificationId ?? specificationId, includeSameKind);
    return {
      actor: coordinator,
      specificationId,
      title: "Laddplatser enligt specifikationen",
      body: "Publicera laddplatser enligt specifikationen.",
      purpose: "Elbilsförare i hela regionen.",
      includeSameKind,
      dueDate: nextWorkingDay(),
      organisationIds: lacking.map((o) => o.id),
      // The confirmation saw every request sent before it.
      seenRequestEventId: await lastSentEventId(extra.specificationId ?? specificationId),
      ...extra,
    };
  };

  it("lists those with no data, and those of the same kind only when asked", async () => {
    const without = await lackingOrganisations(specificationId, false);
    const withSameKind = await lackingOrganisations(specificationId, true);
    const codes = (list: { kommunkod: string | null }[]) => list.map((o) => o.kommunkod);
    expect(without).toHaveLength(48);
    expect(codes(without)).not.toContain(BORAS);
    expect(codes(without)).not.toContain(LIDKOPING);
    expect(withSameKind).toHaveLength(49);
    expect(withSameKind.find((o) => o.kommunkod === LIDKOPING)?.kind).toBe("same_kind");
    expect(codes(withSameKind)).toContain("14");
  });

  it("creates one request linked to the specification, routed with tasks to exactly those that lack, its events and mails, in one go", async () => {
    const molndalResponder = await createTestUser({ role: "responder", kommunkod: MOLNDAL });
    const borasResponder = await createTestUser({ role: "responder", kommunkod: BORAS });
    const before = Number(await requestCount());
    const dueDate = nextWorkingDay();
    const review = await reviewRequestFromLacking({ actor: coordinator, specificationId, includeSameKind: false, dueDate });
    expect(Number(await requestCount())).toBe(before);
    expect(review.lacking).toHaveLength(48);

    const demandBefore = (await countSpecificationDemand([specificationId])).get(specificationId);
    const sent = await requestFromLacking(await input({ dueDate }));
    expect(sent).toMatchObject({ organisations: 48, dueDate });
    // The forum asking those who lack the data is supply, not demand: the list would rank its own requests up.
    expect((await countSpecificationDemand([specificationId])).get(specificationId)).toEqual(demandBefore);
    expect(Number(await requestCount())).toBe(before + 1);

    const request = await db
      .selectFrom("requests")
      .select(["id", "status", "specification_id", "requester_user_id", "requester_shown_as", "requester_organisation_name", "due_date"])
      .where("number", "=", sent.number)
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({
      status: "open",
      specification_id: specificationId,
      requester_user_id: coordinator.id,
      requester_shown_as: "organisation",
      requester_organisation_name: "Västra Götalandsregionen",
      due_date: dueDate,
    });
    const tasks = await db
      .selectFrom("tasks")
      .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
      .select(["organisations.kommunkod", "tasks.due_date", "tasks.status"])
      .where("request_id", "=", request.id)
      .execute();
    expect(tasks).toHaveLength(48);
    expect(new Set(tasks.map((t) => t.kommunkod))).toEqual(new Set(review.lacking.map((o) => o.kommunkod)));
    expect(tasks.map((t) => t.kommunkod)).not.toContain(BORAS);
    expect(tasks.map((t) => t.kommunkod)).not.toContain(LIDKOPING);
    expect(tasks.every((t) => t.due_date === dueDate && t.status === "pending")).toBe(true);

    const events = await db
      .selectFrom("events")
      .select(["entity_type", "entity_id", "action"])
      .where((eb) =>
        eb.or([eb("entity_id", "=", request.id), eb.and([eb("entity_id", "=", specificationId), eb("action", "=", "request_lacking")])]),
      )
      .orderBy("id")
      .execute();
    expect(events.map((e) => `${e.entity_type}:${e.action}`)).toEqual([
      "request:submit",
      "request:link_specification",
      "request:route",
      "specification:request_lacking",
    ]);
    const mails = await db.selectFrom("mail_outbox").select(["to_address"]).execute();
    expect(mails.map((m) => m.to_address)).toContain((await userEmail(molndalResponder.id))!);
    expect(mails.map((m) => m.to_address)).not.toContain((await userEmail(borasResponder.id))!);

    // The work list says the request went out.
    const row = (await getSpecificationWorklist()).rows.find((r) => r.specification.id === specificationId)!;
    expect(row.lastRequest).toMatchObject({ number: sent.number, organisations: 48 });
  });

  it("asks those of the same kind, not declared, too when the coordinator ticks it", async () => {
    const sent = await requestFromLacking(await input({ includeSameKind: true }));
    expect(sent.organisations).toBe(49);
    const lidkoping = await getMunicipality(LIDKOPING);
    const task = await db
      .selectFrom("tasks")
      .innerJoin("requests", "requests.id", "tasks.request_id")
      .select("tasks.id")
      .where("requests.number", "=", sent.number)
      .where("tasks.organisation_id", "=", lidkoping.id)
      .executeTakeFirst();
    expect(task).toBeDefined();
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const before = Number(await requestCount());
    // A due date in the past, and one on a day off.
    await expect(requestFromLacking(await input({ dueDate: "2020-01-02" }))).rejects.toMatchObject({
      constructor: DeadlineInputError,
      messageKey: "errors.deadlineInPast",
    });
    await expect(requestFromLacking(await input({ dueDate: nextSaturday() }))).rejects.toMatchObject({
      messageKey: "errors.deadlineNotWorkingDay",
    });
    await expect(requestFromLacking(await input({ dueDate: "not-a-date" }))).rejects.toMatchObject({
      messageKey: "errors.deadlineDateInvalid",
    });
    await expect(requestFromLacking(await input({ dueDate: "2100-01-04" }))).rejects.toMatchObject({
      messageKey: "errors.deadlineTooFar",
    });
    // The list changed since it was confirmed: one recipient too few.
    const confirmed = (await input()).organisationIds.slice(1);
    const changed = await requestFromLacking(await input({ organisationIds: confirmed })).catch((error: unknown) => error);
    expect(changed).toBeInstanceOf(WorklistLackingChangedError);
    expect((changed as WorklistLackingChangedError).lacking).toHaveLength(48);
    // Nobody lacks: every organisation of the grid conforms.
    const covered = await newSpecification("Allt täckt");
    await conformingFrom(await uriOf(covered), 50);
    await expect(requestFromLacking(await input({ specificationId: covered, organisationIds: [] }))).rejects.toBeInstanceOf(
      WorklistNothingLackingError,
    );
    // A retired specification.
    const retired = await newSpecification("Utgången");
    const lacking = await input({ specificationId: retired });
    await changeSpecificationStatus({ actor: coordinator, id: retired, to: "retired" });
    await expect(requestFromLacking(lacking)).rejects.toBeInstanceOf(WorklistSpecificationRetiredError);
    expect(Number(await requestCount())).toBe(before);
  });

  it("sends one request for one confirmation: a double submit or a colleague's send in between is refused, nothing written", async () => {
    const specification = await newSpecification("Dubbelklick");
    const confirmation = await reviewRequestFromLacking({
      actor: coordinator,
      specificationId: specification,
      includeSameKind: false,
      dueDate: nextWorkingDay(),
    });
    expect(confirmation.lastRequest ?? null).toBeNull();
    const send = async () =>
      requestFromLacking({
        ...(await input({ specificationId: specification })),
        specificationId: specification,
        seenRequestEventId: confirmation.lastRequest?.eventId ?? null,
      });
    const before = Number(await requestCount());
    // Two submits of the same confirmation at once: the second waits for the first, then sees its request.
    const outcomes = await Promise.allSettled([send(), send()]);
    const sent = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as unknown] : []));
    expect(sent).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(WorklistAlreadySentError);
    const number = (sent[0] as PromiseFulfilledResult<{ number: number }>).value.number;
    // The refusal shows what was sent since, and the recipients to confirm again.
    expect((refused[0] as WorklistAlreadySentError).lastRequest).toMatchObject({ number, organisations: 50 });
    expect((refused[0] as WorklistAlreadySentError).lacking).toHaveLength(50);
    // The same confirmation once more, later: refused too.
    await expect(send()).rejects.toBeInstanceOf(WorklistAlreadySentError);
    expect(Number(await requestCount())).toBe(before + 1);
    const events = await db
      .selectFrom("events")
      .select("id")
      .where("entity_id", "=", specification)
      .where("action", "=", "request_lacking")
      .execute();
    expect(events).toHaveLength(1);

    // A coordinator who has seen that request and confirms again may send another, on purpose.
    const again = await reviewRequestFromLacking({
      actor: coordinator,
      specificationId: specification,
      includeSameKind: false,
      dueDate: nextWorkingDay(),
    });
    expect(again.lastRequest).toMatchObject({ number, eventId: String(events[0].id) });
    await requestFromLacking({
      ...(await input({ specificationId: specification })),
      specificationId: specification,
      seenRequestEventId: again.lastRequest!.eventId,
    });
    expect(Number(await requestCount())).toBe(before + 2);
  });

  it("is the coordinators' alone: a requester or a responder is forbidden, and nothing is written", async () => {
    const before = Number(await requestCount());
    for (const role of ["requester", "responder"] as const) {
      const actor = await actorOf(await createTestUser({ role }));
      await expect(requestFromLacking({ ...(await input()), actor })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(reviewRequestFromLacking({ ...(await input()), actor })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(Number(await requestCount())).toBe(before);
  });
});

describe("coverage follows the harvests", () => {
  it("takes a municipality off the lacking list once a harvest brings a dataset that declares the specification", async () => {
    const specificationId = await newSpecification("Cykelpumpar");
    const uri = await uriOf(specificationId);
    const molndal = await getMunicipality(MOLNDAL);
    expect((await lackingOrganisations(specificationId, false)).map((o) => o.id)).toContain(molndal.id);

    const file = path.join(mkdtempSync(path.join(tmpdir(), "worklist-")), "molndal.ttl");
    writeFileSync(
      file,
      `@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
<https://molndal.se/katalog> a dcat:Catalog ;
  dct:title "Mölndals katalog"@sv ;
  dct:publisher <https://molndal.se/> ;
  dcat:dataset <https://molndal.se/data/cykelpumpar> .
<https://molndal.se/> a foaf:Agent ; foaf:name "Mölndals stad"@sv .
<https://molndal.se/data/cykelpumpar> a dcat:Dataset ;
  dct:title "Cykelpumpar i Mölndal"@sv ;
  dct:description "Var kommunens cykelpumpar står."@sv ;
  dct:publisher <https://molndal.se/> ;
  dct:conformsTo <${uri}> .
`,
    );
    const sourceId = await getOrCreateCatalogueSource({ location: file, name: "Mölndal", publisherOrganisationId: molndal.id });
    expect((await harvestCatalogueSource(sourceId)).status).toBe("succeeded");

    expect((await lackingOrganisations(specificationId, false)).map((o) => o.id)).not.toContain(molndal.id);
    const row = (await getSpecificationWorklist()).rows.find((r) => r.specification.id === specificationId)!;
    expect(row.counts.conforming).toBe(1);
    expect(row.lacking.map((o) => o.id)).not.toContain(molndal.id);
  });
});

async function lastSentEventId(specificationId: string) {
  const event = await db
    .selectFrom("events")
    .select("id")
    .where("entity_id", "=", specificationId)
    .where("action", "=", "request_lacking")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return event ? String(event.id) : null;
}

async function userEmail(id: string) {
  return (await db.selectFrom("users").select("email").where("id", "=", id).executeTakeFirst())?.email;
}
