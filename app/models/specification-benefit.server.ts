import { sql, type Transaction } from "kysely";
import { db } from "../../db/client.server";
import { isPublicRequest } from "../../db/request-visibility";
import type { Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import {
  BENEFIT_SOURCES_MAX,
  BENEFIT_SUMMARY_MAX_LENGTH,
  type AskersCount,
  type SpecificationDemand,
} from "../domain/specification-benefit";
export type { AskersCount, SpecificationDemand };
import { requesterTypes, type RequestKind, type RequesterType, type RequestStatus } from "../domain/requests";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { isUuid } from "../../db/uuid";
import { requesterShown } from "./requester-shown.server";
import { inTransaction } from "./transaction.server";

/**
 * The demand for a specification and what those who ask want it for: its "nyttobeskrivning"
 * (issue 14, ADR 043). What counts is written down once here:
 * - a request asks for a specification when a coordinator linked it (`requests.specification_id`);
 * - a survey question asks for it when linked (`survey_questions.specification_id`), once its
 *   survey is sent (a draft asks nobody); the survey's own request is then one of the asking requests;
 * - a request that was merged into another (its votes and followers moved there), rejected or
 *   withdrawn asks for nothing; one held for review (ADR 040) asks for nothing yet, as it is
 *   nobody's to see but its requester's and the coordinators' until triage publishes it.
 * People are counted once however many requests they wrote, voted for or follow; an organisation
 * once however many of its people asked (by the name the requester gave, case and spaces aside).
 */

/** Requests that no longer ask for anything: merged, turned down, or taken back by their requester. */
export const NOT_DEMAND_STATUSES = ["duplicate", "rejected", "withdrawn"] as const satisfies readonly RequestStatus[];

/**
 * Requests linked to one of the specifications that still ask, and that anyone may see (ADR 040).
 * Not the requests the forum sent from its work list to those who lack the data (ADR 044): they ask
 * for supply, and counting them would rank the forum's own list up each time it acts on it.
 */
function linkedRequests(specificationIds: string[]) {
  return db
    .selectFrom("requests as r")
    .where("r.specification_id", "in", specificationIds)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("events")
            .select("events.id")
            .where("events.entity_type", "=", "specification")
            .where("events.action", "=", "request_lacking")
            .where("events.entity_id", "in", specificationIds)
            // Raw SQL: the request a work-list send created, as its event records it.
            .where(sql<string>`events.data->>'requestId'`, "=", sql<string>`r.id::text`),
        ),
      ),
    )
    .where("r.status", "not in", NOT_DEMAND_STATUSES)
    .where(isPublicRequest("r"));
}

/** Questions linked to one of the specifications, of surveys that were sent and whose requests still ask and are public. */
function linkedQuestions(specificationIds: string[]) {
  return db
    .selectFrom("survey_questions as q")
    .innerJoin("surveys as sv", "sv.id", "q.survey_id")
    .innerJoin("requests as r", "r.id", "sv.request_id")
    .where("q.specification_id", "in", specificationIds)
    .where("sv.status", "!=", "draft")
    .where("r.status", "not in", NOT_DEMAND_STATUSES)
    .where(isPublicRequest("r"));
}

/**
 * Every request that asks for one of the specifications, once per specification: linked itself, or
 * the request of a sent survey with a linked question.
 */
function askingRequests(specificationIds: string[]) {
  return linkedRequests(specificationIds)
    .select(["r.specification_id as specification_id", "r.id as request_id"])
    .union(linkedQuestions(specificationIds).select(["q.specification_id as specification_id", "r.id as request_id"]))
    .$narrowType<{ specification_id: string }>();
}

// Raw SQL: a person is their user id, or the request itself once the account is deleted (no id to share).
const requesterKey = sql<string>`coalesce(r.requester_user_id::text, 'request:' || r.id::text)`;
// Raw SQL: one organisation however its people typed its name ("Dataföretaget AB", "dataföretaget  ab").
const organisationKey = sql<string | null>`nullif(lower(regexp_replace(btrim(r.requester_organisation_name), '\\s+', ' ', 'g')), '')`;

const emptyAskers = (): AskersCount => ({ requesters: 0, organisations: 0 });

export function emptyDemand(): SpecificationDemand {
  return {
    requests: 0,
    surveyQuestions: 0,
    requesters: 0,
    organisations: 0,
    byRequesterType: Object.fromEntries(requesterTypes.map((type) => [type, emptyAskers()])) as Record<RequesterType, AskersCount>,
    voters: 0,
    followers: 0,
  };
}

/**
 * The demand for many specifications at once (the register, the API, the "most demanded" list):
 * one entry for every id asked for, zero where nobody asks. A fixed number of queries for any number of ids.
 */
