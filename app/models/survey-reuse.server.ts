import { createHash } from "node:crypto";
import { sql } from "kysely";
import { db } from "../../db/client.server";
import type { SurveyAnswerValue } from "../../db/schema";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { answerFitsQuestion, isAnswerOld, surveyStatusOf, type ReuseKind, type SurveyAnswerType } from "../domain/surveys";
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

/** The matches asked at once: the search engine's work is CPU and PostgreSQL time, so a few at a time keep both busy. */
const MATCH_CONCURRENCY = 4;

/**
 * What the matcher finds for the question (one `match` through the search port, scored alike in
 * both engines): the datasets and earlier answered questions over the match threshold, best first.
 */
async function matchQuestion(text: string) {
  // Earlier requests are not reused: only datasets and answered questions are asked for.
  const match = await getSearchEngine().match(text, { limit: MATCH_LIMIT, kinds: ["dataset", "answer"] });
  return {
    datasetUris: match.datasets.filter((d) => d.score >= match.threshold).map((d) => d.uri),
    answeredQuestionIds: match.answers.filter((a) => a.score >= match.threshold).map((a) => a.id),
  };
}

/** `work` over the items, at most `limit` at once, the results in the items' order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The matched datasets, by URI: the organisation each answers for (a region's answers for all). */
async function datasetsByUri(uris: string[]) {
  if (uris.length === 0) return new Map<string, { id: string; uri: string; title: string; organisationId: string; regional: boolean }>();
  const rows = await db
    .selectFrom("datasets as d")
    .leftJoin("catalogue_sources as s", "s.id", "d.source_id")
    .leftJoin("organisations as o", (join) =>
      join.on(sql<boolean>`o.id = coalesce(d.publisher_organisation_id, s.publisher_organisation_id)`),
    )
    .select(["d.id", "d.uri", "d.title", "o.id as organisationId", "o.type as organisationType"])
    .where("d.uri", "in", uris)
    .where("d.removed_at", "is", null)
    .execute();
  return new Map(
    rows
      .filter((row) => row.organisationId)
      .map((row) => [
        row.uri,
        {
          id: row.id,
          uri: row.uri,
          title: titleOf(row.title),
          organisationId: row.organisationId!,
          regional: row.organisationType === "region",
        },
      ]),
  );
}

/**
 * Of the matching earlier questions, those of other surveys that may be named, with their answer
 * type (a number is not reused for a date) and whether their answers may be reused (ADR 026): a
 * survey's results are its sender's and the coordinators' until it closes, so another sender
 * reuses only a closed survey's answers (a survey whose request a coordinator closed counts as
 * closed, as its results page says); the sender reuses their own surveys' answers at any time.
 * A confidential question is never offered (nor indexed).
 */
async function earlierQuestions(ids: string[], survey: { id: string; senderUserId: string | null }) {
  if (ids.length === 0) return new Map<string, { answerType: SurveyAnswerType; reusable: boolean }>();
  const rows = await db
    .selectFrom("survey_questions as q")
    .innerJoin("surveys as s", "s.id", "q.survey_id")
    .leftJoin("requests as r", "r.id", "s.request_id")
    .select(["q.id", "q.answer_type as answerType", "s.status", "s.sender_user_id as senderUserId", "r.status as requestStatus"])
    .where("q.id", "in", ids)
    .where("q.survey_id", "!=", survey.id)
    .where("q.confidential", "=", false)
    .execute();
  return new Map(
    rows.map((row) => [
      row.id,
      {
        answerType: row.answerType,
        reusable:
          surveyStatusOf(row.status, row.requestStatus) === "closed" ||
          (survey.senderUserId !== null && row.senderUserId === survey.senderUserId),
      },
    ]),
  );
}

