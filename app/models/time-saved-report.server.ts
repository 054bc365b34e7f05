import { sql } from "kysely";
import { db } from "../../db/client.server";
import { isPublicRequest } from "../../db/request-visibility";
import type { RequestStatus, TimeSavedReason, TimeSavedRequesterMonthlyTable } from "../../db/schema";

/**
 * The time-saved report (issue 10, ADR 025): sums of the ledger by month, quarter and year, per
 * organisation spared, per reason and per requesting organisation, in the three scenarios, and
 * the datasets most often credited. Summed in PostgreSQL from the monthly summary tables a trigger
 * keeps in step with every ledger insert, so the report reads a few thousand rows, not the ledger.
 * The CSV export reads the ledger itself, one row per ledger row: the report's totals equal its sums.
 *
 * Public, like the ledger: no row names a person. A requester appears only as the request shows
 * them publicly (an organisation's name when they chose so), else by kind.
 */

export interface Figures {
  /** Answers spared, net: a reversal subtracts the row it reverses. */
  answers: number;
  /** Central scenario. */
  minutes: number;
  minutesLow: number;
  minutesHigh: number;
}

export interface TimeSavedReport {
  year: number | null;
  totals: Figures;
  byMonth: (Figures & { month: string })[];
  byQuarter: (Figures & { quarter: string })[];
  byYear: (Figures & { year: number })[];
  byOrganisation: (Figures & { slug: string; name: string; kommunkod: string | null; type: string })[];
  byReason: (Figures & { reason: TimeSavedReason })[];
  byRequester: (Figures & { requesterType: string; requesterOrganisation: string | null })[];
  /** The datasets whose answers spared the most minutes; `answers` net, as above. */
  topDatasets: { uri: string; title: string; publisher: string | null; answers: number; minutes: number }[];
}

const DATASET_LIMIT = 10;

function figures(row: { rows: unknown; minutes: unknown; minutes_low: unknown; minutes_high: unknown }): Figures {
  return {
    answers: Number(row.rows),
    minutes: Number(row.minutes),
    minutesLow: Number(row.minutes_low),
    minutesHigh: Number(row.minutes_high),
  };
}

/** The Swedish calendar's year bounds as summary months. */
function yearRange(year: number | null) {
  return year === null ? null : { from: `${year}-01-01`, to: `${year + 1}-01-01` };
}

/**
 * `seesHeld`: a coordinator's report names the requesters of requests held for review (ADR 040);
 * the public's counts their rows as the CSV shows them, under no requester.
 */
