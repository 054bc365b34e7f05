import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { reverseRowsOfTheEarlierRule } from "../../db/migrations/2026-12-03T0900_time-saved-credit";
import { acceptDatasetAsAnswer, createRequest, markDuplicate, routeRequest } from "../../app/models/request.server";
import { listAssumptionVersions, saveAssumptions } from "../../app/models/time-saved-assumptions.server";
import { NotReversibleError, recordSparedQuestions, reverseTimeSaved } from "../../app/models/time-saved.server";
import { createTestDataset } from "../factories/dataset";
import { createTestRequest, newRequestInput } from "../factories/request";
import { createTestUser, getMunicipality } from "../factories/user";

const ledgerOf = (requestId: string) =>
  db
    .selectFrom("time_saved")
    .innerJoin("organisations", "organisations.id", "time_saved.organisation_id")
    .select([
      "time_saved.id",
      "organisations.kommunkod",
      "time_saved.minutes",
      "time_saved.minutes_low",
      "time_saved.minutes_high",
      "time_saved.reason",
      "time_saved.basis",
      "time_saved.basis_detail",
      "time_saved.dataset_id",
      "time_saved.assumption_version",
      "time_saved.reverses_id",
    ])
    .where("time_saved.request_id", "=", requestId)
    .orderBy("organisations.kommunkod")
    .orderBy("time_saved.id")
    .execute();

const municipalities = async (...codes: string[]) => Promise.all(codes.map((code) => getMunicipality(code)));

describe("credit for a request answered by existing data", () => {
  it("credits only Borås when a Borås dataset answers a request to all 49 municipalities (was 49 × 240 minutes)", async () => {
    const user = await createTestUser();
    const dataset = await createTestDataset({ title: "Badplatser i Borås", publisherKommunkod: "1490" });
    const created = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "all" }),
      datasetUri: dataset.uri,
    });
    expect(created.targets).toHaveLength(49);
    const ledger = await ledgerOf(created.id);
    expect(ledger).toEqual([
      expect.objectContaining({
        kommunkod: "1490",
        minutes: 240,
        minutes_low: 120,
        minutes_high: 480,
        reason: "existing_dataset",
        basis: "own_dataset",
        basis_detail: { dataset: dataset.uri, publisher: "boras" },
        dataset_id: dataset.id,
        assumption_version: 2,
        reverses_id: null,
      }),
    ]);
  });

  it("credits nobody when the dataset's publisher was not asked, yet the request is answered", async () => {
    const user = await createTestUser();
    const [skovde] = await municipalities("1496");
    const dataset = await createTestDataset({ title: "Badplatser i Borås", publisherKommunkod: "1490" });
    const created = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [skovde.id] }),
      datasetUri: dataset.uri,
    });
    expect(await ledgerOf(created.id)).toEqual([]);
    const row = await db.selectFrom("requests").select("status").where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("answered_by_existing_data");
  });

  it("credits every organisation asked when a dataset of the region answered (it covers its municipalities)", async () => {
    const user = await createTestUser();
    const [boras, skovde] = await municipalities("1490", "1496");
    const dataset = await createTestDataset({ title: "Kollektivtrafikens hållplatser", publisherKommunkod: "14" });
    const created = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [boras.id, skovde.id] }),
      datasetUri: dataset.uri,
    });
    const ledger = await ledgerOf(created.id);
    expect(ledger.map((r) => [r.kommunkod, r.basis])).toEqual([
      ["1490", "regional_dataset"],
      ["1496", "regional_dataset"],
    ]);
    expect(ledger[0].basis_detail).toEqual({ dataset: dataset.uri, publisher: expect.any(String) });
  });

  it("takes the catalogue source's publisher when the dataset names none", async () => {
    const user = await createTestUser();
    const [lerum] = await municipalities("1441");
    const source = await db
      .insertInto("catalogue_sources")
      .values({ name: "Lerums katalog", kind: "dcat", location: "test://catalogue/lerum", publisher_organisation_id: lerum.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    const dataset = await createTestDataset({ title: "Lekplatser", publisherKommunkod: null });
    await db.updateTable("datasets").set({ source_id: source.id }).where("id", "=", dataset.id).execute();
    const created = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "all" }),
      datasetUri: dataset.uri,
    });
    expect((await ledgerOf(created.id)).map((r) => [r.kommunkod, r.basis])).toEqual([["1441", "own_dataset"]]);
  });
});

