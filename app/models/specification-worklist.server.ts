import { sql, type Kysely } from "kysely";
import { db } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import type { CoverageKind } from "../domain/specifications";
import { todayInSweden } from "../utils/dates";
import { addWorkingDays, workingDaysBetween } from "../utils/working-days";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { recordEvent } from "./event.server";
import { countSpecificationDemand, type SpecificationDemand } from "./specification-benefit.server";
import { createRequest, routeRequest } from "./request.server";
import { getCoverageGrid } from "./specification-coverage.server";
import { linkRequestToSpecification } from "./specification.server";
import { getDeadlineSettings, newDueDate } from "./task-deadline.server";

/**
 * "Most demanded, least covered" (issue 14, ADR 044): the open-data forum's work list, and the one
 * request a coordinator sends from it to every municipality that lacks a specification's data.
 *
 * Demand = distinct requesters + survey questions + votes; coverage = the share of the 49
 * municipalities and the region that publish conforming data; rank = demand × (1 − coverage), ties
 * by demand, then by name. The formula is said in words on the page (worklist.formula).
 */

/**
 * The one figure the list is ranked by: distinct requesters + survey questions + distinct voters,
 * each as countSpecificationDemand counts it (ADR 043). A requester votes for their own request,
 * so one person asking alone counts two: asking and supporting are both demand.
 */
export function demandScore(demand: SpecificationDemand) {
  return demand.requesters + demand.surveyQuestions + demand.voters;
}

export interface LackingOrganisation {
  id: string;
  name: string;
  kommunkod: string | null;
  type: string;
  kind: Exclude<CoverageKind, "conforming">;
}

/** The work list: every specification still in use, most demanded and least covered first. */
export async function getSpecificationWorklist() {
  const grid = await getCoverageGrid();
  const ids = grid.specifications.map((s) => s.id);
  const [demand, sent] = await Promise.all([countSpecificationDemand(ids), lastBulkRequests(ids)]);
  const organisations = grid.rows.length;
  const rows = grid.specifications.map((specification, column) => {
    const counts = { conforming: 0, sameKind: 0, none: 0 };
    const lacking: LackingOrganisation[] = [];
    for (const row of grid.rows) {
      const kind = row.cells[column].kind;
      if (kind === "conforming") {
        counts.conforming += 1;
        continue;
      }
      if (kind === "same_kind") counts.sameKind += 1;
      else counts.none += 1;
      const { id, name, kommunkod, type } = row.organisation;
      lacking.push({ id, name, kommunkod, type, kind });
    }
    const need = demand.get(specification.id)!;
    const coverage = organisations === 0 ? 0 : counts.conforming / organisations;
    return {
      specification,
      demand: need,
      demandScore: demandScore(need),
      coverage,
      score: demandScore(need) * (1 - coverage),
      counts,
      lacking,
      lastRequest: sent.get(specification.id) ?? null,
    };
  });
  rows.sort(
    (a, b) =>
      b.score - a.score ||
      b.demandScore - a.demandScore ||
      a.specification.name.localeCompare(b.specification.name, "sv") ||
      a.specification.version.localeCompare(b.specification.version, "sv"),
  );
  return { rows, organisations };
}

/** The latest request a specification was sent to its lacking municipalities in, and the id of its event. */
export interface SentFromWorklist {
  eventId: string;
  number: number;
  organisations: number;
  at: Date;
}

/** The latest request each specification was sent to its lacking municipalities in, from its events. */
async function lastBulkRequests(ids: string[], executor: Kysely<Database> = db) {
  const latest = new Map<string, SentFromWorklist>();
  if (ids.length === 0) return latest;
  const events = await executor
    .selectFrom("events")
    .select(["events.id as eventId", "entity_id as id", "occurred_at as at", "data"])
    .where("entity_type", "=", "specification")
    .where("action", "=", "request_lacking")
    .where("entity_id", "in", ids)
    .orderBy("events.id", "desc")
    .execute();
  for (const event of events) {
    if (latest.has(event.id)) continue;
    const data = event.data as { number?: number; organisations?: number };
    // int8 arrives as a number (db/connection.server.ts) though typed as a string: one form, text, to compare with the form's.
    latest.set(event.id, {
      eventId: String(event.eventId),
      number: Number(data.number),
      organisations: Number(data.organisations),
      at: event.at,
    });
  }
  return latest;
}