/**
 * The reuse plan of a survey as it is now: for each question and each target organisation, what
 * is already known. Computed afresh each time (the sender sees it before sending; sending reads
 * it again for the confirmed questions). The questions are matched a few at a time; what the
 * database holds about all their matches is then read in one query per kind, not one per question
 * (benchmarked in test/bench/survey-reuse.ts: 30 questions against 100,000 earlier answers).
 */
export async function planSurveyReuse(input: { surveyId: string; today?: string }): Promise<SurveyReusePlan> {
  const today = input.today ?? todayInSweden();
  const survey = await db
    .selectFrom("surveys")
    .leftJoin("survey_settings", (join) => join.onTrue())
    .select([
      "surveys.id",
      "surveys.sender_user_id as senderUserId",
      "surveys.validity_months as validityMonths",
      "survey_settings.recently_asked_months as recentMonths",
    ])
    .where("surveys.id", "=", input.surveyId)
    .executeTakeFirstOrThrow();
  const [questions, targets] = await Promise.all([
    db
      .selectFrom("survey_questions")
      .select(["id", "text", "answer_type as answerType", "choices"])
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
  const found = await mapLimited(questions, MATCH_CONCURRENCY, (question) =>
    matchQuestion(question.text).catch(() => {
      searchFailed = true;
      return { datasetUris: [], answeredQuestionIds: [] };
    }),
  );

  const [datasets, earlier] = await Promise.all([
    datasetsByUri([...new Set(found.flatMap((f) => f.datasetUris))]),
    earlierQuestions([...new Set(found.flatMap((f) => f.answeredQuestionIds))], survey),
  ]);
  // Per question: the earlier questions of its own answer type; of those, the ones whose answers may be reused.
  const earlierIdsOf = questions.map((question, i) =>
    found[i].answeredQuestionIds.filter((id) => earlier.get(id)?.answerType === question.answerType),
  );
  const reusableIdsOf = earlierIdsOf.map((ids) => ids.filter((id) => earlier.get(id)?.reusable));
  const allEarlierIds = [...new Set(earlierIdsOf.flat())];
  const allReusableIds = [...new Set(reusableIdsOf.flat())];
  const recentMonths = survey.recentMonths ?? 0;
  const [answers, recent] =
    allEarlierIds.length && targetIds.length
      ? await Promise.all([
          allReusableIds.length
            ? db
                .selectFrom("survey_answers as a")
                .innerJoin("survey_questions as q", "q.id", "a.question_id")
                .innerJoin("surveys as s", "s.id", "a.survey_id")
                .select([
                  "a.id",
                  "a.question_id as questionId",
                  "a.organisation_id as organisationId",
                  "a.value",
                  sql<string>`to_char(a.answered_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`.as("answeredOn"),
                  "s.id as surveyId",
                  "s.title as surveyTitle",
                  "q.text as questionText",
                ])
                .where("a.question_id", "in", allReusableIds)
                .where("a.organisation_id", "in", targetIds)
                .orderBy("a.answered_at", "desc")
                .orderBy("a.id")
                .execute()
            : Promise.resolve([]),
          recentMonths > 0
            ? db
                .selectFrom("survey_questions as q")
                .innerJoin("surveys as s", "s.id", "q.survey_id")
                .innerJoin("survey_targets as t", "t.survey_id", "s.id")
                .select([
                  "q.id as questionId",
                  "s.id as surveyId",
                  "s.title as surveyTitle",
                  "s.sent_at as sentAt",
                  sql<string>`to_char(s.sent_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD')`.as("sentOn"),
                  sql<string[]>`array_agg(t.organisation_id)`.as("organisations"),
                ])
                .where("q.id", "in", allEarlierIds)
                .where("s.status", "!=", "draft")
                .where("t.organisation_id", "in", targetIds)
                .where(sql<boolean>`s.sent_at > now() - make_interval(months => ${recentMonths})`)
                .groupBy(["q.id", "s.id", "s.title", "s.sent_at"])
                .execute()
            : Promise.resolve([]),
        ])
      : [[], []];

  const recentOf = new Map<string, typeof recent>();
  for (const row of recent) recentOf.set(row.questionId, [...(recentOf.get(row.questionId) ?? []), row]);

  const plans: QuestionReuse[] = questions.map((question, i) => {
    const matched = found[i].datasetUris.flatMap((uri) => datasets.get(uri) ?? []);
    // Each organisation's newest answer to any of the matching questions.
    const latest = new Map<string, (typeof answers)[number]>();
    // `answers` is newest first, so the first of an organisation is its latest.
    const ids = new Set(reusableIdsOf[i]);
    const candidates = answers.filter((answer) => ids.has(answer.questionId));
    for (const answer of candidates) if (!latest.has(answer.organisationId)) latest.set(answer.organisationId, answer);
    const regional = matched.find((d) => d.regional);
    const cells: ReuseCell[] = targetIds.map((organisationId) => {
      // The organisation's latest answer, when this question could take it (a choice it still offers).
      const latestAnswer = latest.get(organisationId);
      const answer = latestAnswer && answerFitsQuestion(question, latestAnswer.value) ? latestAnswer : undefined;
      const old = answer ? isAnswerOld(answer.answeredOn, today, survey.validityMonths) : false;
      const dataset = matched.find((d) => d.organisationId === organisationId) ?? regional;
      const answerCell = answer
        ? {
            id: answer.id,
            value: answer.value,
            answeredOn: answer.answeredOn,
            surveyId: answer.surveyId,
            surveyTitle: answer.surveyTitle,
            questionText: answer.questionText,
            old,
          }
        : null;
      // A fresh answer of the municipality itself first, then open data, then an old answer.
      if (answerCell && !old) return { organisationId, kind: "earlier_answer", dataset: null, answer: answerCell };
      if (dataset)
        return { organisationId, kind: "open_data", dataset: { id: dataset.id, uri: dataset.uri, title: dataset.title }, answer: null };
      if (answerCell) return { organisationId, kind: "earlier_answer", dataset: null, answer: answerCell };
      return { organisationId, kind: "new", dataset: null, answer: null };
    });
    // Other surveys that asked a matching question of some of the same organisations recently, newest first.
    const bySurvey = new Map<
      string,
      { surveyId: string; surveyTitle: string; sentOn: string; sentAt: Date | null; organisations: Set<string> }
    >();
    for (const row of earlierIdsOf[i].flatMap((id) => recentOf.get(id) ?? [])) {
      const entry = bySurvey.get(row.surveyId) ?? { ...row, organisations: new Set<string>() };
      for (const organisationId of row.organisations) entry.organisations.add(organisationId);
      bySurvey.set(row.surveyId, entry);
    }
    const recentlyAsked = [...bySurvey.values()]
      .sort((a, b) => (b.sentAt?.getTime() ?? 0) - (a.sentAt?.getTime() ?? 0))
      .map((r) => ({ surveyId: r.surveyId, surveyTitle: r.surveyTitle, sentOn: r.sentOn, organisations: r.organisations.size }));
    return { questionId: question.id, cells, recentlyAsked };
  });
  return { questions: plans, searchFailed };
}

/**
 * What a plan offers, as one short string: each cell's question, organisation, kind and what it
 * would reuse (the earlier answer or the dataset), in a fixed order. The send page carries the
 * fingerprint of the plan it showed, and sending refuses when the plan computed then differs, so
 * nothing the sender never saw (an answer indexed since) is reused on a question they confirmed.
 */
export function reusePlanFingerprint(plan: SurveyReusePlan): string {
  const lines = plan.questions
    .flatMap((question) =>
      question.cells.map((cell) =>
        [question.questionId, cell.organisationId, cell.kind, cell.answer?.id ?? cell.dataset?.id ?? ""].join(" "),
      ),
    )
    .sort();
  return createHash("sha256").update(lines.join("\n")).digest("base64url");
}
