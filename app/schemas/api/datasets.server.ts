import { z } from "zod";
import { apiIssue } from "../../i18n/api-locale";
import { described, listParameter, pageOf, pagingQuery, type ApiEndpoint } from "./common.server";

/** `GET /api/datasets`: the catalogue search of `/datasets`, its facets and the same filters. */

const FACET_VALUE = apiIssue("api.facetValue", { max: 500 });
const FACET_VALUES = apiIssue("api.facetValues", { max: 50 });
const facetFilter = (key: Parameters<typeof described>[0]) =>
  listParameter(z.string().trim().min(1, FACET_VALUE).max(500, FACET_VALUE), 50, FACET_VALUES).meta(described(key));

export const datasetsQuery = z.object({
  q: z
    .string()
    .max(1000, apiIssue("api.qTooLong", { max: 1000 }))
    .default("")
    .meta(described("apiDoc.datasets.param.q")),
  publisher: facetFilter("apiDoc.datasets.param.publisher"),
  theme: facetFilter("apiDoc.datasets.param.theme"),
  format: facetFilter("apiDoc.datasets.param.format"),
  specification: facetFilter("apiDoc.datasets.param.specification"),
  ...pagingQuery,
});

const facetCounts = z.array(z.object({ value: z.string(), count: z.int().min(0) }));
const specificationCounts = z.array(
  z.object({
    value: z.string(),
    count: z.int().min(0),
    label: z.string().optional().meta(described("apiDoc.datasets.field.specificationLabel")),
  }),
);

export const datasetSummary = z
  .object({
    id: z.uuid(),
    uri: z.string().nullable().meta(described("apiDoc.datasets.field.uri")),
    title: z.string(),
    publisher: z.string().nullable(),
    url: z.url().meta(described("apiDoc.field.url")),
  })
  .meta({ id: "DatasetSummary" });

export const datasetsResponse = pageOf(datasetSummary, "DatasetPage", {
  facets: z
    .object({ publisher: facetCounts, theme: facetCounts, format: facetCounts, specification: specificationCounts })
    .meta(described("apiDoc.datasets.field.facets")),
});

export const datasetsEndpoint = {
  path: "/api/datasets",
  id: "listDatasets",
  summary: "apiDoc.datasets.summary",
  description: "apiDoc.datasets.description",
  query: datasetsQuery,
  params: null,
  response: datasetsResponse,
  mayBeMissing: false,
  usesSearchEngine: true,
} satisfies ApiEndpoint;
