import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { changeRequestDeadline } from "../../app/models/task-deadline.server";
import { sendDeadlineReminders } from "../../app/models/task-reminder.server";
import { startTaskReminders, TASK_REMINDER_CRON, TASK_REMINDER_QUEUE } from "../../app/jobs/task-reminders.server";
import { todayInSweden } from "../../app/utils/dates";
import { actorOf, createTestTasks } from "../factories/task";
import { createTestUser } from "../factories/user";

/**
 * The reminder and overdue mails the users got about the tasks (responders are per organisation,
 * so other tests' tasks of the same municipality mail them too).
 */
async function mailOf(tasks: { id: string }[], ...users: { email: string }[]) {
  const rows = await db
    .selectFrom("mail_outbox")
    .select(["to_address", "kind", "subject", "text_body"])
    .where("kind", "in", ["task_reminder", "task_overdue"])
    .where(
      "to_address",
      "in",
      users.map((u) => u.email),
    )
    .orderBy("id")
    .execute();
  return rows.filter((row) => tasks.some((task) => row.text_body.includes(`/uppgifter/${task.id}`)));
}

const marks = (taskId: string) =>
  db.selectFrom("tasks").select(["reminder_sent_at", "overdue_sent_at"]).where("id", "=", taskId).executeTakeFirstOrThrow();

/** Borås's two responders and Skövde's one (in English), a coordinator and a request to both, due on the date given. */
async function setting(dueDate: string) {
  const borasA = await createTestUser({ role: "responder", kommunkod: "1490" });
  const borasB = await createTestUser({ role: "responder", kommunkod: "1490" });
  const skovde = await createTestUser({ role: "responder", kommunkod: "1496" });
  await db.updateTable("users").set({ locale: "en" }).where("id", "=", skovde.id).execute();
  const coordinator = await createTestUser({ role: "coordinator" });
  const { request, tasks } = await createTestTasks({ dueDate, title: "Cykelvägar" });
  return { borasA, borasB, skovde, coordinator, request, borasTask: tasks["1490"], skovdeTask: tasks["1496"], tasks: Object.values(tasks) };
}

describe("deadline reminders", () => {
  it("remind 3 working days before the due date, once, to every responder of an unassigned task's organisation, in their language", async () => {
    // Due Friday 4 December 2026; on Tuesday 1 December three working days are left.
    const s = await setting("2026-12-04");
    expect(await sendDeadlineReminders({ today: "2026-11-30" })).toMatchObject({ reminders: expect.any(Number) });
    expect(await mailOf(s.tasks, s.borasA, s.borasB, s.skovde)).toEqual([]);

    await sendDeadlineReminders({ today: "2026-12-01" });
    await sendDeadlineReminders({ today: "2026-12-01" });
    await sendDeadlineReminders({ today: "2026-12-02" });
    const mail = await mailOf(s.tasks, s.borasA, s.borasB, s.skovde, s.coordinator);
    expect(mail.map((m) => m.to_address).sort()).toEqual([s.borasA.email, s.borasB.email, s.skovde.email].sort());
    expect(mail.every((m) => m.kind === "task_reminder")).toBe(true);
    const boras = mail.find((m) => m.to_address === s.borasA.email)!;
    expect(boras.subject).toBe(`Påminnelse: förfrågan ${s.request.number} ska besvaras senast 4 december 2026`);
    expect(boras.text_body).toContain(
      "Borås har fått förfrågan ”Cykelvägar”, som ska besvaras senast 4 december 2026 (3 arbetsdagar kvar).",
    );
    expect(boras.text_body).toContain(`/uppgifter/${s.borasTask.id}`);
    const skovde = mail.find((m) => m.to_address === s.skovde.email)!;
    expect(skovde.subject).toBe(`Reminder: request ${s.request.number} is due by 4 December 2026`);
    expect(skovde.text_body).toContain("(3 working days left)");
    expect(skovde.text_body).toContain(`/uppgifter/${s.skovdeTask.id}`);
    expect((await marks(s.borasTask.id)).reminder_sent_at).toBeInstanceOf(Date);
  });

  it("go to the assignee alone when someone holds the task", async () => {
    const s = await setting("2026-12-04");
    await db.updateTable("tasks").set({ assignee_user_id: s.borasB.id }).where("id", "=", s.borasTask.id).execute();
    await sendDeadlineReminders({ today: "2026-12-01" });
    expect((await mailOf(s.tasks, s.borasA, s.borasB)).map((m) => m.to_address)).toEqual([s.borasB.email]);
  });

  it("count working days across jul and nyår: due 4 January 2027 is reminded on 28 December, due 5 January not yet", async () => {
    const s = await setting("2027-01-04");
    await db.updateTable("tasks").set({ due_date: "2027-01-05" }).where("id", "=", s.skovdeTask.id).execute();
    await sendDeadlineReminders({ today: "2026-12-28" });
    expect((await mailOf(s.tasks, s.borasA, s.skovde)).map((m) => m.to_address)).toEqual([s.borasA.email]);
    // On 29 December Skövde's 5 January is three working days away (30 December, 4 and 5 January).
    await sendDeadlineReminders({ today: "2026-12-29" });
    expect((await mailOf(s.tasks, s.borasA, s.skovde)).map((m) => m.to_address)).toEqual([s.borasA.email, s.skovde.email]);
  });

  it("leave alone tasks that are done, and tasks of requests that take no more answers", async () => {
    const s = await setting("2026-12-04");
    await db.updateTable("tasks").set({ status: "answered" }).where("id", "=", s.borasTask.id).execute();
    await db.updateTable("requests").set({ status: "closed" }).where("id", "=", s.request.id).execute();
    await sendDeadlineReminders({ today: "2026-12-01" });
    await sendDeadlineReminders({ today: "2026-12-07" });
    expect(await mailOf(s.tasks, s.borasA, s.borasB, s.skovde)).toEqual([]);
    expect(await marks(s.skovdeTask.id)).toEqual({ reminder_sent_at: null, overdue_sent_at: null });
  });

  it("are written once per task when two runs go at the same moment", async () => {
    const responders = await Promise.all([1, 2].map(() => createTestUser({ role: "responder", kommunkod: "1488" })));
    const requests = await Promise.all(Array.from({ length: 30 }, () => createTestTasks({ kommunkoder: ["1488"], dueDate: "2026-12-03" })));
    const results = await Promise.all([sendDeadlineReminders({ today: "2026-12-01" }), sendDeadlineReminders({ today: "2026-12-01" })]);
    const mail = await mailOf(
      requests.map((r) => r.tasks["1488"]),
      ...responders,
    );
    expect(mail.length).toBe(60);
    for (const responder of responders) {
      const texts = mail.filter((m) => m.to_address === responder.email).map((m) => m.text_body.match(/uppgifter\/([0-9a-f-]+)/)![1]);
      expect(new Set(texts).size).toBe(30);
      expect(texts.sort()).toEqual(requests.map((r) => r.tasks["1488"].id).sort());
    }
    // The two runs shared the tasks between them; neither took one the other had.
    expect(results[0].reminders + results[1].reminders).toBeGreaterThanOrEqual(30);
  });
});