export async function getTimeSavedReport(input: { year?: number | null; seesHeld?: boolean } = {}): Promise<TimeSavedReport> {
  const year = input.year ?? null;
  const range = yearRange(year);
  const within = range ? sql`WHERE month >= ${range.from}::date AND month < ${range.to}::date` : sql``;
  // One pass over the summary with GROUPING SETS: every breakdown from the same rows, so they add up alike.
  // Raw SQL: Kysely has no builder for GROUPING SETS / GROUPING().
  const [rows, summarisedRequesters, heldRequesters] = await Promise.all([
    sql<{
      g: number;
      month: string | null;
      quarter: string | null;
      year: number | null;
      organisation_id: string | null;
      reason: TimeSavedReason | null;
      rows: number;
      minutes: number;
      minutes_low: number;
      minutes_high: number;
    }>`
      SELECT GROUPING(month, quarter, year, organisation_id, reason)::int AS g,
             to_char(month, 'YYYY-MM') AS month, quarter, year, organisation_id, reason,
             sum(rows)::bigint AS rows, sum(minutes)::bigint AS minutes,
             sum(minutes_low)::bigint AS minutes_low, sum(minutes_high)::bigint AS minutes_high
      FROM (
        SELECT month, to_char(month, 'YYYY-"Q"Q') AS quarter, extract(year FROM month)::int AS year, organisation_id, reason,
               rows, minutes, minutes_low, minutes_high
        FROM time_saved_monthly ${within}
      ) s
      GROUP BY GROUPING SETS ((month), (quarter), (year), (organisation_id), (reason), ())
    `.execute(db),
    db
      .selectFrom("time_saved_requester_monthly")
      .select([
        "requester_type",
        "requester_organisation",
        sql<number>`sum(rows)::bigint`.as("rows"),
        sql<number>`sum(minutes)::bigint`.as("minutes"),
        sql<number>`sum(minutes_low)::bigint`.as("minutes_low"),
        sql<number>`sum(minutes_high)::bigint`.as("minutes_high"),
      ])
      .$if(range !== null, (qb) => qb.where("month", ">=", range!.from).where("month", "<", range!.to))
      .groupBy(["requester_type", "requester_organisation"])
      .execute(),
    input.seesHeld ? [] : listHeldRequesterFigures(range),
  ]);
  const requesters = withoutHeldRequesters(summarisedRequesters, heldRequesters);

  // GROUPING() sets a bit for each column not grouped by, the first column the highest.
  const ALL = 0b11111;
  const only = (bit: number) => ALL & ~bit;
  const totals = rows.rows.find((r) => r.g === ALL);
  const byMonth = rows.rows.filter((r) => r.g === only(0b10000)).map((r) => ({ month: r.month!, ...figures(r) }));
  const byQuarter = rows.rows.filter((r) => r.g === only(0b01000)).map((r) => ({ quarter: r.quarter!, ...figures(r) }));
  const byYear = rows.rows.filter((r) => r.g === only(0b00100)).map((r) => ({ year: r.year!, ...figures(r) }));
  const organisationRows = rows.rows.filter((r) => r.g === only(0b00010));
  const byReason = rows.rows.filter((r) => r.g === only(0b00001)).map((r) => ({ reason: r.reason!, ...figures(r) }));
  const byRequester = requesters.map((r) => ({
    requesterType: r.requester_type,
    requesterOrganisation: r.requester_organisation || null,
    ...figures(r),
  }));

  const [organisations, topDatasets] = await Promise.all([
    organisationRows.length
      ? db
          .selectFrom("organisations")
          .select(["id", "slug", "name", "kommunkod", "type"])
          .where(
            "id",
            "in",
            organisationRows.map((r) => r.organisation_id!),
          )
          .execute()
      : [],
    // Summed and ranked on the summary alone, then the ten joined to their datasets.
    db
      .selectFrom((qb) =>
        qb
          .selectFrom("time_saved_dataset_monthly")
          .select(["dataset_id", sql<number>`sum(rows)::bigint`.as("rows"), sql<number>`sum(minutes)::bigint`.as("minutes")])
          .$if(range !== null, (qb) => qb.where("month", ">=", range!.from).where("month", "<", range!.to))
          .groupBy("dataset_id")
          .having(sql`sum(rows)`, ">", 0)
          .orderBy("minutes", "desc")
          .orderBy("dataset_id")
          .limit(DATASET_LIMIT)
          .as("s"),
      )
      .innerJoin("datasets", "datasets.id", "s.dataset_id")
      .leftJoin("organisations", "organisations.id", "datasets.publisher_organisation_id")
      .select(["datasets.uri", "datasets.title", "organisations.name as publisher", "s.rows", "s.minutes"])
      .orderBy("s.minutes", "desc")
      .orderBy("datasets.uri")
      .execute(),
  ]);
  const organisationById = new Map(organisations.map((o) => [o.id, o]));
  const byOrganisation = organisationRows
    .map((r) => {
      const o = organisationById.get(r.organisation_id!)!;
      return { slug: o.slug, name: o.name, kommunkod: o.kommunkod, type: o.type as string, ...figures(r) };
    })
    .sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name, "sv"));

  const sortBy = <T extends { minutes: number }>(list: T[]) => list.sort((a, b) => b.minutes - a.minutes);
  return {
    year,
    totals: totals ? figures(totals) : { answers: 0, minutes: 0, minutesLow: 0, minutesHigh: 0 },
    byMonth: byMonth.sort((a, b) => a.month.localeCompare(b.month)),
    byQuarter: byQuarter.sort((a, b) => a.quarter.localeCompare(b.quarter)),
    byYear: byYear.sort((a, b) => a.year - b.year),
    byOrganisation,
    byReason: sortBy(byReason),
    byRequester: sortBy(byRequester),
    topDatasets: topDatasets.map((d) => ({
      uri: d.uri,
      title: d.title.sv ?? Object.values(d.title)[0] ?? d.uri,
      publisher: d.publisher,
      answers: Number(d.rows),
      minutes: Number(d.minutes),
    })),
  };
}

/** A requester's row of the summary, over all months. */
type RequesterFigures = Omit<TimeSavedRequesterMonthlyTable, "month">;

