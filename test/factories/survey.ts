import { db } from "../../db/client.server";
import { addQuestion, createSurvey, setSurveyTargets, type QuestionInput } from "../../app/models/survey.server";
import { sendSurvey } from "../../app/models/survey-send.server";
import { actorOf } from "./task";
import { createTestUser, getMunicipality } from "./user";

export const testQuestion = (extra: Partial<QuestionInput> = {}): QuestionInput => ({
  text: "Hur många anställda har kommunen?",
  answerType: "number",
  unit: "personer",
  helpText: null,
  choices: [],
  estimatedMinutes: 30,
  confidential: false,
  ...extra,
});

/**
 * A survey made through the builder's commands: a draft of the sender (a new requester unless
 * given) with the questions, asking the municipalities by kommunkod; sent when asked, which routes
 * its tasks. Returns the ids, and the task of each municipality by kommunkod once sent.
 */
export async function createTestSurvey(
  input: { senderId?: string; questions?: QuestionInput[]; kommunkoder?: string[]; send?: boolean; title?: string } = {},
) {
  const sender = await actorOf(input.senderId ? { id: input.senderId } : await createTestUser());
  const { surveyId } = await createSurvey({
    actor: sender,
    details: { title: input.title ?? "Personal i kommunerna", purpose: "Statistik", legalBasis: null, deadlineWorkingDays: 10 },
  });
  const questionIds: string[] = [];
  for (const question of input.questions ?? [testQuestion()])
    questionIds.push((await addQuestion({ actor: sender, surveyId, question })).questionId);
  const kommunkoder = input.kommunkoder ?? ["1490", "1496"];
  const organisations = await Promise.all(kommunkoder.map(getMunicipality));
  await setSurveyTargets({ actor: sender, surveyId, targets: { targetScope: "chosen", organisationIds: organisations.map((o) => o.id) } });
  if (!input.send) return { sender, surveyId, questionIds, tasks: {} as Record<string, string>, requestId: null };
  const sent = await sendSurvey({ actor: sender, surveyId });
  const rows = await db
    .selectFrom("tasks")
    .innerJoin("organisations", "organisations.id", "tasks.organisation_id")
    .select(["tasks.id", "organisations.kommunkod"])
    .where("tasks.request_id", "=", sent.requestId)
    .execute();
  return { sender, surveyId, questionIds, tasks: Object.fromEntries(rows.map((r) => [r.kommunkod!, r.id])), requestId: sent.requestId };
}
