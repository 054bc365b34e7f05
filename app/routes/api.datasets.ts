import { listDatasetsForApi } from "../models/public-api.server";
import { datasetsEndpoint } from "../schemas/api/datasets.server";
import { apiLoader } from "../utils/api.server";

/** `GET /api/datasets?q=…` (DESIGN.md, "Contracts"; ADR 037): the catalogue search of /datasets, paged, with its facets. */
export const loader = apiLoader(datasetsEndpoint, ({ query }, { origin }) =>
  listDatasetsForApi({
    text: query.q,
    filters: { publisher: query.publisher, theme: query.theme, format: query.format, specification: query.specification },
    page: query.page,
    pageSize: query.pageSize,
    origin,
  }),
);
