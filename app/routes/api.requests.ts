import { listRequestsForApi } from "../models/public-api.server";
import { requestsEndpoint } from "../schemas/api/requests.server";
import { apiLoader } from "../utils/api.server";

/**
 * `GET /api/requests`: the public register as JSON, paged like every list of the API (DESIGN.md,
 * "Contracts"; ADR 037). The requester appears only as they chose to be shown, never by e-mail.
 */
export const loader = apiLoader(requestsEndpoint, ({ query }, { origin }) =>
  listRequestsForApi({
    text: query.q,
    statuses: query.status,
    kommunkoder: query.kommunkod,
    kinds: query.kind,
    tags: query.tag,
    sort: query.sort,
    page: query.page,
    pageSize: query.pageSize,
    origin,
  }),
);
