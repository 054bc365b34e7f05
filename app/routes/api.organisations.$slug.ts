import { getOrganisationForApi } from "../models/public-api.server";
import { organisationEndpoint } from "../schemas/api/organisations.server";
import { apiLoader } from "../utils/api.server";

/** `GET /api/organisations/<slug>` (ADR 037): the public figures of /organisationer/<slug>. */
export const loader = apiLoader(organisationEndpoint, ({ params }, { origin }) => getOrganisationForApi({ slug: params.slug, origin }));