describe("credit for a merged duplicate", () => {
  it("credits only the organisations both requests asked: the original's routing, not the duplicate's 49 (was 49)", async () => {
    const [requester, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const [boras, skovde, lerum] = await municipalities("1490", "1496", "1441");
    const original = await createRequest({ requesterUserId: requester.id, request: newRequestInput({ targetScope: "all" }) });
    await routeRequest({
      actorUserId: coordinator.id,
      requestId: original.id,
      organisationIds: [boras.id, skovde.id, lerum.id],
      workingDays: 20,
    });
    const duplicate = await createRequest({ requesterUserId: requester.id, request: newRequestInput({ targetScope: "all" }) });
    await markDuplicate({ actorUserId: coordinator.id, requestId: duplicate.id, originalId: original.id });
    const ledger = await ledgerOf(duplicate.id);
    expect(ledger.map((r) => [r.kommunkod, r.reason, r.basis])).toEqual([
      ["1441", "duplicate_merged", "asked_by_both"],
      ["1490", "duplicate_merged", "asked_by_both"],
      ["1496", "duplicate_merged", "asked_by_both"],
    ]);
    const originalRow = await db.selectFrom("requests").select("number").where("id", "=", original.id).executeTakeFirstOrThrow();
    expect(ledger[0].basis_detail).toEqual({ original: originalRow.number, askedByDuplicate: 49, askedByOriginal: 3 });
  });

  it("takes the targets of a request not yet routed, and credits nobody when the two asked nobody in common", async () => {
    const [requester, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const [boras, skovde, lerum] = await municipalities("1490", "1496", "1441");
    const original = await createRequest({
      requesterUserId: requester.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [boras.id, skovde.id] }),
    });
    const overlapping = await createRequest({
      requesterUserId: requester.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [skovde.id, lerum.id] }),
    });
    await markDuplicate({ actorUserId: coordinator.id, requestId: overlapping.id, originalId: original.id });
    expect((await ledgerOf(overlapping.id)).map((r) => r.kommunkod)).toEqual(["1496"]);
    const apart = await createRequest({
      requesterUserId: requester.id,
      request: newRequestInput({ targetScope: "chosen", targetOrganisationIds: [lerum.id] }),
    });
    await markDuplicate({ actorUserId: coordinator.id, requestId: apart.id, originalId: original.id });
    expect(await ledgerOf(apart.id)).toEqual([]);
  });
});

