import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { ForbiddenError } from "../../app/models/errors.server";
import {
  changeRequestDeadline,
  DeadlineInputError,
  getDeadlineSettings,
  updateDeadlineSettings,
} from "../../app/models/task-deadline.server";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

const TODAY = "2026-12-01";

const tasksOf = (requestId: string) =>
  db
    .selectFrom("tasks")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .select(["tasks.id", "organisations.kommunkod", "tasks.due_date", "tasks.reminder_sent_at", "tasks.overdue_sent_at", "tasks.version"])
    .where("tasks.request_id", "=", requestId)
    .orderBy("organisations.kommunkod")
    .execute();

const requestDueDate = async (id: string) =>
  (await db.selectFrom("requests").select("due_date").where("id", "=", id).executeTakeFirstOrThrow()).due_date;

const deadlineEvents = (requestId: string) =>
  db
    .selectFrom("events")
    .select(["actor_user_id", "from_state", "to_state", "reason", "data"])
    .where("entity_type", "=", "request")
    .where("entity_id", "=", requestId)
    .where("action", "=", "change_deadline")
    .execute();

/** The deadline mails to the users given (each test's responders are its own). */
const deadlineMail = (...users: { email: string }[]) =>
  db
    .selectFrom("mail_outbox")
    .select(["to_address", "subject", "text_body"])
    .where("kind", "=", "deadline_changed")
    .where(
      "to_address",
      "in",
      users.map((u) => u.email),
    )
    .orderBy("id")
    .execute();

async function setting() {
  const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
  const borasResponder = await createTestUser({ role: "responder", kommunkod: "1490" });
  const skovdeResponder = await createTestUser({ role: "responder", kommunkod: "1496" });
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", skovdeResponder.id).execute();
  const alingsasResponder = await createTestUser({ role: "responder", kommunkod: "1489" });
  const { request, tasks } = await createTestTasks({ kommunkoder: ["1490", "1496", "1489"], dueDate: "2027-01-15", title: "Laddplatser" });
  // Alingsås has answered: its task keeps its date and its responders are not told.
  await db.updateTable("tasks").set({ status: "answered" }).where("id", "=", tasks["1489"].id).execute();
  return { coordinator, borasResponder, skovdeResponder, alingsasResponder, request, tasks };
}

describe("deadline settings", () => {
  it("start at 20 working days and a reminder 3 working days before; a coordinator changes them with an event", async () => {
    expect(await getDeadlineSettings()).toMatchObject({ defaultWorkingDays: 20, reminderWorkingDays: 3 });
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    await expect(updateDeadlineSettings({ actor: responder, defaultWorkingDays: 5, reminderWorkingDays: 1 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await getDeadlineSettings()).toMatchObject({ defaultWorkingDays: 20, reminderWorkingDays: 3 });

    const coordinator = await actorOf(await createTestUser({ role: "coordinator" }));
    await updateDeadlineSettings({ actor: coordinator, defaultWorkingDays: 25, reminderWorkingDays: 5 });
    expect(await getDeadlineSettings()).toMatchObject({ defaultWorkingDays: 25, reminderWorkingDays: 5 });
    const event = await db
      .selectFrom("events")
      .select(["actor_user_id", "data"])
      .where("action", "=", "update_deadline_settings")
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      actor_user_id: coordinator.id,
      data: { from: { defaultWorkingDays: 20, reminderWorkingDays: 3 }, to: { defaultWorkingDays: 25, reminderWorkingDays: 5 } },
    });
    await updateDeadlineSettings({ actor: coordinator, defaultWorkingDays: 20, reminderWorkingDays: 3 });
  });
});