export async function countSpecificationDemand(specificationIds: readonly string[]): Promise<Map<string, SpecificationDemand>> {
  const ids = [...new Set(specificationIds)];
  const demand = new Map(ids.map((id) => [id, emptyDemand()]));
  if (ids.length === 0) return demand;
  const asking = () => db.with("a", () => askingRequests(ids));
  const [requests, questions, askers, voters, followers] = await Promise.all([
    linkedRequests(ids)
      .select(["r.specification_id", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy("r.specification_id")
      .execute(),
    linkedQuestions(ids)
      .select(["q.specification_id", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy("q.specification_id")
      .execute(),
    // All askers and askers by requester type in one reading: the type is null on the overall row.
    asking()
      .selectFrom("a")
      .innerJoin("requests as r", "r.id", "a.request_id")
      .select((eb) => [
        "a.specification_id",
        sql<RequesterType | null>`CASE WHEN grouping(r.requester_type) = 0 THEN r.requester_type END`.as("requester_type"),
        eb.fn.count<string>(requesterKey).distinct().as("requesters"),
        eb.fn.count<string>(organisationKey).distinct().as("organisations"),
      ])
      .groupBy(sql`GROUPING SETS ((a.specification_id), (a.specification_id, r.requester_type))`)
      .execute(),
    asking()
      .selectFrom("a")
      .innerJoin("votes as v", "v.request_id", "a.request_id")
      .select((eb) => ["a.specification_id", eb.fn.count<string>("v.user_id").distinct().as("n")])
      .groupBy("a.specification_id")
      .execute(),
    asking()
      .selectFrom("a")
      .innerJoin("follows as f", "f.request_id", "a.request_id")
      .select((eb) => ["a.specification_id", eb.fn.count<string>("f.user_id").distinct().as("n")])
      .groupBy("a.specification_id")
      .execute(),
  ]);
  for (const row of requests) demand.get(row.specification_id!)!.requests = Number(row.n);
  for (const row of questions) demand.get(row.specification_id!)!.surveyQuestions = Number(row.n);
  for (const row of askers) {
    const counts = demand.get(row.specification_id)!;
    if (row.requester_type === null) Object.assign(counts, counted(row));
    else counts.byRequesterType[row.requester_type] = counted(row);
  }
  for (const row of voters) demand.get(row.specification_id)!.voters = Number(row.n);
  for (const row of followers) demand.get(row.specification_id)!.followers = Number(row.n);
  return demand;
}

function counted(row: { requesters: string | number; organisations: string | number }): AskersCount {
  return { requesters: Number(row.requesters), organisations: Number(row.organisations) };
}

/* ---- What they want it for: the benefit texts and the coordinators' summary ---- */

/** Benefit texts shown on one page; the page says how many there are in all. */
export const BENEFIT_TEXTS_SHOWN = 100;

export class BenefitSummaryTooLongError extends ConflictError {
  constructor() {
    super("errors.benefitSummaryTooLong");
  }
}

/** A source that is not one of the specification's benefit texts (nor one the summary already cites). */
export class BenefitSourceUnknownError extends ConflictError {
  constructor() {
    super("errors.benefitSourceUnknown");
  }
}

/** Someone saved the summary after this form was opened: their text is not overwritten. */
export class BenefitSummaryChangedError extends ConflictError {
  constructor() {
    super("errors.benefitSummaryChanged");
  }
}

/** One requester's "what will you use it for", with the request as the public sees it. */
export interface BenefitText {
  requestId: string;
  number: number;
  title: string;
  kind: RequestKind;
  requesterType: RequesterType;
  /** The requester as they chose to be shown (their name, their organisation's) or null. */
  requester: string | null;
  purpose: string;
  createdAt: Date;
}

/** A source of the summary; on the public page only those that still ask for it and are public. */
export interface BenefitSource extends BenefitText {
  /** The request still asks for the specification and anyone may see it. */
  shown: boolean;
}

function benefitRequests() {
  return db
    .selectFrom("requests as r")
    .leftJoin("users as u", "u.id", "r.requester_user_id")
    .select((eb) => [
      "r.id as requestId",
      "r.number",
      "r.title",
      "r.kind",
      "r.requester_type as requesterType",
      requesterShown(eb).as("requester"),
      "r.purpose",
      "r.created_at as createdAt",
    ]);
}

/** The ids of the requests asking for the specification: their benefit texts are anyone's to read. */
async function askingRequestIds(specificationId: string) {
  const rows = await db
    .with("a", () => askingRequests([specificationId]))
    .selectFrom("a")
    .select("a.request_id")
    .execute();
  return new Set(rows.map((row) => row.request_id));
}

/** The benefit texts of the requests asking for it, newest first, and how many there are. */
async function listBenefitTexts(specificationId: string, limit: number) {
  const asking = [...(await askingRequestIds(specificationId))];
  if (asking.length === 0) return { texts: [] as BenefitText[], total: 0, asking: new Set<string>() };
  const withText = benefitRequests()
    .where("r.id", "in", asking)
    // An empty purpose says nothing about the benefit: no entry for it.
    .where(sql<boolean>`btrim(r.purpose) <> ''`);
  const [texts, total] = await Promise.all([
    withText.orderBy("r.created_at", "desc").orderBy("r.number", "desc").limit(limit).execute(),
    db
      .selectFrom("requests as r")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("r.id", "in", asking)
      .where(sql<boolean>`btrim(r.purpose) <> ''`)
      .executeTakeFirstOrThrow(),
  ]);
  return { texts, total: Number(total.n), asking: new Set(asking) };
}

async function findSpecification(specificationId: string) {
  if (!isUuid(specificationId)) return undefined;
  return db.selectFrom("specifications").select(["id", "name", "version", "status"]).where("id", "=", specificationId).executeTakeFirst();
}

async function findSummary(specificationId: string, asking: Set<string>) {
  const summary = await db
    .selectFrom("specification_benefit_summaries as s")
    .leftJoin("users", "users.id", "s.updated_by")
    .select(["s.text", "s.version", "s.updated_at as updatedAt", "s.updated_by as updatedById", "users.name as updatedByName"])
    .where("s.specification_id", "=", specificationId)
    .executeTakeFirst();
  if (!summary) return null;
  const sources = await benefitRequests()
    .innerJoin("specification_benefit_sources as src", "src.request_id", "r.id")
    .where("src.specification_id", "=", specificationId)
    .orderBy("r.number")
    .execute();
  return { ...summary, sources: sources.map((source): BenefitSource => ({ ...source, shown: asking.has(source.requestId) })) };
}

/**
 * The specification's nyttobeskrivning as anyone may read it: its demand, the coordinators'
 * summary with the sources still asking for it (the others counted, not shown), and the benefit
 * texts themselves. Undefined when there is no such specification.
 */
export async function getSpecificationBenefit(input: { specificationId: string; limit?: number }) {
  const specification = await findSpecification(input.specificationId);
  if (!specification) return undefined;
  return { specification, ...(await benefitOf(specification.id, input.limit ?? BENEFIT_TEXTS_SHOWN)) };
}

/**
 * The demand and the summary of a specification already found (its page, ADR 043), without the
 * benefit texts themselves: those are on the nytta page. Only their number.
 */
export async function getBenefitFigures(specificationId: string) {
  const { demand, summary, benefitTotal } = await benefitOf(specificationId, 0);
  return { demand, summary, benefitTotal };
}

async function benefitOf(specificationId: string, limit: number) {
  const [demand, benefits] = await Promise.all([countSpecificationDemand([specificationId]), listBenefitTexts(specificationId, limit)]);
  const summary = await findSummary(specificationId, benefits.asking);
  return {
    demand: demand.get(specificationId)!,
    benefits: benefits.texts,
    benefitTotal: benefits.total,
    summary:
      summary && summary.text !== ""
        ? {
            text: summary.text,
            updatedAt: summary.updatedAt,
            // Only a coordinator can save one; the public reads the role, never the colleague's name.
            updatedBy: summary.updatedById === null ? null : ("coordinator" as const),
            sources: summary.sources.filter((source) => source.shown).map(({ shown: _shown, ...source }) => source),
            hiddenSources: summary.sources.filter((source) => !source.shown).length,
          }
        : null,
  };
}

/** The coordinators' summaries of these specifications, by id; none where there is none (or it is empty). */
export async function listBenefitSummaries(specificationIds: readonly string[]) {
  if (specificationIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("specification_benefit_summaries")
    .select(["specification_id", "text"])
    .where("specification_id", "in", [...specificationIds])
    .where("text", "<>", "")
    .execute();
  return new Map(rows.map((row) => [row.specification_id, row.text]));
}

/**
 * What the coordinators' form needs: the summary as saved (every source, each marked whether it is
 * still shown), its version, and every benefit text there is to choose from.
 */
export async function getBenefitSummaryForm(input: { actor: Actor; specificationId: string }) {
  assertMayEdit(input.actor);
  const specification = await findSpecification(input.specificationId);
  if (!specification) return undefined;
  const benefits = await listBenefitTexts(specification.id, BENEFIT_SOURCES_MAX);
  const summary = await findSummary(specification.id, benefits.asking);
  const offered = new Set(benefits.texts.map((text) => text.requestId));
  // A source that no longer asks is still offered, checked, so saving the form keeps it unless unticked.
  const choices: BenefitSource[] = [
    ...benefits.texts.map((text) => ({ ...text, shown: true })),
    ...(summary?.sources.filter((source) => !offered.has(source.requestId)) ?? []),
  ];
  return {
    specification,
    version: summary?.version ?? 0,
    text: summary?.text ?? "",
    sourceIds: summary?.sources.map((source) => source.requestId) ?? [],
    updatedAt: summary?.updatedAt ?? null,
    updatedByName: summary?.updatedByName ?? null,
    choices,
    benefitTotal: benefits.total,
  };
}

function assertMayEdit(actor: Actor) {
  if (!can(actor, "manage:specification:any")) throw new ForbiddenError();
}

/**
 * Saves a coordinator's summary and its sources, in one transaction with its event (the text and
 * the sources' request numbers before and after). `version` is the one the form was opened on
 * (0 for none yet): a save on an older one is refused. A source must be one of the benefit texts,
 * or one the summary already cites; the text at most BENEFIT_SUMMARY_MAX_LENGTH characters.
 * Nothing is written when any of this fails, or when nothing changed.
 */
export async function saveBenefitSummary(
  input: { actor: Actor; specificationId: string; text: string; sourceRequestIds: string[]; version: number },
  trx?: Transaction<Database>,
) {
  assertMayEdit(input.actor);
  const text = input.text.replace(/\r\n?/g, "\n").trim();
  if (text.length > BENEFIT_SUMMARY_MAX_LENGTH) throw new BenefitSummaryTooLongError();
  const sourceIds = [...new Set(input.sourceRequestIds)];
  if (sourceIds.length > BENEFIT_SOURCES_MAX || !sourceIds.every(isUuid)) throw new BenefitSourceUnknownError();
  return inTransaction(trx, async (trx) => {
    const specification = isUuid(input.specificationId)
      ? await trx.selectFrom("specifications").select("id").where("id", "=", input.specificationId).forUpdate().executeTakeFirst()
      : undefined;
    if (!specification) throw new NotFoundError();
    const current = await trx
      .selectFrom("specification_benefit_summaries")
      .select(["text", "version"])
      .where("specification_id", "=", specification.id)
      .executeTakeFirst();
    if ((current?.version ?? 0) !== input.version) throw new BenefitSummaryChangedError();
    const before = await trx
      .selectFrom("specification_benefit_sources as src")
      .innerJoin("requests as r", "r.id", "src.request_id")
      .select(["r.id", "r.number"])
      .where("src.specification_id", "=", specification.id)
      .orderBy("r.number")
      .execute();
    const allowed =
      sourceIds.length === 0
        ? []
        : await trx
            .with("a", () => askingRequests([specification.id]))
            .selectFrom("a")
            .select("a.request_id")
            .where("a.request_id", "in", sourceIds)
            .execute();
    const known = new Set([...before.map((row) => row.id), ...allowed.map((row) => row.request_id)]);
    if (!sourceIds.every((id) => known.has(id))) throw new BenefitSourceUnknownError();
    const after =
      sourceIds.length === 0
        ? []
        : await trx.selectFrom("requests").select(["id", "number"]).where("id", "in", sourceIds).orderBy("number").execute();
    const numbers = (rows: { number: number }[]) => rows.map((row) => row.number);
    const unchanged = current !== undefined && current.text === text && numbers(before).join() === numbers(after).join();
    if (unchanged || (current === undefined && text === "" && after.length === 0))
      return { changed: false, version: current?.version ?? 0 };
    const version = (current?.version ?? 0) + 1;
    await trx
      .insertInto("specification_benefit_summaries")
      .values({ specification_id: specification.id, text, version, updated_by: input.actor.id, updated_at: new Date() })
      .onConflict((oc) => oc.column("specification_id").doUpdateSet({ text, version, updated_by: input.actor.id, updated_at: new Date() }))
      .execute();
    await trx.deleteFrom("specification_benefit_sources").where("specification_id", "=", specification.id).execute();
    if (after.length > 0) {
      await trx
        .insertInto("specification_benefit_sources")
        .values(after.map((row) => ({ specification_id: specification.id, request_id: row.id })))
        .execute();
    }
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "specification",
      entityId: specification.id,
      action: "benefit_summary",
      data: {
        from: { text: current?.text ?? "", sources: numbers(before) },
        to: { text, sources: numbers(after) },
      },
    });
    return { changed: true, version };
  });
}