describe("overdue notices", () => {
  it("go once, the day after the due date, and no reminder follows", async () => {
    const s = await setting("2026-12-04");
    await sendDeadlineReminders({ today: "2026-12-04" });
    await sendDeadlineReminders({ today: "2026-12-05" });
    await sendDeadlineReminders({ today: "2026-12-07" });
    const mail = await mailOf(s.tasks, s.borasA, s.skovde);
    expect(mail.map((m) => [m.to_address, m.kind])).toEqual([
      [s.borasA.email, "task_reminder"],
      [s.skovde.email, "task_reminder"],
      [s.borasA.email, "task_overdue"],
      [s.skovde.email, "task_overdue"],
    ]);
    const overdue = mail.find((m) => m.to_address === s.skovde.email && m.kind === "task_overdue")!;
    expect(overdue.subject).toBe(`Overdue: request ${s.request.number} was due by 4 December 2026`);
    expect(overdue.text_body).toContain(`/uppgifter/${s.skovdeTask.id}`);
  });

  it("a task overdue before it was ever reminded gets the overdue notice only", async () => {
    const s = await setting("2026-11-27");
    await sendDeadlineReminders({ today: "2026-12-01" });
    await sendDeadlineReminders({ today: "2026-12-01" });
    expect((await mailOf(s.tasks, s.borasA)).map((m) => m.kind)).toEqual(["task_overdue"]);
  });

  it("come again after a coordinator moves the due date later, as does the reminder", async () => {
    const s = await setting("2026-12-04");
    await sendDeadlineReminders({ today: "2026-12-01" });
    await sendDeadlineReminders({ today: "2026-12-07" });
    expect((await mailOf(s.tasks, s.borasA)).map((m) => m.kind)).toEqual(["task_reminder", "task_overdue"]);
    await changeRequestDeadline({
      actor: await actorOf(s.coordinator),
      requestId: s.request.id,
      dueDate: "2026-12-18",
      reason: "Borås bad om mer tid.",
      today: "2026-12-07",
    });
    expect(await marks(s.borasTask.id)).toEqual({ reminder_sent_at: null, overdue_sent_at: null });
    await sendDeadlineReminders({ today: "2026-12-07" });
    await sendDeadlineReminders({ today: "2026-12-15" });
    await sendDeadlineReminders({ today: "2026-12-15" });
    await sendDeadlineReminders({ today: "2026-12-21" });
    const kinds = (await mailOf(s.tasks, s.borasA)).map((m) => m.kind);
    expect(kinds).toEqual(["task_reminder", "task_overdue", "task_reminder", "task_overdue"]);
  });
});

describe("the reminder job", () => {
  it("is scheduled hourly in Swedish time on the job queue, and a run mails what is due today", async () => {
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", max: 2 });
    await boss.start();
    try {
      await startTaskReminders(boss, () => {});
      const schedules = await boss.getSchedules();
      expect(schedules.find((schedule) => schedule.name === TASK_REMINDER_QUEUE)).toMatchObject({
        cron: TASK_REMINDER_CRON,
        timezone: "Europe/Stockholm",
      });
      const s = await setting(todayInSweden());
      await boss.send(TASK_REMINDER_QUEUE, {});
      const deadline = Date.now() + 20_000;
      while ((await mailOf(s.tasks, s.borasA)).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      expect((await mailOf(s.tasks, s.borasA)).map((m) => m.kind)).toEqual(["task_reminder"]);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  }, 30_000);
});
