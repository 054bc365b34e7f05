import { getSurveyForApi } from "../models/public-api.server";
import { surveyEndpoint } from "../schemas/api/surveys.server";
import { apiLoader } from "../utils/api.server";

/** `GET /api/surveys/<id>` (ADR 037): questions, and once closed the public answers (never a confidential question's). */
export const loader = apiLoader(surveyEndpoint, ({ params }, { origin }) => getSurveyForApi({ surveyId: params.id, origin }));
