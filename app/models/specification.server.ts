import { sql, type Transaction } from "kysely";
import { db } from "../../db/client.server";
import { isPublicRequest } from "../../db/request-visibility";
import type { Database } from "../../db/schema";
import { can, type Actor } from "../auth/permissions";
import { canTransition, isFinal } from "../domain/lifecycle";
import type { RequestStatus } from "../domain/requests";
import { isAbsoluteHttpUri, type SpecificationStatus } from "../domain/specifications";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors.server";
import { isUuid } from "../../db/uuid";
import { recordEvent } from "./event.server";
import { getBenefitFigures } from "./specification-benefit.server";
import { isCoordinator, shownUser } from "./request-page.server";
import { lockDraft, recordDraftEdit, SurveyNotDraftError, SurveyNotFoundError } from "./survey.server";
import { inTransaction } from "./transaction.server";

/**
 * The register of specifications (issue 14, ADR 042): the national ones the seed keeps
 * (db/seed/specifications.ts) and those the region's coordinators propose for demanded kinds of
 * data that have none yet. Only coordinators change it; every change is one transaction with its
 * event, and the events are the specification's history.
 */

export class SpecificationNotFoundError extends NotFoundError {}

export class SpecificationTakenError extends ConflictError {
  constructor() {
    super("errors.specificationNameVersionTaken");
  }
}

export class SpecificationUriTakenError extends ConflictError {
  constructor() {
    super("errors.specificationUriTaken");
  }
}

export class SpecificationUriInvalidError extends ConflictError {
  constructor() {
    super("errors.specificationUriInvalid");
  }
}

export class SpecificationTransitionError extends ConflictError {
  constructor() {
    super("errors.specificationTransitionNotAllowed");
  }
}

/** Open requests or questions of surveys not closed still ask for it: retiring it needs a replacement to move them to. */
export class SpecificationInUseError extends ConflictError {
  constructor() {
    super("errors.specificationInUseNeedsReplacement");
  }
}

export class SpecificationReplacementInvalidError extends ConflictError {
  constructor() {
    super("errors.specificationReplacementInvalid");
  }
}

export interface SpecificationInput {
  name: string;
  version: string;
  uri: string | null;
  schemaUrl: string | null;
  description: string;
  fields: string[];
  maintainer: string;
}

function assertMayManage(actor: Actor) {
  if (!can(actor, "manage:specification:any")) throw new ForbiddenError();
}

const columns = [
  "s.id",
  "s.name",
  "s.version",
  "s.uri",
  "s.schema_url as schemaUrl",
  "s.description",
  "s.fields",
  "s.maintainer",
  "s.status",
  "s.origin",
  "s.source_url as sourceUrl",
  "s.replaced_by_id as replacedById",
  "s.updated_at as updatedAt",
] as const;

/** Requests still being asked or answered: the statuses no transition leaves are not. */
const OPEN_REQUEST_STATUSES = (["submitted", "open", "answered", "partly_answered"] as const).filter(
  (status: RequestStatus) => !isFinal("request", status),
);

/** Every specification, adopted first, then proposed, then retired; by name within. */
export async function listSpecifications(input: { status?: SpecificationStatus } = {}) {
  return db
    .selectFrom("specifications as s")
    .select(columns)
    .$if(input.status !== undefined, (qb) => qb.where("s.status", "=", input.status!))
    .orderBy(sql`array_position(ARRAY['adopted','proposed','retired']::text[], s.status)`)
    .orderBy(sql`lower(s.name)`)
    .orderBy("s.version")
    .execute();
}

async function findSpecification(id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom("specifications as s").select(columns).where("s.id", "=", id).executeTakeFirst();
}

/** One specification with its history (oldest first), its replacement and the requests that ask for it. */
export async function getSpecification(input: { id: string }) {
  const specification = await findSpecification(input.id);
  if (!specification) return null;
  return { specification, ...(await historyAndRequests(specification)) };
}

/**
 * Everything /specifikationer/<id> shows, found once: the specification, its history, replacement
 * and requests, and its demand and benefit summary (ADR 043). Null for no such specification.
 */
export async function getSpecificationPage(input: { id: string }) {
  const specification = await findSpecification(input.id);
  if (!specification) return null;
  const [page, benefit] = await Promise.all([historyAndRequests(specification), getBenefitFigures(specification.id)]);
  return { specification, ...page, benefit };
}

