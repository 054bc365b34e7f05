import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { loader } from "../../app/routes/_index";
import { todayInSweden } from "../../app/utils/dates";
import { createTestRequest } from "../factories/request";
import { createTestTasks } from "../factories/task";

/** A task's routing and outcome set as given (the days in Swedish time follow from the timestamps). */
async function settle(taskId: string, input: { routed: string; answered?: string; status: "answered" | "pending"; due: string }) {
  await db
    .updateTable("tasks")
    .set({
      status: input.status,
      created_at: new Date(`${input.routed}T09:00:00+01:00`),
      answered_at: input.answered ? new Date(`${input.answered}T14:00:00+01:00`) : null,
      due_date: input.due,
    })
    .where("id", "=", taskId)
    .execute();
}

describe("the home page's figures", () => {
  it("say what the database holds: requests answered from existing data, answers and their times, newest and most supported", async () => {
    const year = Number(todayInSweden().slice(0, 4));
    const thisYear = new Date(`${year}-03-02T10:00:00+01:00`);
    await createTestRequest({ title: "Badplatser", status: "answered_by_existing_data", answeredAt: thisYear, createdAt: thisYear });
    await createTestRequest({ title: "Laddplatser", status: "answered_by_existing_data", answeredAt: thisYear, createdAt: thisYear });
    // Answered last year: not this year's figure.
    await createTestRequest({ status: "answered_by_existing_data", answeredAt: new Date(`${year - 1}-06-01T10:00:00+02:00`) });
    await createTestRequest({ title: "Mest önskad", status: "open", votes: 7 });
    await createTestRequest({ title: "En röst", status: "open", votes: 1 });

    // Borås answers in 4 working days, in time; Skövde in 10, late; Mölndal has not answered and is overdue.
    const { tasks } = await createTestTasks({ kommunkoder: ["1490", "1496", "1481"], status: "open" });
    await settle(tasks["1490"].id, {
      routed: `${year - 1}-11-02`,
      answered: `${year - 1}-11-06`,
      status: "answered",
      due: `${year - 1}-11-20`,
    });
    await settle(tasks["1496"].id, {
      routed: `${year - 1}-11-02`,
      answered: `${year - 1}-11-16`,
      status: "answered",
      due: `${year - 1}-11-06`,
    });
    await settle(tasks["1481"].id, { routed: `${year - 1}-11-02`, status: "pending", due: `${year - 1}-11-20` });

    const page = await loader();

    const answeredThisYear = await db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("status", "=", "answered_by_existing_data")
      .where(sql<boolean>`extract(year FROM answered_at AT TIME ZONE 'Europe/Stockholm') = ${year}`)
      .executeTakeFirstOrThrow();
    expect(page.answeredByExistingData).toBe(Number(answeredThisYear.count));
    expect(page.answeredByExistingData).toBe(2);

    const answeredTasks = await db
      .selectFrom("tasks")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("status", "in", ["answered", "published", "not_held", "declined"])
      .executeTakeFirstOrThrow();
    expect(page.answerTimes.tasksAnswered).toBe(Number(answeredTasks.count));
    expect(page.answerTimes.municipalitiesAnswering).toBe(2);
    // One answer in time of three timed (two answers and one overdue task).
    expect(page.answerTimes.shareInTime).toBeCloseTo(1 / 3);
    expect(page.answerTimes.quickest).toEqual([
      { name: "Borås", slug: "boras", medianWorkingDays: 4, shareInTime: 1 },
      { name: "Skövde", slug: "skovde", medianWorkingDays: 10, shareInTime: 0 },
    ]);

    const newest = await db
      .selectFrom("requests")
      .select("number")
      .where("status", "not in", ["duplicate", "rejected", "withdrawn"])
      .orderBy("created_at", "desc")
      .limit(5)
      .execute();
    expect(page.newest.map((r) => r.number)).toEqual(newest.map((r) => r.number));
    expect(page.mostSupported.slice(0, 2).map((r) => [r.title, r.voteCount])).toEqual([
      ["Mest önskad", 7],
      ["En röst", 1],
    ]);
  });
});
