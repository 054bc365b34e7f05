import type { CommentPlan } from "./content";
import type { SeedContext } from "./context";
import type { PlannedRequest } from "./support";
import { MINUTE } from "./timeline";

/** Who writes a planned comment; null when that demo account does not exist. */
function authorOf(context: SeedContext, p: PlannedRequest, plan: CommentPlan) {
  const { users, time } = context;
  if (plan.by === "requester") return p.requester;
  if (plan.by === "coordinator") return users.coordinator;
  if (plan.by === "responder") return users.responderBoras;
  if (plan.by === "voter") return time.pick(p.voters.length ? p.voters : users.voters);
  return users.requesterId(plan.by);
}

/** One comment with its events; returns whether a reader can still read it. */
async function insertComment(context: SeedContext, p: PlannedRequest, plan: CommentPlan, author: string) {
  const { coordinator } = context.users;
  const request = context.ids.get(p.spec.key)!;
  const createdAt = context.time.moment(p.spec.age - plan.after);
  const originalNumber = p.spec.duplicateOf ? context.ids.get(p.spec.duplicateOf)!.number : null;
  const hiddenAt = plan.hidden ? new Date(createdAt.getTime() + 3 * 60 * MINUTE) : null;
  const deletedAt = plan.deleted ? new Date(createdAt.getTime() + 40 * MINUTE) : null;
  const comment = await context.trx
    .insertInto("comments")
    .values({
      request_id: request.id,
      author_user_id: author,
      body: plan.body.replace("{original}", `förfrågan ${originalNumber}`),
      created_at: createdAt,
      updated_at: createdAt,
      hidden_at: hiddenAt,
      hidden_by: hiddenAt ? coordinator : null,
      hidden_reason: plan.hidden ?? null,
      deleted_at: deletedAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const commentEvent = { entity_type: "comment", entity_id: comment.id, data: JSON.stringify({ requestId: request.id }) };
  const { events } = context.rows;
  events.push({ ...commentEvent, occurred_at: createdAt, actor_user_id: author, action: "create", to_state: "visible" });
  if (hiddenAt) {
    events.push({
      ...commentEvent,
      occurred_at: hiddenAt,
      actor_user_id: coordinator,
      action: "hide",
      from_state: "visible",
      to_state: "hidden",
      reason: plan.hidden!,
    });
    return false;
  }
  if (deletedAt) {
    events.push({
      ...commentEvent,
      occurred_at: deletedAt,
      actor_user_id: author,
      action: "delete",
      from_state: "visible",
      to_state: "deleted",
    });
    return false;
  }
  return true;
}

/** The planned comments of every request, and each request's count of readable comments. */
export async function insertComments(context: SeedContext, planned: PlannedRequest[]) {
  for (const p of planned) {
    let visible = 0;
    for (const plan of p.spec.comments ?? []) {
      const author = authorOf(context, p, plan);
      // The demo coordinator and responder exist only with the demo accounts.
      if (!author) continue;
      if (await insertComment(context, p, plan, author)) visible++;
    }
    // Like comment.server.ts: the count is of the comments a reader can read.
    if (visible) {
      await context.trx.updateTable("requests").set({ comment_count: visible }).where("id", "=", context.ids.get(p.spec.key)!.id).execute();
    }
  }
}
