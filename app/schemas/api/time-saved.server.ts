import { z } from "zod";
import { apiIssue } from "../../i18n/api-locale";
import { described, type ApiEndpoint } from "./common.server";

/** `GET /api/reports/time-saved` (ADR 025) and its `.csv`: the time-saved report's totals, in minutes. */

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;
const YEAR = apiIssue("api.year", { min: MIN_YEAR, max: MAX_YEAR });

export const timeSavedQuery = z.object({
  year: z.coerce
    .number({ error: YEAR })
    .int(YEAR)
    .min(MIN_YEAR, YEAR)
    .max(MAX_YEAR, YEAR)
    .optional()
    .meta(described("apiDoc.timeSaved.param.year")),
});

const figures = {
  answers: z.int().meta(described("apiDoc.timeSaved.field.answers")),
  minutes: z.number().meta(described("apiDoc.timeSaved.field.minutes")),
  minutesLow: z.number(),
  minutesHigh: z.number(),
};

export const timeSavedReport = z
  .object({
    unit: z.literal("minutes"),
    year: z.int().nullable(),
    totals: z.object(figures),
    byMonth: z.array(z.object({ month: z.string(), ...figures })),
    byQuarter: z.array(z.object({ quarter: z.string(), ...figures })),
    byYear: z.array(z.object({ year: z.int(), ...figures })),
    byOrganisation: z.array(
      z.object({ slug: z.string(), name: z.string(), kommunkod: z.string().nullable(), type: z.string(), ...figures }),
    ),
    byReason: z.array(z.object({ reason: z.string(), ...figures })),
    byRequester: z.array(z.object({ requesterType: z.string(), requesterOrganisation: z.string().nullable(), ...figures })),
    topDatasets: z.array(
      z.object({ uri: z.string(), title: z.string(), publisher: z.string().nullable(), answers: z.int(), minutes: z.number() }),
    ),
    csvUrl: z.url().meta(described("apiDoc.timeSaved.field.csvUrl")),
  })
  .meta({ id: "TimeSavedReport" });

export const timeSavedEndpoint = {
  path: "/api/reports/time-saved",
  id: "getTimeSavedReport",
  summary: "apiDoc.timeSaved.summary",
  description: "apiDoc.timeSaved.description",
  query: timeSavedQuery,
  params: null,
  response: timeSavedReport,
  mayBeMissing: false,
  usesSearchEngine: false,
} satisfies ApiEndpoint;
