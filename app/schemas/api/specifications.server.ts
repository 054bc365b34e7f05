import { z } from "zod";
import { specificationOrigins, specificationStatuses } from "../../domain/specifications";
import { described, pageOf, pagingQuery, type ApiEndpoint } from "./common.server";

/** `GET /api/specifications` (issue 14): the register, with demand and coverage over the 49 municipalities. */

export const specificationsQuery = z.object({ ...pagingQuery });

const count = z.int().min(0);

export const specificationSummary = z
  .object({
    id: z.uuid(),
    uri: z.string().nullable().meta(described("apiDoc.specifications.field.uri")),
    name: z.string(),
    version: z.string(),
    status: z.enum(specificationStatuses),
    origin: z.enum(specificationOrigins),
    demand: z
      .object({ requests: count, surveyQuestions: count, requesters: count, organisations: count, votes: count, followers: count })
      .meta(described("apiDoc.specifications.field.demand")),
    coverage: z
      .object({ conforming: count, nonConforming: count, none: count })
      .nullable()
      .meta(described("apiDoc.specifications.field.coverage")),
    benefitSummary: z.string().nullable().meta(described("apiDoc.specifications.field.benefitSummary")),
    url: z.url().meta(described("apiDoc.field.url")),
  })
  .meta({ id: "Specification" });

export const specificationsEndpoint = {
  path: "/api/specifications",
  id: "listSpecifications",
  summary: "apiDoc.specifications.summary",
  description: "apiDoc.specifications.description",
  query: specificationsQuery,
  params: null,
  response: pageOf(specificationSummary, "SpecificationPage"),
  mayBeMissing: false,
  usesSearchEngine: false,
} satisfies ApiEndpoint;
