import { answerTexts, type TaskPlan } from "./content";
import type { SeedContext } from "./context";
import type { PlannedRequest } from "./support";
import { DAY, finishedTaskAction } from "./timeline";

type RequestRow = { id: string; number: number };

/** Each target's task as planned: its state, when it got there, who worked it and what it answered. */
function planTasks(context: SeedContext, p: PlannedRequest, routedAt: Date, answerBy: Date) {
  const { spec } = p;
  const { time } = context;
  return p.targets.map((organisation) => {
    const plan =
      spec.tasks?.[organisation.kommunkod ?? ""] ??
      (spec.status === "answered" || spec.status === "closed" ? ({ status: "answered" } as TaskPlan) : null);
    const doneAt = plan
      ? plan.after !== undefined
        ? time.moment(spec.age - plan.after)
        : time.between(new Date(routedAt.getTime() + DAY), answerBy)
      : routedAt;
    const dataset = plan ? context.datasets.get(plan.datasetUri ?? "") : undefined;
    const assignee = plan && organisation.kommunkod === "1490" ? context.users.responderBoras : null;
    // A task's answer is plain text on every page (no Markdown), so the title is quoted, not made bold.
    const linkedText = dataset && `Finns redan som öppna data: ”${dataset.title}”. Vi har länkat datamängden till förfrågan.`;
    const text =
      plan && plan.status !== "in_progress" && plan.status !== "declined" ? (plan.text ?? linkedText ?? time.pick(answerTexts)) : null;
    return { organisation, plan, doneAt, assignee, text };
  });
}

/** One task per target of a routed request, with the events of each task's work and its linked datasets. */
export async function insertTasks(
  context: SeedContext,
  p: PlannedRequest,
  row: RequestRow,
  { routedAt, dueDate, answerBy }: { routedAt: Date; dueDate: string; answerBy: Date },
) {
  const tasks = planTasks(context, p, routedAt, answerBy);
  const inserted = await context.trx
    .insertInto("tasks")
    .values(
      tasks.map((t) => ({
        request_id: row.id,
        organisation_id: t.organisation.id,
        status: t.plan?.status ?? "pending",
        assignee_user_id: t.assignee,
        due_date: dueDate,
        answer_text: t.text,
        decline_reason: t.plan?.status === "declined" ? (t.plan.reason ?? "Uppgifterna kan inte lämnas.") : null,
        decline_reason_id: t.plan?.status === "declined" ? declineReasonId(context, t.plan) : null,
        answered_at: t.plan && t.plan.status !== "in_progress" ? t.doneAt : null,
        created_at: routedAt,
        updated_at: t.doneAt,
      })),
    )
    .returning(["id", "organisation_id"])
    .execute();
  const taskIds = new Map(inserted.map((t) => [t.organisation_id, t.id]));
  for (const t of tasks) {
    if (!t.plan) continue;
    const taskEvent = {
      actor_user_id: t.assignee,
      entity_type: "task",
      entity_id: taskIds.get(t.organisation.id)!,
      data: JSON.stringify({ requestId: row.id }),
    };
    const startedAt = t.plan.status === "in_progress" ? t.doneAt : context.time.between(routedAt, t.doneAt);
    context.rows.events.push({ ...taskEvent, occurred_at: startedAt, action: "start", from_state: "pending", to_state: "in_progress" });
    if (t.plan.status === "in_progress") continue;
    context.rows.events.push({
      ...taskEvent,
      occurred_at: t.doneAt,
      action: finishedTaskAction[t.plan.status],
      from_state: "in_progress",
      to_state: t.plan.status,
      reason: t.plan.status === "declined" ? (t.plan.reason ?? null) : null,
      data: JSON.stringify({
        requestId: row.id,
        ...(t.plan.status === "declined" ? { reasonId: declineReasonId(context, t.plan) } : {}),
      }),
    });
    const taskId = taskIds.get(t.organisation.id)!;
    const dataset = context.rows.link(row.id, t.plan.datasetUri, { linked_by: t.assignee, reason: "linked", created_at: t.doneAt });
    if (dataset) context.rows.taskLinks.push({ task_id: taskId, dataset_id: dataset.id, linked_by: t.assignee, created_at: t.doneAt });
    if (t.organisation.kommunkod === DEMO_RESPONDER_KOMMUNKOD) context.rows.mailedTasks.push(taskId);
  }
}

/** The organisation of the demo responder account (db/seed/index.ts): its outcomes are mailed. */
const DEMO_RESPONDER_KOMMUNKOD = "1490";

/** The decline reason a plan names by its place in the coordinators' list; "another reason" (the last) by default. */
function declineReasonId(context: SeedContext, plan: TaskPlan) {
  const positions = [...context.declineReasons.keys()];
  const position = plan.reasonPosition ?? Math.max(...positions);
  const id = context.declineReasons.get(position);
  if (!id) throw new Error(`No decline reason at position ${position}`);
  return id;
}
