import { datasetsEndpoint } from "./datasets.server";
import { organisationEndpoint } from "./organisations.server";
import { requestEndpoint, requestsEndpoint } from "./requests.server";
import { specificationsEndpoint } from "./specifications.server";
import { surveyEndpoint, surveysEndpoint } from "./surveys.server";
import { timeSavedEndpoint } from "./time-saved.server";

/** Every JSON endpoint of the public API, in the order the API page and the OpenAPI document list them. */
export const apiEndpoints = [
  datasetsEndpoint,
  requestsEndpoint,
  requestEndpoint,
  surveysEndpoint,
  surveyEndpoint,
  organisationEndpoint,
  specificationsEndpoint,
  timeSavedEndpoint,
] as const;
