import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { SurveyAnswerValue } from "../../db/schema";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { isAnswerOld, type ReuseKind, type SurveyAnswerType } from "../domain/surveys";
import { todayInSweden } from "../utils/dates";

/**
 * "Ask only what is not known" (issue 10, ADR 026): before a survey is sent, each question is
 * matched through the search port against the catalogue and against earlier answered questions
 * (indexed as documents of kind `answer`). Per question and municipality the sender sees an open
 * dataset that answers it, that municipality's earlier answer (old past the validity period), or
 * nothing. What was asked of the same municipality recently by another survey is listed too.
 * A module of app/ so the search engine stays out of the browser bundle.
 */

const MATCH_LIMIT = 20;

export interface ReuseCell {
  organisationId: string;
  kind: ReuseKind;
  dataset: { id: string; uri: string; title: string } | null;
  answer: {
    id: string;
    value: SurveyAnswerValue;
    answeredOn: string;
    surveyId: string;
    surveyTitle: string;
    questionText: string;
    old: boolean;
  } | null;
}

export interface QuestionReuse {
  questionId: string;
  cells: ReuseCell[];
  /** Other surveys that asked a matching question of some of the same organisations recently. */
  recentlyAsked: { surveyId: string; surveyTitle: string; sentOn: string; organisations: number }[];
}

export interface SurveyReusePlan {
  questions: QuestionReuse[];
  /** The search engine could not be asked: every question reads as new. */
  searchFailed: boolean;
}

function titleOf(map: Record<string, string>) {
  return map.sv ?? map[""] ?? map.en ?? Object.values(map)[0] ?? "";
}

/**
 * What the matcher finds for the question (one `match` through the search port, scored alike in
 * both engines): datasets, by the organisation each answers for (a region's answers for all), and
 * earlier answered questions; both over the match threshold.
 */
async function matchQuestion(text: string) {
  const match = await getSearchEngine().match(text, { limit: MATCH_LIMIT });
  const good = match.datasets.filter((d) => d.score >= match.threshold);
  const answeredQuestionIds = match.answers.filter((a) => a.score >= match.threshold).map((a) => a.id);
  if (good.length === 0) return { datasets: [], answeredQuestionIds };
  const rows = await db
    .selectFrom("datasets as d")
    .leftJoin("catalogue_sources as s", "s.id", "d.source_id")
    .leftJoin("organisations as o", (join) =>
      join.on(sql<boolean>`o.id = coalesce(d.publisher_organisation_id, s.publisher_organisation_id)`),
    )
    .select(["d.id", "d.uri", "d.title", "o.id as organisationId", "o.type as organisationType"])
    .where(
      "d.uri",
      "in",
      good.map((d) => d.uri),
    )
    .where("d.removed_at", "is", null)
    .execute();
  const order = new Map(good.map((d, i) => [d.uri, i]));
  const datasets = rows
    .filter((row) => row.organisationId)
    .sort((a, b) => (order.get(a.uri) ?? 0) - (order.get(b.uri) ?? 0))
    .map((row) => ({
      id: row.id,
      uri: row.uri,
      title: titleOf(row.title),
      organisationId: row.organisationId!,
      regional: row.organisationType === "region",
    }));
  return { datasets, answeredQuestionIds };
}

/** Of the matching earlier questions, those of other surveys with the same answer type (a number is not reused for a date). */
async function earlierQuestions(ids: string[], answerType: SurveyAnswerType, surveyId: string) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("survey_questions")
    .select("id")
    .where("id", "in", ids)
    .where("survey_id", "!=", surveyId)
    .where("answer_type", "=", answerType)
    .where("confidential", "=", false)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * The reuse plan of a survey as it is now: for each question and each target organisation, what
 * is already known. Computed afresh each time (the sender sees it before sending; sending reads
 * it again for the confirmed questions).
 */