/**
 * The ledger rows of requests held for review, summed as the requester summary sums them. Held
 * requests are few (a partial index), and their rows are found by the ledger's request index.
 */
async function listHeldRequesterFigures(range: ReturnType<typeof yearRange>): Promise<RequesterFigures[]> {
  return (
    db
      .selectFrom("requests as r")
      .innerJoin("time_saved as t", "t.request_id", "r.id")
      .select([
        "r.requester_type",
        sql<string>`CASE WHEN r.requester_shown_as = 'organisation' THEN coalesce(r.requester_organisation_name, '') ELSE '' END`.as(
          "requester_organisation",
        ),
        sql<number>`sum(CASE WHEN t.reverses_id IS NULL THEN 1 ELSE -1 END)::bigint`.as("rows"),
        sql<number>`sum(t.minutes)::bigint`.as("minutes"),
        sql<number>`sum(coalesce(t.minutes_low, t.minutes))::bigint`.as("minutes_low"),
        sql<number>`sum(coalesce(t.minutes_high, t.minutes))::bigint`.as("minutes_high"),
      ])
      .where("r.held_for_review", "=", true)
      // The same month bounds (Swedish time) as the summary.
      .$if(range !== null, (qb) =>
        qb
          .where(sql`(t.occurred_at AT TIME ZONE 'Europe/Stockholm')`, ">=", sql`${range!.from}::timestamp`)
          .where(sql`(t.occurred_at AT TIME ZONE 'Europe/Stockholm')`, "<", sql`${range!.to}::timestamp`),
      )
      .groupBy(["r.requester_type", "requester_organisation"])
      .execute()
  );
}

/**
 * The requester summary with held requests' figures moved from their requester to none ('', as a
 * row without a request counts), so the public report names no held requester and still sums to
 * what the CSV shows. A requester left with nothing but held rows is left out.
 */
function withoutHeldRequesters(summary: RequesterFigures[], held: RequesterFigures[]): RequesterFigures[] {
  if (held.length === 0) return summary;
  const key = (r: { requester_type: string; requester_organisation: string }) => `${r.requester_type}\u0000${r.requester_organisation}`;
  const byKey = new Map(
    summary.map((r) => [
      key(r),
      { ...r, rows: Number(r.rows), minutes: Number(r.minutes), minutes_low: Number(r.minutes_low), minutes_high: Number(r.minutes_high) },
    ]),
  );
  const emptied = new Set<string>();
  const add = (k: string, base: { requester_type: string; requester_organisation: string }, r: RequesterFigures, sign: 1 | -1) => {
    const row = byKey.get(k) ?? { ...base, rows: 0, minutes: 0, minutes_low: 0, minutes_high: 0 };
    row.rows += sign * Number(r.rows);
    row.minutes += sign * Number(r.minutes);
    row.minutes_low += sign * Number(r.minutes_low);
    row.minutes_high += sign * Number(r.minutes_high);
    byKey.set(k, row);
    return row;
  };
  for (const r of held) {
    const none = { requester_type: "", requester_organisation: "" };
    const moved = add(key(r), r, r, -1);
    if (moved.rows === 0 && moved.minutes === 0 && moved.minutes_low === 0 && moved.minutes_high === 0) emptied.add(key(r));
    add(key(none), none, r, 1);
  }
  return [...byKey].filter(([k]) => !emptied.has(k)).map(([, r]) => r);
}

const QUESTION_LIMIT = 10;

/**
 * The survey questions most often answered without being asked (open data or an earlier answer),
 * from the question summary; a question's text is shown with its survey's title. Coordinators only
 * (the report page): a sent survey's questions are public, but this list is not part of the API.
 */
export async function listMostReusedQuestions(input: { year?: number | null } = {}) {
  const range = yearRange(input.year ?? null);
  const rows = await db
    .selectFrom("time_saved_question_monthly as s")
    .innerJoin("survey_questions as q", "q.id", "s.question_id")
    .innerJoin("surveys", "surveys.id", "q.survey_id")
    .select([
      "q.id",
      "q.text",
      "surveys.title as surveyTitle",
      sql<number>`sum(s.rows)::bigint`.as("answers"),
      sql<number>`sum(s.minutes)::bigint`.as("minutes"),
    ])
    .$if(range !== null, (qb) => qb.where("s.month", ">=", range!.from).where("s.month", "<", range!.to))
    .groupBy(["q.id", "q.text", "surveys.title"])
    .having(sql`sum(s.rows)`, ">", 0)
    .orderBy("answers", "desc")
    .orderBy("minutes", "desc")
    .limit(QUESTION_LIMIT)
    .execute();
  return rows.map((r) => ({ ...r, answers: Number(r.answers), minutes: Number(r.minutes) }));
}