type Specification = NonNullable<Awaited<ReturnType<typeof findSpecification>>>;

async function historyAndRequests(specification: Specification) {
  const [history, replacedBy, requests] = await Promise.all([
    specificationHistory(specification.id),
    specification.replacedById
      ? db.selectFrom("specifications").select(["id", "name", "version"]).where("id", "=", specification.replacedById).executeTakeFirst()
      : undefined,
    db
      .selectFrom("requests")
      .select(["number", "title", "status"])
      .where("specification_id", "=", specification.id)
      .where(isPublicRequest("requests"))
      .orderBy("number", "desc")
      .limit(50)
      .execute(),
  ]);
  return { history, replacedBy: replacedBy ?? null, requests };
}

/**
 * The history as the page shows it, and nothing more: an event's data (an edit's old and new
 * texts, a summary's) stays on the server. A request sent to those who lack the data brings its
 * recipients' count, and its number while the request is public.
 */
async function specificationHistory(specificationId: string) {
  const events = await db
    .selectFrom("events")
    .leftJoin("users", "users.id", "events.actor_user_id")
    .select((eb) => [
      "events.id",
      "events.occurred_at as at",
      "events.action",
      "events.from_state as from",
      "events.to_state as to",
      "events.reason",
      "events.data",
      "events.actor_user_id as actorUserId",
      "users.name as actorName",
      isCoordinator(eb),
    ])
    .where("events.entity_type", "=", "specification")
    .where("events.entity_id", "=", specificationId)
    .orderBy("events.id")
    .execute();
  const sent = new Map<number, { requestId: string; organisations: number }>();
  for (const event of events) {
    if (event.action !== "request_lacking") continue;
    const data = event.data as { requestId?: unknown; organisations?: unknown };
    if (typeof data.requestId === "string" && isUuid(data.requestId)) {
      sent.set(Number(event.id), { requestId: data.requestId, organisations: Number(data.organisations) || 0 });
    }
  }
  const requestIds = [...new Set([...sent.values()].map((s) => s.requestId))];
  const shown =
    requestIds.length === 0
      ? []
      : await db.selectFrom("requests").select(["id", "number"]).where("id", "in", requestIds).where(isPublicRequest("requests")).execute();
  const numbers = new Map(shown.map((request) => [request.id, request.number]));
  // Who made each change, as the request page shows them: a coordinator as "Samordnare", never by name.
  return events.map(({ id, at, action, from, to, reason, actorUserId, actorName, isCoordinator }) => {
    const request = sent.get(Number(id));
    return {
      id,
      at,
      action,
      from,
      to,
      reason,
      actor: actorUserId === null ? ({ kind: "system" } as const) : shownUser({ name: actorName, isCoordinator: Boolean(isCoordinator) }),
      request: request ? { number: numbers.get(request.requestId) ?? null, organisations: request.organisations } : null,
    };
  });
}

function normalise(input: SpecificationInput): SpecificationInput {
  const text = (value: string) => value.replace(/\s+/g, " ").trim();
  const link = (value: string | null) => (value === null || value.trim() === "" ? null : value.trim());
  return {
    name: text(input.name),
    version: text(input.version),
    uri: link(input.uri),
    schemaUrl: link(input.schemaUrl),
    description: input.description.trim(),
    fields: [...new Set(input.fields.map(text).filter((field) => field !== ""))],
    maintainer: text(input.maintainer),
  };
}

/** One lock for the register's checks and writes: two coordinators adding the same name take turns. */
async function lockRegister(trx: Transaction<Database>) {
  await sql`SELECT pg_advisory_xact_lock(hashtext('specifications'))`.execute(trx);
}

async function assertFree(trx: Transaction<Database>, input: SpecificationInput, exceptId?: string) {
  if ((input.uri !== null && !isAbsoluteHttpUri(input.uri)) || (input.schemaUrl !== null && !isAbsoluteHttpUri(input.schemaUrl))) {
    throw new SpecificationUriInvalidError();
  }
  const sameName = await trx
    .selectFrom("specifications")
    .select("id")
    .where(sql<boolean>`lower(name) = lower(${input.name}) AND lower(version) = lower(${input.version})`)
    .$if(exceptId !== undefined, (qb) => qb.where("id", "!=", exceptId!))
    .executeTakeFirst();
  if (sameName) throw new SpecificationTakenError();
  if (input.uri !== null) {
    const sameUri = await trx
      .selectFrom("specifications")
      .select("id")
      .where(sql<boolean>`specification_key(uri) = specification_key(${input.uri})`)
      .$if(exceptId !== undefined, (qb) => qb.where("id", "!=", exceptId!))
      .executeTakeFirst();
    if (sameUri) throw new SpecificationUriTakenError();
  }
}

