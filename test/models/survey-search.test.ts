import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchEngine } from "../../search/engines/engine";
import { reindexAll } from "../../search/indexing/reindex.server";
import { answerSurveyTask } from "../../app/models/survey-answer.server";
import { createTestSurvey, testQuestion } from "../factories/survey";
import { actorOf } from "../factories/task";
import { createTestUser } from "../factories/user";
import { availableEngines } from "../support/search-engines";

/**
 * Answered survey questions are documents of their own kind (`answer`) in every engine: the
 * built-in one always, Meilisearch when MEILI_URL reaches a server. A question nobody answered
 * yet, and a confidential one, are not in the index.
 */
let ids: { staff: string; unanswered: string; confidential: string };

beforeAll(async () => {
  const survey = await createTestSurvey({
    send: true,
    kommunkoder: ["1490"],
    questions: [
      testQuestion({ text: "Hur många anställda har kommunen?" }),
      testQuestion({ text: "Hur många badplatser har kommunen?" }),
      testQuestion({ text: "Hur många skyddade boenden har kommunen?", confidential: true }),
    ],
  });
  const responder = await actorOf(await createTestUser({ role: "responder", kommunkod: "1490" }));
  await answerSurveyTask({
    actor: responder,
    taskId: survey.tasks["1490"],
    answers: { [survey.questionIds[0]]: "4 000", [survey.questionIds[2]]: "2" },
  });
  ids = { staff: survey.questionIds[0], unanswered: survey.questionIds[1], confidential: survey.questionIds[2] };
});

for (const { name, create, skip, dispose } of availableEngines("survey answer")) {
  if (skip) console.warn(`[survey answers] ${name}: ${skip}`);
  (skip ? describe.skip : describe)(`survey answers in the index: ${name}`, () => {
    let engine: SearchEngine;
    beforeAll(async () => {
      engine = create();
      const counts = await reindexAll(engine);
      expect(counts.answers).toBe(1);
    });
    afterAll(dispose);

    it("finds an answered question by the words of a new one (search and match), and only answered, open questions", async () => {
      const result = await engine.search({ text: "Antal anställda i kommunen", kind: "answer" });
      expect(result.hits.map((hit) => hit.entityId)).toContain(ids.staff);
      const all = await engine.search({ text: "", kind: "answer", pageSize: 100 });
      expect(all.hits.map((hit) => hit.entityId)).toEqual([ids.staff]);
      // The matcher scores them as it scores datasets: over the threshold for the same question reworded.
      const match = await engine.match("Antal anställda i kommunen");
      expect(match.answers[0]).toMatchObject({ id: ids.staff, title: "Hur många anställda har kommunen?" });
      expect(match.answers[0].score).toBeGreaterThanOrEqual(match.threshold);
      expect(match.answers.map((a) => a.id)).not.toContain(ids.confidential);
      // Answer documents do not mix into the dataset search.
      const datasets = await engine.search({ text: "anställda", kind: "dataset" });
      expect(datasets.hits.map((hit) => hit.entityId)).not.toContain(ids.staff);
    });
  });
}
