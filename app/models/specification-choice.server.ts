import { sql } from "kysely";
import { db } from "../../db/client.server";
import { getSearchEngine } from "../../search/engines/select-engine.server";
import { SearchUnavailableError } from "../../search/engines/engine";

/**
 * What a coordinator (in triage) or a survey's sender (in its editor) is offered as the
 * specification a request or question asks for (issue 14, ADR 042): the matcher's suggestions, with
 * why, and the register to pick another from. Suggestions only: linkRequestToSpecification and
 * linkSurveyQuestionToSpecification (specification.server.ts) are the person's decision.
 */

export interface SuggestedSpecification {
  id: string;
  name: string;
  version: string;
  /** How many of the matched (or linked) datasets declare it: the "why" shown beside it. */
  datasets: number;
}

/** How many datasets the matcher is asked for: enough to see a declaration, few enough to stay fast. */
const MATCHED_DATASETS = 10;
const MAX_SUGGESTIONS = 5;

/**
 * The specifications that the datasets matching the text (at or over the matcher's threshold) and
 * the datasets already linked declare, most declared first. One way for requests and questions.
 */
async function suggestForText(text: string, linkedDatasetIds: string[]): Promise<SuggestedSpecification[]> {
  // Suggestions are a help beside the form: with the search engine not answering, the linked datasets' alone.
  const result = await getSearchEngine()
    .match(text, { limit: MATCHED_DATASETS, kinds: ["dataset"] })
    .catch((error: unknown) => {
      if (error instanceof SearchUnavailableError) return null;
      throw error;
    });
  const matched = result ? result.datasets.filter((d) => d.score >= result.threshold).map((d) => d.uri) : [];
  if (matched.length === 0 && linkedDatasetIds.length === 0) return [];
  // Raw SQL: the families of the considered datasets' declarations, counted per specification, on
  // the GIN-indexed keys (ADR 042).
  const { rows } = await sql<SuggestedSpecification>`
    WITH considered AS (
      SELECT d.id, d.specification_keys FROM datasets d
      WHERE d.removed_at IS NULL AND cardinality(d.specification_keys) > 0
        AND (d.uri = ANY(${matched}::text[]) OR d.id = ANY(${linkedDatasetIds}::uuid[]))
    )
    SELECT s.id, s.name, s.version, count(c.id)::int AS datasets
    FROM specifications s JOIN considered c ON c.specification_keys @> ARRAY[specification_family(s.uri)]
    WHERE s.uri IS NOT NULL AND s.status <> 'retired'
    GROUP BY s.id, s.name, s.version
    ORDER BY datasets DESC, lower(s.name), s.version
    LIMIT ${MAX_SUGGESTIONS}`.execute(db);
  return rows;
}

/** A request's suggestions: its title and text matched, and the datasets already linked to it. */
export async function suggestSpecificationsForRequest(input: { requestId: string }) {
  const request = await db.selectFrom("requests").select(["id", "title", "body"]).where("id", "=", input.requestId).executeTakeFirst();
  if (!request) return [];
  const linked = await db.selectFrom("request_datasets").select("dataset_id").where("request_id", "=", request.id).execute();
  return suggestForText(
    `${request.title}. ${request.body}`,
    linked.map((l) => l.dataset_id),
  );
}

/** A survey question's suggestions: its text (and help text) matched as a request's would be. */
export async function suggestSpecificationsForQuestion(input: { questionId: string }) {
  const question = await db
    .selectFrom("survey_questions")
    .select(["text", "help_text"])
    .where("id", "=", input.questionId)
    .executeTakeFirst();
  if (!question) return [];
  return suggestForText([question.text, question.help_text].filter(Boolean).join(". "), []);
}

/**
 * The register a link may be chosen from: adopted and proposed specifications (a retired one is
 * refused), adopted first, by name; `query` keeps those whose name, version or address contain it.
 */
export async function listLinkableSpecifications(input: { query?: string } = {}) {
  const query = input.query?.trim() ?? "";
  const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom("specifications")
    .select(["id", "name", "version", "status"])
    .where("status", "!=", "retired")
    .$if(query !== "", (qb) =>
      qb.where((eb) => eb.or([eb("name", "ilike", pattern), eb("version", "ilike", pattern), eb("uri", "ilike", pattern)])),
    )
    .orderBy(sql`status = 'adopted'`, "desc")
    .orderBy(sql`lower(name)`)
    .orderBy("version")
    .execute();
}

async function specificationLabel(id: string | null) {
  if (id === null) return null;
  return (
    (await db.selectFrom("specifications").select(["id", "name", "version", "status"]).where("id", "=", id).executeTakeFirst()) ?? null
  );
}

/** The triage page's choice for one request: what it is linked to, the suggestions and the register. */
export async function getRequestSpecificationChoice(input: { requestId: string; query?: string }) {
  const request = await db.selectFrom("requests").select("specification_id").where("id", "=", input.requestId).executeTakeFirst();
  const [current, suggestions, register] = await Promise.all([
    specificationLabel(request?.specification_id ?? null),
    suggestSpecificationsForRequest({ requestId: input.requestId }),
    listLinkableSpecifications({ query: input.query }),
  ]);
  return { current, suggestions, register, query: input.query?.trim() ?? "" };
}

/**
 * The choice for each question of a survey (the sender's editor of a draft, the coordinators' page
 * of a sent survey): what it is linked to, by question id, and the register once for all. The
 * matcher is asked for the open question only (`openQuestionId`, the page's `?fraga=`): asking it
 * for every question on every view cost a 100-question draft 0.9 s a view over 100,000 datasets
 * (4 s the first time), one question 10–15 ms (ADR 042, 2026-12-01). The others' `suggestions` are
 * null, and the page links to them.
 */
export async function getSurveySpecificationChoices(input: { surveyId: string; query?: string; openQuestionId?: string }) {
  const questions = await db
    .selectFrom("survey_questions as q")
    .leftJoin("specifications as s", "s.id", "q.specification_id")
    .select(["q.id", "s.id as specificationId", "s.name", "s.version", "s.status"])
    .where("q.survey_id", "=", input.surveyId)
    .execute();
  const open = questions.find((q) => q.id === input.openQuestionId);
  const [suggestions, register] = await Promise.all([
    open ? suggestSpecificationsForQuestion({ questionId: open.id }) : Promise.resolve(null),
    listLinkableSpecifications({ query: input.query }),
  ]);
  const byQuestion = Object.fromEntries(
    questions.map((q) => [
      q.id,
      {
        current: q.specificationId ? { id: q.specificationId, name: q.name ?? "", version: q.version ?? "", status: q.status! } : null,
        suggestions: q === open ? suggestions : null,
      },
    ]),
  );
  return { byQuestion, register, query: input.query?.trim() ?? "" };
}

export type SpecificationChoice = Awaited<ReturnType<typeof getRequestSpecificationChoice>>;