/** A coordinator's new specification for a demanded kind of data: proposed, regional. */
export async function createSpecification(input: { actor: Actor } & SpecificationInput, trx?: Transaction<Database>) {
  assertMayManage(input.actor);
  const spec = normalise(input);
  return inTransaction(trx, async (trx) => {
    await lockRegister(trx);
    await assertFree(trx, spec);
    const created = await trx
      .insertInto("specifications")
      .values({
        name: spec.name,
        version: spec.version,
        uri: spec.uri,
        schema_url: spec.schemaUrl,
        description: spec.description,
        fields: spec.fields,
        maintainer: spec.maintainer,
        origin: "regional",
        status: "proposed",
        created_by: input.actor.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "specification",
      entityId: created.id,
      action: "create",
      toState: "proposed",
      data: { ...spec },
    });
    return created;
  });
}

/** New wording, address or fields; the event keeps what changed, before and after. */
export async function updateSpecification(input: { actor: Actor; id: string } & SpecificationInput, trx?: Transaction<Database>) {
  assertMayManage(input.actor);
  const spec = normalise(input);
  return inTransaction(trx, async (trx) => {
    await lockRegister(trx);
    const current = await lockSpecification(trx, input.id);
    await assertFree(trx, spec, current.id);
    const before: Record<string, unknown> = {
      name: current.name,
      version: current.version,
      uri: current.uri,
      schemaUrl: current.schema_url,
      description: current.description,
      fields: current.fields,
      maintainer: current.maintainer,
    };
    const changed = Object.keys(before).filter(
      (key) => JSON.stringify(before[key]) !== JSON.stringify(spec[key as keyof SpecificationInput]),
    );
    if (changed.length === 0) return { id: current.id, changed: false };
    await trx
      .updateTable("specifications")
      .set({
        name: spec.name,
        version: spec.version,
        uri: spec.uri,
        schema_url: spec.schemaUrl,
        description: spec.description,
        fields: spec.fields,
        maintainer: spec.maintainer,
        updated_at: new Date(),
      })
      .where("id", "=", current.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "specification",
      entityId: current.id,
      action: "edit",
      data: {
        from: Object.fromEntries(changed.map((key) => [key, before[key]])),
        to: Object.fromEntries(changed.map((key) => [key, spec[key as keyof SpecificationInput]])),
      },
    });
    return { id: current.id, changed: true };
  });
}