export class WorklistSpecificationRetiredError extends ConflictError {
  constructor() {
    super("errors.worklistSpecificationRetired");
  }
}

export class WorklistNothingLackingError extends ConflictError {
  constructor() {
    super("errors.worklistNothingLacking");
  }
}

/** The coverage changed between the confirmation and the sending: the coordinator confirms the new list. */
export class WorklistLackingChangedError extends ConflictError {
  constructor(readonly lacking: LackingOrganisation[]) {
    super("errors.worklistLackingChanged");
  }
}

/**
 * A request went to those who lack since the coordinator confirmed the recipients: a second click,
 * or a colleague. Nothing is sent; the request sent since and the recipients come back to confirm again.
 */
export class WorklistAlreadySentError extends ConflictError {
  constructor(
    readonly lastRequest: SentFromWorklist,
    readonly lacking: LackingOrganisation[],
  ) {
    super("errors.worklistAlreadySent");
  }
}

function assertMayRoute(actor: Actor) {
  if (!can(actor, "triage:request:any")) throw new ForbiddenError();
}

/**
 * One specification's row of the work list and what a coordinator's request from it would say
 * before it is edited: the municipalities (and the region) that lack its data, with "same kind,
 * not declared" only when asked for, and the default due date; null for no such specification.
 */
export async function getWorklistRequestDraft(input: { actor: Actor; specificationId: string; includeSameKind: boolean }) {
  assertMayRoute(input.actor);
  const specification = await db
    .selectFrom("specifications")
    .select(["id", "name", "version", "uri", "description", "fields", "status"])
    .where("id", "=", input.specificationId)
    .executeTakeFirst();
  if (!specification) return null;
  const lacking = specification.status === "retired" ? [] : await lackingOrganisations(specification.id, input.includeSameKind);
  const { defaultWorkingDays } = await getDeadlineSettings();
  return { specification, lacking, defaultDueDate: addWorkingDays(todayInSweden(), defaultWorkingDays) };
}

/** Those without conforming data: none, and with `includeSameKind` those the matcher judged of the kind too. */
export async function lackingOrganisations(specificationId: string, includeSameKind: boolean): Promise<LackingOrganisation[]> {
  const grid = await getCoverageGrid({ specificationId });
  if (grid.specifications.length === 0) return [];
  return grid.rows.flatMap((row) => {
    const kind = row.cells[0].kind;
    if (kind === "conforming" || (kind === "same_kind" && !includeSameKind)) return [];
    const { id, name, kommunkod, type } = row.organisation;
    return [{ id, name, kommunkod, type, kind }];
  });
}

/** The name the request is shown under: the coordinator's organisation, else the region's. */
async function requesterOrganisationName(actor: Actor) {
  const own = actor.memberships.find((m) => m.role === "coordinator" || m.role === "admin");
  const organisation = await db
    .selectFrom("organisations")
    .select("name")
    .$if(own !== undefined, (qb) => qb.where("id", "=", own!.organisationId))
    .$if(own === undefined, (qb) => qb.where("type", "=", "region"))
    .orderBy(sql`type = 'region'`, "desc")
    .executeTakeFirst();
  return organisation?.name ?? null;
}

interface RequestFromLacking {
  actor: Actor;
  specificationId: string;
  title: string;
  body: string;
  purpose: string;
  includeSameKind: boolean;
  dueDate: string;
  /** The event of the last request sent from the list when the recipients were confirmed; null for none. */
  seenRequestEventId: string | null;
}

