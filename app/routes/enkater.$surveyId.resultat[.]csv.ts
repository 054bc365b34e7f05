import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { listSurveyAnswers } from "../models/survey-results.server";
import { surveyIdParam } from "../schemas/survey.server";
import { csvResponse, toCsv } from "../utils/csv";
import { headersOf, surveyCsvColumns } from "../utils/csv-columns";
import { invariantResponse } from "../utils/http.server";
import { formatSurveyValue } from "../utils/survey-format";

/**
 * /enkater/<id>/resultat.csv: every answer the reader may see, one row each, with where it came
 * from (typed, a reused earlier answer, open data) — the reused ones marked in their own column.
 * Swedish header and values, as Swedish Excel opens them (app/utils/csv.ts).
 */
const HEADER = headersOf(surveyCsvColumns);
const SOURCE = { typed: "besvarad", reused_answer: "tidigare svar", open_data: "öppna data" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const parsed = surveyIdParam.safeParse(params.surveyId);
  const surveyId = invariantResponse(parsed.success ? parsed.data : undefined, 404);
  const readsAll = user ? can(toActor(user), "triage:request:any") : false;
  const read = invariantResponse(await listSurveyAnswers({ surveyId, viewer: { userId: user?.id ?? null, readsAll } }), 404);
  // A draft, or a survey not yet closed for a reader who is neither its sender nor a coordinator: nothing to see.
  if (!read.access.visible) invariantResponse(null, 404);
  const rows = read.answers.map((a) => [
    a.organisationName,
    a.kommunkod,
    a.number,
    a.questionText,
    formatSurveyValue(a.value, { yes: "ja", no: "nej", locale: "sv" }),
    SOURCE[a.source],
    a.source === "typed" ? "nej" : "ja",
    a.datasetUri,
    a.answeredOn,
  ]);
  return csvResponse("enkat.csv", toCsv(HEADER, rows));
}
