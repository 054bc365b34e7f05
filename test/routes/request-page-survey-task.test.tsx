import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import * as requestPage from "../../app/routes/requests.$number/route";
import { TaskTable } from "../../app/routes/requests.$number/request-facts";
import { answerSurveyTask } from "../../app/models/survey-answer.server";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { renderInRoot } from "../support/render-component";
import { pageRequest, runWithStatus } from "../support/route-request";

/**
 * A municipality that answered every question of a survey has answered its task; the request's
 * page says so in the reader's language (it once showed a Swedish sentence stored with the task).
 */
describe("a survey's request page", () => {
  it("says that a municipality's survey questions are answered, in Swedish or in English", async () => {
    const { tasks, questionIds, requestId } = await createTestSurvey({ send: true, questions: [testQuestion()] });
    const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
    await answerSurveyTask({ actor: responder, taskId: tasks["1490"]!, answers: { [questionIds[0]!]: "12" } });
    const { number } = await db.selectFrom("requests").select("number").where("id", "=", requestId!).executeTakeFirstOrThrow();
    const path = `/requests/${number}`;
    const page = await runWithStatus(requestPage.loader, { ...pageRequest(path, {}), params: { number: String(number) } });
    const data = page.data as Awaited<ReturnType<typeof requestPage.loader>>;

    const swedish = await renderInRoot(() => <TaskTable data={data} />, "sv");
    const english = await renderInRoot(() => <TaskTable data={data} />, "en");
    expect(swedish).toContain("Enkätens frågor är besvarade.");
    expect(english).toContain("The survey&#x27;s questions are answered.");
    expect(english).not.toContain("besvarade");
  });
});
