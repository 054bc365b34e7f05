import type { Transaction } from "kysely";
import type { Database, Locale } from "../../db/schema";
import { commentMail, mergeMail, newTaskMail, requestWithdrawnMail } from "../mail/templates";
import { openTaskStatuses } from "../domain/tasks";
import { mailOrigin } from "../utils/origin.server";
import { listRequestAudience } from "./follow.server";
import { enqueueMail } from "./mail.server";

/**
 * Who is told of a change by e-mail (issue 9, "E-mail"), each in their own language and after
 * their own preference (enqueueMail), in the transaction of the change: a new task → its
 * organisation's responders; a comment → the requester and followers but its author; a merge →
 * everyone whose support and follow moved; a withdrawal → the followers and the responders of each
 * task still to do. A task's outcome is told in task.server.ts.
 */

/** The responders of each organisation, by organisation. */
async function listResponders(trx: Transaction<Database>, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return trx
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["memberships.organisation_id as organisationId", "users.id", "users.email", "users.name", "users.locale"])
    .where("memberships.role", "=", "responder")
    .where("memberships.organisation_id", "in", organisationIds)
    .orderBy("users.id")
    .execute();
}

/** A routed request's new tasks, each to the responders of its organisation. */
export async function mailNewTasks(
  trx: Transaction<Database>,
  input: { requestId: string; tasks: { id: string; organisationId: string }[]; dueDate: string },
) {
  if (input.tasks.length === 0) return;
  const request = await trx.selectFrom("requests").select(["number", "title"]).where("id", "=", input.requestId).executeTakeFirstOrThrow();
  const organisations = await trx
    .selectFrom("organisations")
    .select(["id", "name"])
    .where(
      "id",
      "in",
      input.tasks.map((task) => task.organisationId),
    )
    .execute();
  const nameOf = new Map(organisations.map((o) => [o.id, o.name]));
  const taskOf = new Map(input.tasks.map((task) => [task.organisationId, task.id]));
  const portalUrl = mailOrigin();
  for (const responder of await listResponders(trx, [...taskOf.keys()])) {
    await enqueueMail(
      trx,
      newTaskMail({
        to: responder.email,
        userId: responder.id,
        name: responder.name,
        locale: responder.locale,
        taskId: taskOf.get(responder.organisationId)!,
        requestNumber: request.number,
        requestTitle: request.title,
        organisationName: nameOf.get(responder.organisationId) ?? "",
        dueDate: input.dueDate,
        portalUrl,
      }),
    );
  }
}

/** A new comment, to the request's requester and followers; its author is not told of their own words. */
export async function mailComment(trx: Transaction<Database>, input: { requestId: string; authorUserId: string; body: string }) {
  const request = await trx.selectFrom("requests").select(["number", "title"]).where("id", "=", input.requestId).executeTakeFirstOrThrow();
  const author = await trx.selectFrom("users").select("name").where("id", "=", input.authorUserId).executeTakeFirst();
  const portalUrl = mailOrigin();
  for (const recipient of await listRequestAudience(trx, input.requestId)) {
    if (recipient.id === input.authorUserId) continue;
    await enqueueMail(
      trx,
      commentMail({
        to: recipient.email,
        userId: recipient.id,
        name: recipient.name,
        locale: recipient.locale,
        requestNumber: request.number,
        requestTitle: request.title,
        authorName: author?.name ?? "",
        body: input.body,
        portalUrl,
      }),
    );
  }
}

/**
 * The people a merge moves: the duplicate's requester and followers, read before their follows
 * move (afterwards the duplicate has none).
 */
export function listMergeAudience(trx: Transaction<Database>, duplicateId: string) {
  return listRequestAudience(trx, duplicateId);
}

/** A duplicate was merged into its original; to everyone moved, but the coordinator who did it. */
export async function mailMerge(
  trx: Transaction<Database>,
  input: {
    audience: Awaited<ReturnType<typeof listMergeAudience>>;
    actorUserId: string;
    duplicate: { number: number; title: string };
    original: { number: number; title: string };
    reason: string | null;
  },
) {
  const portalUrl = mailOrigin();
  for (const recipient of input.audience) {
    if (recipient.id === input.actorUserId) continue;
    await enqueueMail(
      trx,
      mergeMail({
        to: recipient.email,
        userId: recipient.id,
        name: recipient.name,
        locale: recipient.locale,
        requestNumber: input.duplicate.number,
        requestTitle: input.duplicate.title,
        originalNumber: input.original.number,
        originalTitle: input.original.title,
        reason: input.reason,
        portalUrl,
      }),
    );
  }
}

/**
 * The requester withdrew the request (its tasks are read before or after: their status does not
 * change): the responders of each organisation whose task was still to do are told they need not
 * answer, the followers that it takes no more answers; the requester, who did it, nothing. A
 * follower who is also such a responder gets the responder's mail only.
 */
export async function mailWithdrawal(trx: Transaction<Database>, input: { requestId: string; actorUserId: string; reason: string | null }) {
  const request = await trx.selectFrom("requests").select(["number", "title"]).where("id", "=", input.requestId).executeTakeFirstOrThrow();
  const openTasks = await trx
    .selectFrom("tasks")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .select(["tasks.organisation_id as organisationId", "organisations.name"])
    .where("tasks.request_id", "=", input.requestId)
    .where("tasks.status", "in", openTaskStatuses)
    .execute();
  const nameOf = new Map(openTasks.map((task) => [task.organisationId, task.name]));
  const portalUrl = mailOrigin();
  const tell = (recipient: { id: string; email: string; name: string; locale: Locale }, organisationName: string | null) =>
    enqueueMail(
      trx,
      requestWithdrawnMail({
        to: recipient.email,
        userId: recipient.id,
        name: recipient.name,
        locale: recipient.locale,
        requestNumber: request.number,
        requestTitle: request.title,
        reason: input.reason,
        organisationName,
        portalUrl,
      }),
    );
  const told = new Set<string>([input.actorUserId]);
  for (const responder of await listResponders(trx, [...nameOf.keys()])) {
    // One mail per responder and organisation: a member of two such organisations hears of each.
    if (responder.id !== input.actorUserId) await tell(responder, nameOf.get(responder.organisationId) ?? "");
    told.add(responder.id);
  }
  for (const follower of await listRequestAudience(trx, input.requestId)) if (!told.has(follower.id)) await tell(follower, null);
}
