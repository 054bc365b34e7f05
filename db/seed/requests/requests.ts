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
  // Linked by the coordinator who routed it; a specification the forum retired is left unlinked.
  const specification =
    spec.specification && routedAt
      ? await context.trx
          .selectFrom("specifications")
          .select(["id", "name", "version"])
          .where("seed_key", "=", spec.specification)
          .where("status", "!=", "retired")
          .executeTakeFirst()
      : undefined;

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
      specification_id: specification?.id ?? null,
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

  const credit = await creditRule(context, p, original);
  recordSubmission(context, p, row, credit);
  recordSteps(context, p, row, { dueDate, original }, credit);
  if (specification && routedAt) {
    // As linkRequestToSpecification records it (app/models/specification.server.ts).
    requestEvent(context, row, {
      occurred_at: routedAt,
      actor_user_id: context.users.coordinator,
      action: "link_specification",
      data: {
        from: null,
        to: specification.id,
        previous: null,
        specification: { name: specification.name, version: specification.version },
      },
    });
  }
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

type Figures = { minutes: number; minutes_low: number; minutes_high: number };
type CreditRule = {
  /** Per target: whose dataset answered it (existing data), by the conservative rule of ADR 025; absent = not credited. */
  existingData: Map<string, { basis: "own_dataset" | "regional_dataset"; detail: Record<string, string> }>;
  /** The targets the original asked too (a merge credits only these). */
  askedByBoth: Set<string>;
  originalAsked: number;
  figures: (organisationType: string) => Figures;
};

const scenarioFigures = new WeakMap<SeedContext, Map<string, Figures>>();

/**
 * The credit the app's commands would write (app/models/time-saved.server.ts, ADR 025), worked
 * out here because db/ imports nothing from app/: a dataset credits the targets that published it
 * (all targets for the region's dataset), a merge the targets the original asked too (its tasks
 * once routed, else its targets), each with the scenario figures of the assumptions in force.
 */
async function creditRule(context: SeedContext, p: PlannedRequest, original: RequestRow | null): Promise<CreditRule> {
  const { trx } = context;
  if (!scenarioFigures.has(context)) {
    const rows = await trx
      .selectFrom("time_saved_assumption_minutes")
      .select(["organisation_type", "scenario", "minutes"])
      .where("version", "=", context.assumptions.version)
      .execute();
    const flat = {
      minutes: context.assumptions.minutes,
      minutes_low: context.assumptions.minutes,
      minutes_high: context.assumptions.minutes,
    };
    const byType = new Map<string, Figures>([
      ["municipality", { ...flat }],
      ["region", { ...flat }],
    ]);
    const column = { low: "minutes_low", central: "minutes", high: "minutes_high" } as const;
    for (const r of rows) byType.get(r.organisation_type)![column[r.scenario]] = r.minutes;
    scenarioFigures.set(context, byType);
  }
  const byType = scenarioFigures.get(context)!;
  const existingData: CreditRule["existingData"] = new Map();
  if (p.spec.status === "answered_by_existing_data" && p.spec.datasetUri) {
    const publisher = await trx
      .selectFrom("datasets")
      .innerJoin("catalogue_sources", "catalogue_sources.id", "datasets.source_id")
      .innerJoin("organisations", (join) =>
        join.on((eb) =>
          eb("organisations.id", "=", eb.fn.coalesce("datasets.publisher_organisation_id", "catalogue_sources.publisher_organisation_id")),
        ),
      )
      .select(["organisations.id", "organisations.slug", "organisations.type"])
      .where("datasets.uri", "=", p.spec.datasetUri)
      .executeTakeFirst();
    const detail = { dataset: p.spec.datasetUri, publisher: publisher?.slug ?? "" };
    for (const o of p.targets) {
      if (o.id === publisher?.id) existingData.set(o.id, { basis: "own_dataset", detail });
      else if (publisher?.type === "region") existingData.set(o.id, { basis: "regional_dataset", detail });
    }
  }
  let originalAsked = new Set<string>();
  if (original) {
    const tasks = await trx.selectFrom("tasks").select("organisation_id").where("request_id", "=", original.id).execute();
    const asked = tasks.length
      ? tasks
      : await trx.selectFrom("request_targets").select("organisation_id").where("request_id", "=", original.id).execute();
    originalAsked = new Set(asked.map((t) => t.organisation_id));
  }
  return {
    existingData,
    askedByBoth: new Set(p.targets.filter((o) => originalAsked.has(o.id)).map((o) => o.id)),
    originalAsked: originalAsked.size,
    figures: (type) => byType.get(type) ?? byType.get("municipality")!,
  };
}

/** The targets the rule credits, each with why (ADR 025). */
function creditTargets(
  context: SeedContext,
  p: PlannedRequest,
  row: RequestRow,
  credit: { at: Date; reason: "existing_dataset" | "duplicate_merged"; actor: string | null; rule: CreditRule; original?: RequestRow },
) {
  for (const o of p.targets) {
    const existing = credit.rule.existingData.get(o.id);
    if (credit.reason === "existing_dataset" && !existing) continue;
    if (credit.reason === "duplicate_merged" && !credit.rule.askedByBoth.has(o.id)) continue;
    context.rows.timeSaved.push({
      occurred_at: credit.at,
      request_id: row.id,
      organisation_id: o.id,
      ...credit.rule.figures(o.type),
      reason: credit.reason,
      basis: existing ? existing.basis : "asked_by_both",
      basis_detail: JSON.stringify(
        existing
          ? existing.detail
          : { original: credit.original!.number, askedByDuplicate: p.targets.length, askedByOriginal: credit.rule.originalAsked },
      ),
      dataset_id: existing ? (context.datasets.get(existing.detail.dataset)?.id ?? null) : null,
      assumption_version: context.assumptions.version,
      actor_user_id: credit.actor,
    });
  }
}

/** Submitted, or answered at once by a dataset the requester accepted (linked and credited). */
function recordSubmission(context: SeedContext, p: PlannedRequest, row: RequestRow, rule: CreditRule) {
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
  creditTargets(context, p, row, { at: p.createdAt, reason: "existing_dataset", actor: p.requester, rule });
}

/** The request's own timeline after submission, as the model's commands write it. */
function recordSteps(
  context: SeedContext,
  p: PlannedRequest,
  row: RequestRow,
  facts: { dueDate: string | null; original: RequestRow | null },
  rule: CreditRule,
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
    creditTargets(context, p, row, { at, reason: "duplicate_merged", actor: coordinator, rule, original: original! });
  }
}
