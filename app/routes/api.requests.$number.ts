import { getRequestForApi } from "../models/public-api.server";
import { requestEndpoint } from "../schemas/api/requests.server";
import { apiLoader } from "../utils/api.server";

/** `GET /api/requests/<number>` (ADR 037): a request as its public page shows a visitor. */
export const loader = apiLoader(requestEndpoint, ({ params }, { origin }) => getRequestForApi({ requestNumber: params.number, origin }));