/**
 * Requests by status, data requests and sent surveys apart (a sent survey is a request of kind
 * `survey`, ADR 026; a draft is nobody's work yet): the report's workload table.
 */
export async function countRequestsByStatus() {
  const rows = await db
    .selectFrom("requests")
    .select([
      "status",
      sql<number>`count(*) FILTER (WHERE kind = 'data')`.as("data"),
      sql<number>`count(*) FILTER (WHERE kind = 'survey')`.as("survey"),
    ])
    .groupBy("status")
    .execute();
  return rows
    .map((r) => ({ status: r.status as RequestStatus, data: Number(r.data), survey: Number(r.survey) }))
    .sort((a, b) => b.data + b.survey - (a.data + a.survey));
}

/** The public summary on the home page: this year's hours, what was not asked, the newest and most supported requests. */
export async function getHomeSummary(input: { year: number }) {
  const range = yearRange(input.year)!;
  const [ledger, answeredByExistingData, newest, mostSupported] = await Promise.all([
    db
      .selectFrom("time_saved_monthly")
      .select([
        sql<number>`coalesce(sum(minutes), 0)::bigint`.as("minutes"),
        sql<number>`coalesce(sum(rows) FILTER (WHERE reason IN ('survey_question_reused', 'survey_question_open_data')), 0)::bigint`.as(
          "questionsNotAsked",
        ),
      ])
      .where("month", ">=", range.from)
      .where("month", "<", range.to)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("status", "=", "answered_by_existing_data")
      .where("answered_at", ">=", new Date(`${range.from}T00:00:00+01:00`))
      .where("answered_at", "<", new Date(`${range.to}T00:00:00+01:00`))
      .executeTakeFirstOrThrow(),
    publicRequests().orderBy("created_at", "desc").limit(5).execute(),
    publicRequests()
      .where("status", "not in", ["answered_by_existing_data", "closed"])
      .orderBy("vote_count", "desc")
      .orderBy("created_at", "desc")
      .limit(5)
      .execute(),
  ]);
  return {
    year: input.year,
    minutes: Number(ledger.minutes),
    questionsNotAsked: Number(ledger.questionsNotAsked),
    answeredByExistingData: Number(answeredByExistingData.count),
    newest,
    mostSupported,
  };
}

/** Requests anyone may see in a list: not held for review (ADR 040), merged away, rejected or withdrawn. */
function publicRequests() {
  return db
    .selectFrom("requests")
    .select(["number", "title", "status", "vote_count as voteCount", "created_at as createdAt"])
    .where(isPublicRequest("requests"))
    .where("status", "not in", ["duplicate", "rejected", "withdrawn"]);
}

export interface LedgerCsvRow {
  id: number;
  occurredAt: Date;
  reason: TimeSavedReason;
  basis: string | null;
  basisDetail: Record<string, unknown> | null;
  organisation: string;
  organisationSlug: string;
  kommunkod: string | null;
  requestNumber: number | null;
  questionId: string | null;
  datasetUri: string | null;
  minutes: number;
  minutesLow: number;
  minutesHigh: number;
  assumptionVersion: number;
  reversesId: number | null;
  requesterType: string | null;
  requesterOrganisation: string | null;
}

const EXPORT_BATCH = 5000;

/**
 * What the ledger export of a year (or of all years) is made of, in a few numbers: the ledger is
 * append-only with growing ids, and what a row joins (organisation slug and name, request number,
 * requester, dataset URI) is not changed after it is written, so a new row is the only change.
 * The open API's ETag of the CSV (ADR 037).
 */