describe("assumptions", () => {
  it("adds a version for each change; new rows use it, earlier rows keep theirs", async () => {
    const [user, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const first = await createTestDataset({ title: "Badplatser", publisherKommunkod: "1490" });
    const before = await acceptDatasetAsAnswer({ requesterUserId: user.id, request: newRequestInput(), datasetUri: first.uri });
    const { version } = await saveAssumptions({
      actorUserId: coordinator.id,
      assumptions: {
        note: "Regionens svar tar längre tid.",
        minutes: { municipality: { low: 60, central: 180, high: 300 }, region: { low: 240, central: 480, high: 720 } },
        questionPercent: { low: 40, high: 160 },
      },
    });
    expect(version).toBeGreaterThanOrEqual(3);
    const versions = await listAssumptionVersions();
    expect(versions[0]).toMatchObject({
      version,
      note: "Regionens svar tar längre tid.",
      minutes: { municipality: { low: 60, central: 180, high: 300 }, region: { low: 240, central: 480, high: 720 } },
      questionPercent: { low: 40, central: 100, high: 160 },
    });
    expect(versions.map((v) => v.version)).toEqual([...versions.map((v) => v.version)].sort((a, b) => b - a));
    const event = await db
      .selectFrom("events")
      .select(["action", "actor_user_id"])
      .where("entity_type", "=", "time_saved_assumptions")
      .where("entity_id", "=", String(version))
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ action: "create_version", actor_user_id: coordinator.id });

    const second = await createTestDataset({ title: "Parker", publisherKommunkod: "1490" });
    const after = await acceptDatasetAsAnswer({ requesterUserId: user.id, request: newRequestInput(), datasetUri: second.uri });
    expect(await ledgerOf(after.id)).toEqual([
      expect.objectContaining({ minutes: 180, minutes_low: 60, minutes_high: 300, assumption_version: version }),
    ]);
    expect(await ledgerOf(before.id)).toEqual([
      expect.objectContaining({ minutes: 240, minutes_low: 120, minutes_high: 480, assumption_version: 2 }),
    ]);

    const region = await createTestDataset({ title: "Hållplatser", publisherKommunkod: "14" });
    const regional = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      request: newRequestInput({ targetScope: "region" }),
      datasetUri: region.uri,
    });
    expect(await ledgerOf(regional.id)).toEqual([
      expect.objectContaining({ kommunkod: "14", minutes: 480, minutes_low: 240, minutes_high: 720, basis: "own_dataset" }),
    ]);

    // Spared survey questions: the question's own estimate, the scenarios' shares of it.
    const [boras] = await municipalities("1490");
    await db.transaction().execute((trx) =>
      recordSparedQuestions(trx, [
        {
          questionId: crypto.randomUUID(),
          organisationId: boras.id,
          minutes: 30,
          reason: "survey_question_open_data",
          detail: { survey: "x" },
        },
      ]),
    );
    const question = await db
      .selectFrom("time_saved")
      .select(["minutes", "minutes_low", "minutes_high", "reason", "basis", "assumption_version"])
      .where("reason", "=", "survey_question_open_data")
      .executeTakeFirstOrThrow();
    expect(question).toEqual({
      minutes: 30,
      minutes_low: 12,
      minutes_high: 48,
      reason: "survey_question_open_data",
      basis: "open_data",
      assumption_version: version,
    });
  });
});

