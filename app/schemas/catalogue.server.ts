import { z } from "zod";
import { isStorableUrlLength } from "../utils/urls";

const schedule = z.enum(["manual", "daily"], "errors.scheduleInvalid");

export const createSourceSchema = z.object({
  intent: z.literal("create"),
  name: z.string().trim().min(1, "errors.sourceNameRequired").max(200, "errors.sourceNameRequired"),
  location: z
    .string()
    .trim()
    .refine(isStorableUrlLength, "errors.sourceUrlInvalid")
    .refine((value) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value) && URL.canParse(value), "errors.sourceUrlInvalid"),
  kind: z.enum(["dcat", "ckan"], "errors.kindInvalid"),
  schedule,
  publisherOrganisationId: z.union([z.literal(""), z.uuid()]).transform((v) => v || null),
});

export const runSourceSchema = z.object({ intent: z.literal("run"), sourceId: z.uuid() });

export const scheduleSourceSchema = z.object({ intent: z.literal("schedule"), schedule });

export const heldRunSchema = z.object({ intent: z.enum(["confirm", "discard"]), runId: z.uuid() });

export const removalThresholdSchema = z.object({
  intent: z.literal("threshold"),
  percent: z.coerce
    .number("errors.thresholdInvalid")
    .int("errors.thresholdInvalid")
    .min(0, "errors.thresholdInvalid")
    .max(100, "errors.thresholdInvalid"),
});

export const sourceParamsSchema = z.object({ sourceId: z.uuid() });

export const runHarvestSchema = z.object({ intent: z.literal("run") });

export const datasetParamsSchema = z.object({ datasetId: z.uuid() });

const facetValues = z.array(z.string().trim().min(1).max(500)).max(50).catch([]);

/** The dataset search's address: a hand-edited value falls back instead of failing. */
export const datasetSearchParamsSchema = z.object({
  q: z.string().max(1000).catch("").default(""),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
  publisher: facetValues,
  theme: facetValues,
  format: facetValues,
  specification: facetValues,
});
