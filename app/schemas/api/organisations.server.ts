import { z } from "zod";
import { apiIssue } from "../../i18n/api-locale";
import { described, languageMap, type ApiEndpoint } from "./common.server";

/** `GET /api/organisations/{slug}`: the public figures of `/organisationer/<slug>`. */

export const organisationParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/, apiIssue("api.slug"))
    .meta(described("apiDoc.organisation.param.slug")),
});

export const organisationDetail = z
  .object({
    slug: z.string(),
    name: z.string(),
    type: z.string(),
    kommunkod: z.string().nullable(),
    figures: z
      .object({
        open: z.int().min(0),
        overdue: z.int().min(0),
        answered: z.int().min(0),
        notHeld: z.int().min(0),
        declined: z.int().min(0),
        answeredInTime: z.int().min(0),
        timed: z.int().min(0),
        shareInTime: z.number().min(0).max(1).nullable(),
        medianWorkingDays: z.number().nullable(),
        datasets: z.int().min(0),
      })
      .meta({ id: "OrganisationFigures", ...described("apiDoc.organisation.field.figures") }),
    linkedDatasets: z
      .array(
        z.object({
          id: z.uuid().nullable(),
          uri: z.string().nullable(),
          title: languageMap.nullable(),
          requestNumber: z.int(),
          url: z.url().nullable(),
        }),
      )
      .meta(described("apiDoc.organisation.field.linkedDatasets")),
    requestsApiUrl: z.url().nullable().meta(described("apiDoc.organisation.field.requestsApiUrl")),
    url: z.url().meta(described("apiDoc.field.url")),
  })
  .meta({ id: "Organisation" });

export const organisationEndpoint = {
  path: "/api/organisations/{slug}",
  id: "getOrganisation",
  summary: "apiDoc.organisation.summary",
  description: "apiDoc.organisation.description",
  query: z.object({}),
  params: organisationParams,
  response: organisationDetail,
  mayBeMissing: true,
  usesSearchEngine: false,
} satisfies ApiEndpoint;