describe("reversing rows", () => {
  it("corrects a row by appending its negation, once; the database refuses other negative rows and any update", async () => {
    const [user, coordinator] = await Promise.all([createTestUser(), createTestUser({ role: "coordinator" })]);
    const dataset = await createTestDataset({ title: "Badplatser", publisherKommunkod: "1490" });
    const created = await acceptDatasetAsAnswer({ requesterUserId: user.id, request: newRequestInput(), datasetUri: dataset.uri });
    const [row] = await ledgerOf(created.id);
    const [reversalId] = await db
      .transaction()
      .execute((trx) => reverseTimeSaved(trx, { rowIds: [row.id], why: "Fel datamängd accepterades.", actorUserId: coordinator.id }));
    const ledger = await ledgerOf(created.id);
    expect(ledger).toHaveLength(2);
    expect(ledger[1]).toMatchObject({
      id: reversalId,
      minutes: -row.minutes,
      minutes_low: -row.minutes_low!,
      minutes_high: -row.minutes_high!,
      reason: "existing_dataset",
      basis: "reversal",
      basis_detail: { why: "Fel datamängd accepterades.", correctedAt: expect.any(String) },
      reverses_id: row.id,
    });
    expect(ledger.reduce((sum, r) => sum + r.minutes, 0)).toBe(0);
    const event = await db
      .selectFrom("events")
      .select(["action", "reason"])
      .where("entity_type", "=", "time_saved")
      .where("entity_id", "=", String(row.id))
      .execute();
    expect(event).toEqual([{ action: "reverse", reason: "Fel datamängd accepterades." }]);

    await expect(
      db.transaction().execute((trx) => reverseTimeSaved(trx, { rowIds: [row.id], why: "igen", actorUserId: null })),
    ).rejects.toBeInstanceOf(NotReversibleError);
    await expect(
      db.transaction().execute((trx) => reverseTimeSaved(trx, { rowIds: [reversalId], why: "igen", actorUserId: null })),
    ).rejects.toBeInstanceOf(NotReversibleError);
    const [boras] = await municipalities("1490");
    const base = { request_id: created.id, organisation_id: boras.id, reason: "existing_dataset" as const, assumption_version: 2 };
    // A negative row that names no row it reverses, a second reversal, and a reversal that does not mirror its row.
    await expect(
      db
        .insertInto("time_saved")
        .values({ ...base, minutes: -240 })
        .execute(),
    ).rejects.toThrow(/time_saved_minutes_check/);
    // A second, exact mirror (copied in SQL, so the time keeps its microseconds): refused as a duplicate.
    await expect(
      sql`INSERT INTO time_saved (occurred_at, request_id, organisation_id, minutes, minutes_low, minutes_high, reason, assumption_version, reverses_id)
          SELECT occurred_at, request_id, organisation_id, -minutes, -minutes_low, -minutes_high, reason, assumption_version, id
          FROM time_saved WHERE id = ${row.id}`.execute(db),
    ).rejects.toThrow(/unique|duplicate key/);
    const other = await acceptDatasetAsAnswer({
      requesterUserId: user.id,
      request: newRequestInput(),
      datasetUri: (await createTestDataset({ title: "Parker", publisherKommunkod: "1490" })).uri,
    });
    const [otherRow] = await ledgerOf(other.id);
    await expect(
      db
        .insertInto("time_saved")
        .values({ ...base, request_id: other.id, minutes: -100, minutes_low: -120, minutes_high: -480, reverses_id: otherRow.id })
        .execute(),
    ).rejects.toThrow(/must negate/);
    await expect(db.updateTable("time_saved").set({ minutes: 0 }).where("id", "=", row.id).execute()).rejects.toThrow(/append-only/);
  });

  it("reverses the rows the earlier rule wrote that the conservative rule would not, once, by appending", async () => {
    const [boras, skovde, lerum] = await municipalities("1490", "1496", "1441");
    const dataset = await createTestDataset({ title: "Badplatser", publisherKommunkod: "1490" });
    const answered = await createTestRequest({ status: "answered_by_existing_data", targetKommunkoder: ["1490", "1496"] });
    await db
      .insertInto("request_datasets")
      .values({ request_id: answered.id, dataset_id: dataset.id, reason: "accepted_answer" })
      .execute();
    const original = await createTestRequest({ status: "submitted", targetKommunkoder: ["1490", "1441"] });
    const duplicate = await createTestRequest({
      status: "duplicate",
      duplicateOf: original.id,
      targetKommunkoder: ["1490", "1496", "1441"],
    });
    // As the earlier code wrote them: every target credited, no basis.
    const legacy = (requestId: string, organisationId: string, reason: "existing_dataset" | "duplicate_merged") => ({
      request_id: requestId,
      organisation_id: organisationId,
      minutes: 240,
      reason,
      assumption_version: 1,
    });
    await db
      .insertInto("time_saved")
      .values([
        legacy(answered.id, boras.id, "existing_dataset"),
        legacy(answered.id, skovde.id, "existing_dataset"),
        legacy(duplicate.id, boras.id, "duplicate_merged"),
        legacy(duplicate.id, skovde.id, "duplicate_merged"),
        legacy(duplicate.id, lerum.id, "duplicate_merged"),
      ])
      .execute();
    const total = async (requestId: string) =>
      Object.fromEntries(
        (
          await db
            .selectFrom("time_saved")
            .innerJoin("organisations", "organisations.id", "time_saved.organisation_id")
            .select(["organisations.kommunkod", sql<number>`sum(minutes)::int`.as("minutes")])
            .where("request_id", "=", requestId)
            .groupBy("organisations.kommunkod")
            .execute()
        ).map((r) => [r.kommunkod, r.minutes]),
      );
    await reverseRowsOfTheEarlierRule(db);
    await reverseRowsOfTheEarlierRule(db);
    expect(await total(answered.id)).toEqual({ "1490": 240, "1496": 0 });
    expect(await total(duplicate.id)).toEqual({ "1490": 240, "1496": 0, "1441": 240 });
    const reversals = await db
      .selectFrom("time_saved")
      .select(["basis", "basis_detail"])
      .where("reverses_id", "is not", null)
      .where("request_id", "in", [answered.id, duplicate.id])
      .execute();
    expect(reversals).toHaveLength(2);
    expect(reversals.every((r) => r.basis === "reversal")).toBe(true);
  });
});