async function lockSpecification(trx: Transaction<Database>, id: string) {
  if (!isUuid(id)) throw new SpecificationNotFoundError();
  const specification = await trx
    .selectFrom("specifications")
    .select(["id", "name", "version", "uri", "schema_url", "description", "fields", "maintainer", "status"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!specification) throw new SpecificationNotFoundError();
  return specification;
}

/**
 * The questions, locked, that ask for the specification in surveys not closed: drafts (their
 * sender may still send them) and sent surveys whose request is still open (a sent survey whose
 * request was closed reads as closed, surveyStatusOf). A closed survey keeps what it asked for, as a
 * closed request does.
 */
async function openSurveyQuestionsAsking(trx: Transaction<Database>, specificationId: string) {
  const rows = await trx
    .selectFrom("survey_questions as q")
    .innerJoin("surveys as sv", "sv.id", "q.survey_id")
    .leftJoin("requests as r", "r.id", "sv.request_id")
    .select("q.id")
    .where("q.specification_id", "=", specificationId)
    .where((eb) =>
      eb.or([eb("sv.status", "=", "draft"), eb.and([eb("sv.status", "=", "sent"), eb("r.status", "in", OPEN_REQUEST_STATUSES)])]),
    )
    .forUpdate("q")
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Adopts or retires a specification. Retiring one that open requests or the questions of surveys
 * not closed still ask for needs the specification that replaces it (adopted or proposed, not
 * itself): those requests and questions then ask for the replacement, in the same transaction, and
 * the retire event names them. Without one, nothing is written.
 */
export async function changeSpecificationStatus(
  input: { actor: Actor; id: string; to: SpecificationStatus; replacedById?: string | null; reason?: string | null },
  trx?: Transaction<Database>,
) {
  assertMayManage(input.actor);
  return inTransaction(trx, async (trx) => {
    await lockRegister(trx);
    const current = await lockSpecification(trx, input.id);
    if (!canTransition("specification", current.status, input.to)) throw new SpecificationTransitionError();
    let replacement: { id: string } | null = null;
    if (input.to === "retired" && input.replacedById) {
      if (input.replacedById === current.id || !isUuid(input.replacedById)) throw new SpecificationReplacementInvalidError();
      replacement =
        (await trx
          .selectFrom("specifications")
          .select("id")
          .where("id", "=", input.replacedById)
          .where("status", "!=", "retired")
          .executeTakeFirst()) ?? null;
      if (!replacement) throw new SpecificationReplacementInvalidError();
    }
    let moved: number[] = [];
    let movedQuestions: string[] = [];
    if (input.to === "retired") {
      const open = await trx
        .selectFrom("requests")
        .select(["id", "number"])
        .where("specification_id", "=", current.id)
        .where("status", "in", OPEN_REQUEST_STATUSES)
        .forUpdate()
        .execute();
      const questions = await openSurveyQuestionsAsking(trx, current.id);
      if ((open.length > 0 || questions.length > 0) && !replacement) throw new SpecificationInUseError();
      if (open.length > 0 && replacement) {
        await trx
          .updateTable("requests")
          .set({ specification_id: replacement.id })
          .where(
            "id",
            "in",
            open.map((r) => r.id),
          )
          .execute();
        moved = open.map((r) => r.number);
      }
      if (questions.length > 0 && replacement) {
        await trx.updateTable("survey_questions").set({ specification_id: replacement.id }).where("id", "in", questions).execute();
        movedQuestions = questions;
      }
    }
    await trx
      .updateTable("specifications")
      .set({ status: input.to, replaced_by_id: replacement?.id ?? null, updated_at: new Date() })
      .where("id", "=", current.id)
      .execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "specification",
      entityId: current.id,
      action: input.to === "adopted" ? "adopt" : "retire",
      fromState: current.status,
      toState: input.to,
      reason: input.reason ?? null,
      data: replacement ? { replacedBy: replacement.id, movedRequests: moved, movedQuestions } : {},
    });
    return { id: current.id };
  });
}

/** A national specification by its identifier in specifications.csv, unless retired: what the demo data links to. */
export async function findSpecificationBySeedKey(seedKey: string) {
  return (
    (await db
      .selectFrom("specifications")
      .select(["id", "name", "version"])
      .where("seed_key", "=", seedKey)
      .where("status", "!=", "retired")
      .executeTakeFirst()) ?? null
  );
}

/** The specification is retired: nothing asks for it any more, so nothing is linked to it. */
export class SpecificationRetiredError extends ConflictError {
  constructor() {
    super("errors.specificationRetired");
  }
}

/** What a request or question links to: an adopted or proposed specification of the register. */
async function linkableSpecification(trx: Transaction<Database>, id: string | null) {
  if (id === null) return null;
  if (!isUuid(id)) throw new SpecificationNotFoundError();
  // Shared lock: a retirement in progress (which locks the row for update) is waited for, so the
  // link sees it retired instead of adding a link the retirement's move has already passed.
  const target = await trx
    .selectFrom("specifications")
    .select(["id", "name", "version", "status"])
    .where("id", "=", id)
    .forShare()
    .executeTakeFirst();
  if (!target) throw new SpecificationNotFoundError();
  if (target.status === "retired") throw new SpecificationRetiredError();
  return target;
}

/** Name and version as the event keeps them, so a timeline tells the link in words even after a rename. */
async function labelOf(trx: Transaction<Database>, id: string | null) {
  if (id === null) return null;
  const row = await trx.selectFrom("specifications").select(["name", "version"]).where("id", "=", id).executeTakeFirst();
  return row ? { name: row.name, version: row.version } : null;
}

/**
 * Links a request to the specification it asks for (or none); a coordinator's triage decision. A
 * retired specification is refused: its replacement is what is asked for now.
 */
