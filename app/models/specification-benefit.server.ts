import { sql } from "kysely";
import { db } from "../../db/client.server";
import { requesterTypes, type RequesterType, type RequestStatus } from "../domain/requests";

/**
 * The demand for a specification and what those who ask want it for: its "nyttobeskrivning"
 * (issue 14, ADR 043). What counts is written down once here:
 * - a request asks for a specification when a coordinator linked it (`requests.specification_id`);
 * - a survey question asks for it when linked (`survey_questions.specification_id`), once its
 *   survey is sent (a draft asks nobody); the survey's own request is then one of the asking requests;
 * - a request that was merged into another (its votes and followers moved there), rejected or
 *   withdrawn asks for nothing.
 * People are counted once however many requests they wrote, voted for or follow; an organisation
 * once however many of its people asked (by the name the requester gave, case and spaces aside).
 */

/** Requests that no longer ask for anything: merged, turned down, or taken back by their requester. */
export const NOT_DEMAND_STATUSES = ["duplicate", "rejected", "withdrawn"] as const satisfies readonly RequestStatus[];

export interface AskersCount {
  /** Distinct people; a request whose requester's account is gone counts as one of its own. */
  requesters: number;
  /** Distinct organisations named by the requesters (a citizen names none). */
  organisations: number;
}

export interface SpecificationDemand extends AskersCount {
  /** Requests linked to the specification itself. */
  requests: number;
  /** Questions of sent surveys linked to it. */
  surveyQuestions: number;
  byRequesterType: Record<RequesterType, AskersCount>;
  /** Distinct people who voted for, or follow, any asking request (a requester votes and follows their own). */
  voters: number;
  followers: number;
}

/**
 * Every request that asks for one of the specifications, once per specification: linked itself, or
 * the request of a sent survey with a linked question.
 */
function askingRequests(specificationIds: string[]) {
  return db
    .selectFrom("requests as r")
    .select(["r.specification_id as specification_id", "r.id as request_id"])
    .where("r.specification_id", "in", specificationIds)
    .where("r.status", "not in", NOT_DEMAND_STATUSES)
    .union(
      db
        .selectFrom("survey_questions as q")
        .innerJoin("surveys as sv", "sv.id", "q.survey_id")
        .innerJoin("requests as r", "r.id", "sv.request_id")
        .select(["q.specification_id as specification_id", "r.id as request_id"])
        .where("q.specification_id", "in", specificationIds)
        .where("sv.status", "!=", "draft")
        .where("r.status", "not in", NOT_DEMAND_STATUSES),
    )
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
  const [requests, questions, askers, byType, voters, followers] = await Promise.all([
    db
      .selectFrom("requests as r")
      .select(["r.specification_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("r.specification_id", "in", ids)
      .where("r.status", "not in", NOT_DEMAND_STATUSES)
      .groupBy("r.specification_id")
      .execute(),
    db
      .selectFrom("survey_questions as q")
      .innerJoin("surveys as sv", "sv.id", "q.survey_id")
      .innerJoin("requests as r", "r.id", "sv.request_id")
      .select(["q.specification_id", (eb) => eb.fn.countAll<string>().as("n")])
      .where("q.specification_id", "in", ids)
      .where("sv.status", "!=", "draft")
      .where("r.status", "not in", NOT_DEMAND_STATUSES)
      .groupBy("q.specification_id")
      .execute(),
    asking()
      .selectFrom("a")
      .innerJoin("requests as r", "r.id", "a.request_id")
      .select((eb) => [
        "a.specification_id",
        eb.fn.count<string>(requesterKey).distinct().as("requesters"),
        eb.fn.count<string>(organisationKey).distinct().as("organisations"),
      ])
      .groupBy("a.specification_id")
      .execute(),
    asking()
      .selectFrom("a")
      .innerJoin("requests as r", "r.id", "a.request_id")
      .select((eb) => [
        "a.specification_id",
        "r.requester_type",
        eb.fn.count<string>(requesterKey).distinct().as("requesters"),
        eb.fn.count<string>(organisationKey).distinct().as("organisations"),
      ])
      .groupBy(["a.specification_id", "r.requester_type"])
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
  for (const row of askers) Object.assign(demand.get(row.specification_id)!, counted(row));
  for (const row of byType) demand.get(row.specification_id)!.byRequesterType[row.requester_type] = counted(row);
  for (const row of voters) demand.get(row.specification_id)!.voters = Number(row.n);
  for (const row of followers) demand.get(row.specification_id)!.followers = Number(row.n);
  return demand;
}

function counted(row: { requesters: string | number; organisations: string | number }): AskersCount {
  return { requesters: Number(row.requesters), organisations: Number(row.organisations) };
}
