import { describe, expect, it } from "vitest";
import { db } from "../../../db/client.server";
import { up } from "../../../db/migrations/2026-12-08T1000_survey-task-text";
import { createTestSurvey } from "../../factories/survey";
import { createTestTasks } from "../../factories/task";

const answerText = async (id: string) =>
  (await db.selectFrom("tasks").select("answer_text").where("id", "=", id).executeTakeFirstOrThrow()).answer_text;

describe("the migration that clears the Swedish sentence of answered survey tasks", () => {
  it("clears the sentence on a survey's task, and leaves a survey's other text and a data request's answer as written", async () => {
    const { tasks } = await createTestSurvey({ send: true });
    // As survey tasks answered before the fix were stored.
    await db
      .updateTable("tasks")
      .set({ status: "answered", answer_text: "Enkätens 3 frågor är besvarade." })
      .where("id", "=", tasks["1490"]!)
      .execute();
    await db.updateTable("tasks").set({ status: "answered", answer_text: "Se bifogad fil." }).where("id", "=", tasks["1496"]!).execute();
    const dataRequest = await createTestTasks({ kommunkoder: ["1490"], taskStatus: "answered" });
    await db
      .updateTable("tasks")
      .set({ answer_text: "Enkätens 3 frågor är besvarade." })
      .where("id", "=", dataRequest.tasks["1490"]!.id)
      .execute();

    await up(db);

    expect(await answerText(tasks["1490"]!)).toBeNull();
    expect(await answerText(tasks["1496"]!)).toBe("Se bifogad fil.");
    expect(await answerText(dataRequest.tasks["1490"]!.id)).toBe("Enkätens 3 frågor är besvarade.");
  });
});