export async function ledgerExportVersion(input: { year?: number | null } = {}) {
  const range = yearRange(input.year ?? null);
  const row = await db
    .selectFrom("time_saved as t")
    .select((eb) => [eb.fn.countAll<string>().as("rows"), eb.fn.max("t.id").as("lastId")])
    .$if(range !== null, (qb) =>
      qb
        .where(sql`(t.occurred_at AT TIME ZONE 'Europe/Stockholm')`, ">=", sql`${range!.from}::timestamp`)
        .where(sql`(t.occurred_at AT TIME ZONE 'Europe/Stockholm')`, "<", sql`${range!.to}::timestamp`),
    )
    .executeTakeFirstOrThrow();
  // What the export hides changes when a held request is published (ADR 040): the held set is part
  // of the version. Few rows, read through their partial index.
  const held = await db
    .selectFrom("requests")
    .select(sql<string | null>`md5(string_agg(number::text, ',' ORDER BY number))`.as("fingerprint"))
    .where("held_for_review", "=", true)
    .executeTakeFirstOrThrow();
  return `${Number(row.rows)}-${row.lastId ?? 0}${held.fingerprint ? `-${held.fingerprint.slice(0, 12)}` : ""}`;
}

/**
 * Every ledger row (of one year, when given), oldest first, a batch at a time by id so a ledger of
 * millions streams in constant memory. No actor: who clicked is in the audit events, not in a public export.
 */
export async function* streamLedgerRows(input: { year?: number | null } = {}): AsyncGenerator<LedgerCsvRow[]> {
  const range = yearRange(input.year ?? null);
  let after = 0;
  for (;;) {
    const batch = await db
      .selectFrom("time_saved as t")
      .innerJoin("organisations as o", "o.id", "t.organisation_id")
      // A request held for review (ADR 040) is no one's to see in a public file: its row keeps its
      // figures but loses its number and requester, and a merge names no held original.
      .leftJoin("requests as r", (join) => join.onRef("r.id", "=", "t.request_id").on(isPublicRequest("r")))
      .leftJoin("requests as held_original", (join) =>
        join
          // Raw SQL: Kysely has no operator for a field of jsonb; the CASE casts only a number.
          .on(
            sql<boolean>`held_original.number = CASE WHEN jsonb_typeof(t.basis_detail->'original') = 'number' THEN (t.basis_detail->>'original')::int END`,
          )
          .on(sql<boolean>`NOT ${isPublicRequest("held_original")}`),
      )
      .leftJoin("datasets as d", "d.id", "t.dataset_id")
      .select([
        "t.id",
        "t.occurred_at",
        "t.reason",
        "t.basis",
        sql<Record<string, unknown> | null>`CASE WHEN held_original.id IS NULL THEN t.basis_detail
          ELSE jsonb_set(t.basis_detail, '{original}', 'null'::jsonb) END`.as("basis_detail"),
        "o.name as organisation",
        "o.slug as organisationSlug",
        "o.kommunkod",
        "r.number as requestNumber",
        "t.question_id",
        "d.uri as datasetUri",
        "t.minutes",
        // A row written before the scenarios counts its one figure in all three, as the summary does.
        sql<number>`coalesce(t.minutes_low, t.minutes)`.as("minutesLow"),
        sql<number>`coalesce(t.minutes_high, t.minutes)`.as("minutesHigh"),
        "t.assumption_version",
        "t.reverses_id",
        "r.requester_type",
        sql<string | null>`CASE WHEN r.requester_shown_as = 'organisation' THEN r.requester_organisation_name END`.as(
          "requesterOrganisation",
        ),
      ])
      .where("t.id", ">", after)
      // The same month bounds (Swedish time) as the summary the report sums.
      .$if(range !== null, (qb) =>
        qb
          .where(sql`(t.occurred_at AT TIME ZONE 'Europe/Stockholm')`, ">=", sql`${range!.from}::timestamp`)
          .where(sql`(t.occurred_at AT TIME ZONE 'Europe/Stockholm')`, "<", sql`${range!.to}::timestamp`),
      )
      .orderBy("t.id")
      .limit(EXPORT_BATCH)
      .execute();
    if (batch.length === 0) return;
    after = batch.at(-1)!.id;
    yield batch.map((row) => ({
      id: row.id,
      occurredAt: row.occurred_at,
      reason: row.reason,
      basis: row.basis,
      basisDetail: row.basis_detail,
      organisation: row.organisation,
      organisationSlug: row.organisationSlug,
      kommunkod: row.kommunkod,
      requestNumber: row.requestNumber,
      questionId: row.question_id,
      datasetUri: row.datasetUri,
      minutes: row.minutes,
      minutesLow: Number(row.minutesLow),
      minutesHigh: Number(row.minutesHigh),
      assumptionVersion: row.assumption_version,
      reversesId: row.reverses_id,
      requesterType: row.requester_type,
      requesterOrganisation: row.requesterOrganisation,
    }));
    if (batch.length < EXPORT_BATCH) return;
  }
}
