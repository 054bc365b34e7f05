import { db } from "../../db/client.server";
import type { Actor } from "../../app/auth/permissions";
import type { TaskStatus } from "../../app/domain/tasks";
import { createTestRequest, type TestRequestInput } from "./request";

/**
 * A routed request with one task per municipality named by kommunkod (default Borås and Skövde),
 * inserted directly in the state given, for tests of the workflow and of what reads tasks.
 */
export async function createTestTasks(
  input: TestRequestInput & { kommunkoder?: string[]; dueDate?: string; taskStatus?: TaskStatus; assigneeUserId?: string | null } = {},
) {
  const kommunkoder = input.kommunkoder ?? ["1490", "1496"];
  const dueDate = input.dueDate ?? "2027-01-29";
  const request = await createTestRequest({ ...input, targetKommunkoder: kommunkoder, dueDate });
  const organisations = await db.selectFrom("organisations").select(["id", "kommunkod"]).where("kommunkod", "in", kommunkoder).execute();
  const tasks = await db
    .insertInto("tasks")
    .values(
      organisations.map((o) => ({
        request_id: request.id,
        organisation_id: o.id,
        due_date: dueDate,
        status: input.taskStatus ?? "pending",
        assignee_user_id: input.assigneeUserId ?? null,
      })),
    )
    .returning(["id", "organisation_id as organisationId", "version"])
    .execute();
  const byKommunkod = Object.fromEntries(organisations.map((o) => [o.kommunkod!, tasks.find((t) => t.organisationId === o.id)!])) as Record<
    string,
    (typeof tasks)[number]
  >;
  return { request, tasks: byKommunkod };
}

/** The user as the permission checks see them: id and memberships. */
export async function actorOf(user: { id: string }): Promise<Actor> {
  const memberships = await db
    .selectFrom("memberships")
    .select(["organisation_id as organisationId", "role"])
    .where("user_id", "=", user.id)
    .execute();
  return { id: user.id, memberships };
}
