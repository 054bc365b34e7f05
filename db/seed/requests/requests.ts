import type { Insertable } from "kysely";
import type { Database, RequestStatus } from "../../schema";
import { personas } from "./content";
import type { SeedContext } from "./context";
import type { PlannedRequest } from "./support";
import { insertTasks } from "./tasks";
import { isoDay, type Step } from "./timeline";

type RequestRow = { id: string; number: number };
type EventRow = Omit<Insertable<Database["events"]>, "entity_type" | "entity_id" | "data"> & { data?: Record<string, unknown> };

/** Writes one planned request (row, targets, index entry), its timeline of events and its tasks. */
export async function writeRequest(context: SeedContext, p: PlannedRequest) {
  const { spec } = p;
  const routeIndex = p.path.findIndex((s) => s.action === "route");
  const routedAt = routeIndex >= 0 ? p.stepTimes[routeIndex] : null;
  const dueDate = routedAt ? context.options.addWorkingDays(isoDay(routedAt), spec.workingDays ?? 20) : null;
  const answerIndex = p.path.findIndex((s) => s.to === "answered" || s.to === "partly_answered");
  const answeredAt = spec.status === "answered_by_existing_data" ? p.createdAt : answerIndex >= 0 ? p.stepTimes[answerIndex] : null;
  const persona =
    spec.by === "demoRequester" && context.users.demoRequester ? null : personas[spec.by === "demoRequester" ? "emma" : spec.by];
  const original = spec.duplicateOf ? context.ids.get(spec.duplicateOf)! : null;

  const row = await context.trx
    .insertInto("requests")
    .values({
      kind: spec.kind ?? "data",
      title: spec.title,
      body: spec.body,
      purpose: spec.purpose,
      requester_user_id: p.requester,
      requester_type: persona?.type ?? "citizen",
      requester_shown_as: spec.shownAs,
      requester_organisation_name: spec.shownAs === "organisation" ? (persona?.organisation ?? null) : null,
      target_scope: spec.targets === "all" || spec.targets === "region" ? spec.targets : "chosen",
      wished_format: spec.format ?? null,
      update_frequency: spec.frequency ?? null,
      status: spec.status,
      status_reason: spec.reason ?? null,
      duplicate_of: original?.id ?? null,
      due_date: dueDate,
      tags: spec.tags ?? [],
      vote_count: p.votes.size,
      follower_count: p.follows.size,
      created_at: p.createdAt,
      updated_at: p.stepTimes.at(-1) ?? p.createdAt,
      answered_at: answeredAt,
    })
    .returning(["id", "number"])
    .executeTakeFirstOrThrow();
  context.ids.set(spec.key, row);
  await context.trx
    .insertInto("request_targets")
    .values(p.targets.map((o) => ({ request_id: row.id, organisation_id: o.id })))
    .execute();
  await context.trx.insertInto("search_outbox").values({ entity_type: "request", entity_id: row.id }).execute();

  recordSubmission(context, p, row);
  recordSteps(context, p, row, { dueDate, original });
  if (routedAt && dueDate) {
    await insertTasks(context, p, row, {
      routedAt,
      dueDate,
      answerBy: answerIndex >= 0 ? p.stepTimes[answerIndex] : context.time.yesterday,
    });
  }
}

function requestEvent(context: SeedContext, row: RequestRow, e: EventRow) {
  context.rows.events.push({ ...e, entity_type: "request", entity_id: row.id, data: JSON.stringify(e.data ?? {}) });
}

/** The organisations a request would have asked, each credited the assumed minutes. */
function creditTargets(
  context: SeedContext,
  p: PlannedRequest,
  row: RequestRow,
  credit: { at: Date; reason: "existing_dataset" | "duplicate_merged"; actor: string | null },
) {
  for (const o of p.targets) {
    context.rows.timeSaved.push({
      occurred_at: credit.at,
      request_id: row.id,
      organisation_id: o.id,
      minutes: context.assumptions.minutes,
      reason: credit.reason,
      assumption_version: context.assumptions.version,
      actor_user_id: credit.actor,
    });
  }
}

/** Submitted, or answered at once by a dataset the requester accepted (linked and credited). */
function recordSubmission(context: SeedContext, p: PlannedRequest, row: RequestRow) {
  if (p.spec.status !== "answered_by_existing_data") {
    requestEvent(context, row, { occurred_at: p.createdAt, actor_user_id: p.requester, action: "submit", to_state: "submitted" });
    return;
  }
  const dataset = context.rows.link(row.id, p.spec.datasetUri, {
    linked_by: p.requester,
    reason: "accepted_answer",
    created_at: p.createdAt,
  })!;
  requestEvent(context, row, {
    occurred_at: p.createdAt,
    actor_user_id: p.requester,
    action: "answer_by_existing_data",
    to_state: "answered_by_existing_data",
    data: { datasetId: dataset.id },
  });
  creditTargets(context, p, row, { at: p.createdAt, reason: "existing_dataset", actor: p.requester });
}

/** The request's own timeline after submission, as the model's commands write it. */
function recordSteps(
  context: SeedContext,
  p: PlannedRequest,
  row: RequestRow,
  facts: { dueDate: string | null; original: RequestRow | null },
) {
  const { coordinator } = context.users;
  const actorOf = (actor: Step["actor"]) => (actor === "requester" ? p.requester : actor === "coordinator" ? coordinator : null);
  let state: RequestStatus = "submitted";
  for (const [i, step] of p.path.entries()) {
    const at = p.stepTimes[i];
    const last = i === p.path.length - 1;
    const original = facts.original;
    requestEvent(context, row, {
      occurred_at: at,
      actor_user_id: actorOf(step.actor),
      action: step.action,
      from_state: state,
      to_state: step.to,
      reason: last ? (p.spec.reason ?? null) : null,
      data:
        step.action === "route"
          ? { organisations: p.targets.length, dueDate: facts.dueDate }
          : step.action === "mark_duplicate"
            ? { originalId: original!.id, originalNumber: original!.number }
            : undefined,
    });
    state = step.to;
    if (step.action !== "mark_duplicate") continue;
    context.rows.events.push({
      occurred_at: at,
      actor_user_id: coordinator,
      entity_type: "request",
      entity_id: original!.id,
      action: "merge_duplicate",
      reason: p.spec.reason ?? null,
      data: JSON.stringify({ duplicateId: row.id, duplicateNumber: row.number }),
    });
    creditTargets(context, p, row, { at, reason: "duplicate_merged", actor: coordinator });
  }
}