export async function planSurveyReuse(input: { surveyId: string; today?: string }): Promise<SurveyReusePlan> {
  const today = input.today ?? todayInSweden();
  const survey = await db
    .selectFrom("surveys")
    .leftJoin("survey_settings", (join) => join.onTrue())
    .select(["surveys.id", "surveys.validity_months as validityMonths", "survey_settings.recently_asked_months as recentMonths"])
    .where("surveys.id", "=", input.surveyId)
    .executeTakeFirstOrThrow();
  const [questions, targets] = await Promise.all([
    db
      .selectFrom("survey_questions")
      .select(["id", "text", "answer_type as answerType"])
      .where("survey_id", "=", input.surveyId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("survey_targets")
      .innerJoin("organisations", "organisations.id", "survey_targets.organisation_id")
      .select(["organisations.id", "organisations.type"])
      .where("survey_targets.survey_id", "=", input.surveyId)
      .execute(),
  ]);
  const targetIds = targets.map((t) => t.id);
  let searchFailed = false;
  const plans: QuestionReuse[] = [];
  for (const question of questions) {
    const found = await matchQuestion(question.text).catch(() => {
      searchFailed = true;
      return null;
    });
    const datasets = found?.datasets ?? [];
    const earlierQuestionIds = await earlierQuestions(found?.answeredQuestionIds ?? [], question.answerType, survey.id);
    const answers =
      earlierQuestionIds.length && targetIds.length
        ? await db
            .selectFrom("survey_answers as a")
            .innerJoin("survey_questions as q", "q.id", "a.question_id")
            .innerJoin("surveys as s", "s.id", "a.survey_id")
            .select([
              "a.id",
              "a.organisation_id as organisationId",
              "a.value",
              sql<string>`to_char(a.answered_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`.as("answeredOn"),
              "s.id as surveyId",
              "s.title as surveyTitle",
              "q.text as questionText",
            ])
            .where("a.question_id", "in", earlierQuestionIds)
            .where("a.organisation_id", "in", targetIds)
            .orderBy("a.answered_at", "desc")
            .execute()
        : [];
    const latest = new Map<string, (typeof answers)[number]>();
    for (const answer of answers) if (!latest.has(answer.organisationId)) latest.set(answer.organisationId, answer);
    const regional = datasets.find((d) => d.regional);
    const cells: ReuseCell[] = targetIds.map((organisationId) => {
      const answer = latest.get(organisationId);
      const old = answer ? isAnswerOld(answer.answeredOn, today, survey.validityMonths) : false;
      const dataset = datasets.find((d) => d.organisationId === organisationId) ?? regional;
      const answerCell = answer ? { ...answer, old } : null;
      // A fresh answer of the municipality itself first, then open data, then an old answer.
      if (answerCell && !old) return { organisationId, kind: "earlier_answer", dataset: null, answer: answerCell };
      if (dataset)
        return { organisationId, kind: "open_data", dataset: { id: dataset.id, uri: dataset.uri, title: dataset.title }, answer: null };
      if (answerCell) return { organisationId, kind: "earlier_answer", dataset: null, answer: answerCell };
      return { organisationId, kind: "new", dataset: null, answer: null };
    });
    const recentlyAsked =
      earlierQuestionIds.length && targetIds.length && (survey.recentMonths ?? 0) > 0
        ? await db
            .selectFrom("survey_questions as q")
            .innerJoin("surveys as s", "s.id", "q.survey_id")
            .innerJoin("survey_targets as t", "t.survey_id", "s.id")
            .select([
              "s.id as surveyId",
              "s.title as surveyTitle",
              sql<string>`to_char(s.sent_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`.as("sentOn"),
              (eb) => eb.fn.count<string>("t.organisation_id").distinct().as("organisations"),
            ])
            .where("q.id", "in", earlierQuestionIds)
            .where("s.status", "!=", "draft")
            .where("t.organisation_id", "in", targetIds)
            .where(sql<boolean>`s.sent_at > now() - make_interval(months => ${survey.recentMonths ?? 0})`)
            .groupBy(["s.id", "s.title", "s.sent_at"])
            .orderBy("s.sent_at", "desc")
            .execute()
        : [];
    plans.push({
      questionId: question.id,
      cells,
      recentlyAsked: recentlyAsked.map((r) => ({ ...r, organisations: Number(r.organisations) })),
    });
  }
  return { questions: plans, searchFailed };
}
