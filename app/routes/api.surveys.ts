import { listSurveysForApi } from "../models/public-api.server";
import { surveysEndpoint } from "../schemas/api/surveys.server";
import { apiLoader } from "../utils/api.server";

/** `GET /api/surveys` (ADR 037): sent and closed surveys, paged. */
export const loader = apiLoader(surveysEndpoint, ({ query }, { origin }) =>
  listSurveysForApi({ status: query.status, page: query.page, pageSize: query.pageSize, origin }),
);