export async function linkRequestToSpecification(
  input: { actor: Actor; requestId: string; specificationId: string | null },
  trx?: Transaction<Database>,
) {
  if (!can(input.actor, "triage:request:any")) throw new ForbiddenError();
  return inTransaction(trx, async (trx) => {
    const request = await trx
      .selectFrom("requests")
      .select(["id", "specification_id"])
      .where("id", "=", input.requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!request) throw new NotFoundError();
    if (request.specification_id === input.specificationId) return { changed: false };
    const target = await linkableSpecification(trx, input.specificationId);
    await trx.updateTable("requests").set({ specification_id: input.specificationId }).where("id", "=", request.id).execute();
    await recordEvent(trx, {
      actorUserId: input.actor.id,
      entityType: "request",
      entityId: request.id,
      action: "link_specification",
      data: {
        from: request.specification_id,
        to: input.specificationId,
        previous: await labelOf(trx, request.specification_id),
        specification: target ? { name: target.name, version: target.version } : null,
      },
    });
    return { changed: true };
  });
}

/** The survey's request was withdrawn by its sender: it asks for nothing, so nothing is linked. */
export class SurveyWithdrawnError extends ConflictError {
  constructor() {
    super("errors.surveyWithdrawnNoLink");
  }
}

/**
 * Who may link a question, and how the change is recorded. While the survey is a draft its sender
 * links its questions as they edit them (lockDraft; the draft's version bumped like every other
 * edit). Once sent (or closed), which specification a question asks for is a triage decision, as a
 * request's is: a coordinator confirms or changes it (`triage:request:any`), without touching the
 * question's words, so the sent survey's own version stays. A withdrawn survey asks for nothing.
 */
async function lockSurveyForLink(trx: Transaction<Database>, input: { actor: Actor; surveyId: string }) {
  const survey = isUuid(input.surveyId)
    ? await trx
        .selectFrom("surveys")
        .select(["id", "status", "sender_user_id as senderUserId", "request_id as requestId"])
        .where("id", "=", input.surveyId)
        .forUpdate()
        .executeTakeFirst()
    : undefined;
  if (!survey) throw new SurveyNotFoundError();
  if (survey.status === "draft") {
    await lockDraft(trx, input);
    return { triage: false } as const;
  }
  if (!can(input.actor, "triage:request:any")) {
    if (survey.senderUserId === input.actor.id) throw new SurveyNotDraftError(survey.status);
    throw new ForbiddenError();
  }
  const request = survey.requestId
    ? await trx.selectFrom("requests").select("status").where("id", "=", survey.requestId).executeTakeFirst()
    : undefined;
  if (!request || request.status === "withdrawn") throw new SurveyWithdrawnError();
  return { triage: true } as const;
}

/**
 * Links a survey question to the specification it asks for (or none): its sender while the survey
 * is a draft, a coordinator once it is sent (lockSurveyForLink). One transaction with the survey's
 * event, whose data keeps the names then, as a request's does.
 */
export async function linkSurveyQuestionToSpecification(
  input: { actor: Actor; surveyId: string; questionId: string; specificationId: string | null },
  trx?: Transaction<Database>,
) {
  return inTransaction(trx, async (trx) => {
    const { triage } = await lockSurveyForLink(trx, { actor: input.actor, surveyId: input.surveyId });
    const question = isUuid(input.questionId)
      ? await trx
          .selectFrom("survey_questions")
          .select(["id", "specification_id"])
          .where("id", "=", input.questionId)
          .where("survey_id", "=", input.surveyId)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!question) throw new SurveyNotFoundError();
    if (question.specification_id === input.specificationId) return { changed: false };
    const target = await linkableSpecification(trx, input.specificationId);
    await trx.updateTable("survey_questions").set({ specification_id: input.specificationId }).where("id", "=", question.id).execute();
    const data = {
      questionId: question.id,
      from: question.specification_id,
      to: input.specificationId,
      previous: await labelOf(trx, question.specification_id),
      specification: target ? { name: target.name, version: target.version } : null,
    };
    if (triage) {
      await recordEvent(trx, {
        actorUserId: input.actor.id,
        entityType: "survey",
        entityId: input.surveyId,
        action: "link_specification",
        data,
      });
    } else {
      await recordDraftEdit(trx, { actor: input.actor, surveyId: input.surveyId }, "link_specification", data);
    }
    return { changed: true };
  });
}