describe("changing a request's due date", () => {
  it("moves the request and its open tasks in one step, records from, to and why, and mails the open tasks' responders", async () => {
    const s = await setting();
    const result = await changeRequestDeadline({
      actor: s.coordinator,
      requestId: s.request.id,
      dueDate: "2027-02-01",
      reason: "Kommunerna bad om mer tid efter jul.",
      today: TODAY,
    });
    expect(result).toMatchObject({ dueDate: "2027-02-01", previousDueDate: "2027-01-15", taskCount: 2 });
    expect(await requestDueDate(s.request.id)).toBe("2027-02-01");
    expect((await tasksOf(s.request.id)).map((t) => [t.kommunkod, t.due_date])).toEqual([
      ["1489", "2027-01-15"],
      ["1490", "2027-02-01"],
      ["1496", "2027-02-01"],
    ]);
    expect(await deadlineEvents(s.request.id)).toEqual([
      {
        actor_user_id: s.coordinator.id,
        from_state: "2027-01-15",
        to_state: "2027-02-01",
        reason: "Kommunerna bad om mer tid efter jul.",
        data: { from: "2027-01-15", to: "2027-02-01", taskIds: expect.any(Array) },
      },
    ]);

    const mail = await deadlineMail(s.borasResponder, s.skovdeResponder, s.alingsasResponder);
    expect(mail.map((m) => m.to_address).sort()).toEqual([s.borasResponder.email, s.skovdeResponder.email].sort());
    const boras = mail.find((m) => m.to_address === s.borasResponder.email)!;
    expect(boras.subject).toBe(`Ny sista svarsdag för förfrågan ${s.request.number}`);
    expect(boras.text_body).toContain("från 15 januari 2027 till 1 februari 2027");
    expect(boras.text_body).toContain("Skäl: Kommunerna bad om mer tid efter jul.");
    expect(boras.text_body).toContain(`/uppgifter/${s.tasks["1490"].id}`);
    const skovde = mail.find((m) => m.to_address === s.skovdeResponder.email)!;
    expect(skovde.subject).toBe(`New due date for request ${s.request.number}`);
    expect(skovde.text_body).toContain("from 15 January 2027 to 1 February 2027");
    expect(skovde.text_body).toContain(`/uppgifter/${s.tasks["1496"].id}`);
  });

  it("is refused without a reason, and for anyone but a coordinator, with a clear message and nothing written", async () => {
    const s = await setting();
    const before = await tasksOf(s.request.id);
    for (const reason of ["", "   "]) {
      const refused = changeRequestDeadline({ actor: s.coordinator, requestId: s.request.id, dueDate: "2027-02-01", reason, today: TODAY });
      await expect(refused).rejects.toBeInstanceOf(DeadlineInputError);
      await expect(refused).rejects.toMatchObject({ messageKey: "errors.deadlineReasonRequired", field: "reason" });
    }
    for (const actor of [await actorOf(s.borasResponder), await actorOf(await createTestUser())]) {
      const refused = changeRequestDeadline({ actor, requestId: s.request.id, dueDate: "2027-02-01", reason: "Mer tid", today: TODAY });
      await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
      await expect(refused).rejects.toMatchObject({ messageKey: "errors.deadlineForbidden" });
    }
    expect(await tasksOf(s.request.id)).toEqual(before);
    expect(await requestDueDate(s.request.id)).toBe("2027-01-15");
    expect(await deadlineEvents(s.request.id)).toEqual([]);
    expect(await deadlineMail(s.borasResponder, s.skovdeResponder, s.alingsasResponder)).toEqual([]);
  });

  it.each([
    [{ dueDate: "2026-11-30" }, "errors.deadlineInPast"],
    [{ dueDate: "2026-12-25" }, "errors.deadlineNotWorkingDay"], // juldagen
    [{ dueDate: "2027-03-26" }, "errors.deadlineNotWorkingDay"], // långfredagen
    [{ dueDate: "2027-01-16" }, "errors.deadlineNotWorkingDay"], // a Saturday
    [{ dueDate: "2027-02-30" }, "errors.deadlineDateInvalid"],
    [{ dueDate: "15/01/2027" }, "errors.deadlineDateInvalid"],
    [{ dueDate: "2027-13-45" }, "errors.deadlineDateInvalid"], // not a month: the check itself once threw (a 500)
    // A typo of the year: the task pages counted the working days left one library call a day (minutes at 9999).
    [{ dueDate: "9999-12-30" }, "errors.deadlineTooFar"],
    [{ dueDate: "2062-03-02" }, "errors.deadlineTooFar"],
    [{}, "errors.deadlineChoiceRequired"],
    [{ dueDate: "2027-02-01", workingDays: 10 }, "errors.deadlineChoiceRequired"],
    [{ dueDate: "2027-01-15" }, "errors.deadlineUnchanged"],
  ] as const)("refuses %o with %s, nothing written", async (choice, messageKey) => {
    const s = await setting();
    const refused = changeRequestDeadline({ actor: s.coordinator, requestId: s.request.id, reason: "Mer tid", today: TODAY, ...choice });
    await expect(refused).rejects.toMatchObject({ messageKey, field: "dueDate" });
    expect(await requestDueDate(s.request.id)).toBe("2027-01-15");
    expect(await deadlineEvents(s.request.id)).toEqual([]);
  });

  it("counts working days from today across jul and nyår", async () => {
    const s = await setting();
    // From 23 December 2026: 24–27 and 31 December to 3 January are off.
    const result = await changeRequestDeadline({
      actor: s.coordinator,
      requestId: s.request.id,
      workingDays: 4,
      reason: "Kortare tid",
      today: "2026-12-23",
    });
    expect(result.dueDate).toBe("2027-01-04");
  });

  it("is refused for a request whose tasks take no more answers", async () => {
    const s = await setting();
    await db.updateTable("requests").set({ status: "closed" }).where("id", "=", s.request.id).execute();
    await expect(
      changeRequestDeadline({ actor: s.coordinator, requestId: s.request.id, dueDate: "2027-02-01", reason: "Mer tid", today: TODAY }),
    ).rejects.toMatchObject({ messageKey: "errors.deadlineNotRouted" });
  });

  it("clears the reminder and overdue marks of tasks whose date moved later, and keeps them when it moved earlier", async () => {
    const s = await setting();
    const sentAt = new Date("2027-01-12T08:00:00Z");
    await db
      .updateTable("tasks")
      .set({ reminder_sent_at: sentAt, overdue_sent_at: sentAt })
      .where("request_id", "=", s.request.id)
      .execute();
    await changeRequestDeadline({ actor: s.coordinator, requestId: s.request.id, dueDate: "2027-01-29", reason: "Mer tid", today: TODAY });
    const later = await tasksOf(s.request.id);
    expect(later.map((t) => [t.kommunkod, t.reminder_sent_at, t.overdue_sent_at])).toEqual([
      ["1489", sentAt, sentAt], // answered: not moved
      ["1490", null, null],
      ["1496", null, null],
    ]);
    // A change does not make a responder's open form stale: the version is untouched.
    expect(later.map((t) => t.version)).toEqual([1, 1, 1]);

    await db.updateTable("tasks").set({ reminder_sent_at: sentAt }).where("request_id", "=", s.request.id).execute();
    await changeRequestDeadline({ actor: s.coordinator, requestId: s.request.id, dueDate: "2027-01-20", reason: "Brådskar", today: TODAY });
    expect((await tasksOf(s.request.id)).map((t) => t.reminder_sent_at)).toEqual([sentAt, sentAt, sentAt]);
  });
});