/** What sending would do, checked without writing: the due date, the specification still in use, someone lacking. */
async function prepare(input: Omit<RequestFromLacking, "title" | "body" | "purpose" | "seenRequestEventId">) {
  assertMayRoute(input.actor);
  const today = todayInSweden();
  const dueDate = newDueDate({ dueDate: input.dueDate }, today);
  const specification = await db
    .selectFrom("specifications")
    .select(["id", "status"])
    .where("id", "=", input.specificationId)
    .executeTakeFirst();
  if (!specification) throw new NotFoundError();
  if (specification.status === "retired") throw new WorklistSpecificationRetiredError();
  const lacking = await lackingOrganisations(specification.id, input.includeSameKind);
  if (lacking.length === 0) throw new WorklistNothingLackingError();
  return { today, dueDate, lacking };
}

/**
 * The confirmation step: the recipients the request would go to, its due date and the request last
 * sent from the list (its event id is what the confirmation carries back), nothing written.
 */
export async function reviewRequestFromLacking(input: Omit<RequestFromLacking, "title" | "body" | "purpose" | "seenRequestEventId">) {
  const { dueDate, lacking } = await prepare(input);
  const lastRequest = (await lastBulkRequests([input.specificationId])).get(input.specificationId) ?? null;
  return { dueDate, lacking, lastRequest };
}

/**
 * A coordinator asks every municipality (and the region) that lacks a specification's data, in one
 * request: created in the coordinator's (their organisation's) name, linked to the specification,
 * and routed with one task per lacking organisation, due on the date chosen. One transaction holds
 * the request, its link, its tasks, their events, the specification's event and the mails the
 * routing enqueues. `organisationIds` is the list the coordinator confirmed: if the coverage has
 * changed since, nothing is written and the new list comes back to be confirmed. `seenRequestEventId`
 * is the last request from the list that the confirmation showed: if another was sent since (a
 * double submit, a colleague), nothing is written either and that request is shown.
 */
export async function requestFromLacking(input: RequestFromLacking & { organisationIds: string[] }) {
  const { today, dueDate, lacking } = await prepare(input);
  const confirmed = new Set(input.organisationIds);
  if (confirmed.size !== lacking.length || lacking.some((o) => !confirmed.has(o.id))) throw new WorklistLackingChangedError(lacking);
  const organisationIds = lacking.map((o) => o.id);
  const organisationName = await requesterOrganisationName(input.actor);
  return db.transaction().execute(async (trx) => {
    // One sender at a time per specification, and none while it is being retired: a share lock let
    // two submits of one confirmation both pass and send two requests with a task each to every municipality.
    const locked = await trx
      .selectFrom("specifications")
      .select("status")
      .where("id", "=", input.specificationId)
      .forUpdate()
      .executeTakeFirst();
    if (!locked || locked.status === "retired") throw new WorklistSpecificationRetiredError();
    // Read after the lock, so a sender who waited sees the request the one before them sent.
    const last = (await lastBulkRequests([input.specificationId], trx)).get(input.specificationId);
    if (last && last.eventId !== input.seenRequestEventId) throw new WorklistAlreadySentError(last, lacking);
    const created = await createRequest(
      {
        requesterUserId: input.actor.id,
        request: {
          kind: "data",
          title: input.title,
          body: input.body,
          purpose: input.purpose,
          requesterType: "authority",
          shownAs: organisationName ? "organisation" : "anonymous",
          requesterOrganisationName: organisationName,
          targetScope: "chosen",
          targetOrganisationIds: organisationIds,
          wishedFormat: null,
          updateFrequency: null,
        },
      },
      trx,
    );
    await linkRequestToSpecification({ actor: input.actor, requestId: created.id, specificationId: input.specificationId }, trx);
    // routeRequest counts working days from today: the chosen date, as a number of them.
    const routed = await routeRequest(
      { actorUserId: input.actor.id, requestId: created.id, organisationIds, workingDays: workingDaysBetween(today, dueDate) },
      trx,
    );
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "specification",
      entityId: input.specificationId,
      action: "request_lacking",
      data: {
        requestId: created.id,
        number: created.number,
        organisations: organisationIds.length,
        includeSameKind: input.includeSameKind,
        dueDate: routed.dueDate,
      },
    });
    return { requestId: created.id, number: created.number, organisations: organisationIds.length, dueDate: routed.dueDate };
  });
}
