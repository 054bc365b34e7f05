import { listSpecificationSummaries } from "../models/specification-coverage.server";
import { specificationsEndpoint } from "../schemas/api/specifications.server";
import { apiLoader } from "../utils/api.server";

/** `GET /api/specifications` (issue 14, ADR 037's paging and caching): the register with demand and coverage. */
export const loader = apiLoader(specificationsEndpoint, ({ query }, { origin }) => listSpecificationSummaries({ ...query, origin }));
