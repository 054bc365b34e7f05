import { z } from "zod";
import { isAbsoluteHttpUri, specificationStatuses } from "../domain/specifications";
import { isStorableUrlLength } from "../utils/urls";

// Messages are i18n keys (app/i18n/specifications.messages.ts); the page translates them.

const text = (max: number) =>
  z
    .string()
    .default("")
    .transform((value) => value.replace(/\s+/g, " ").trim())
    .pipe(z.string().max(max, "errors.specificationTextTooLong"));

const link = z
  .string()
  .default("")
  .transform((value) => value.trim())
  .pipe(z.string().max(2000, "errors.specificationTextTooLong"))
  .refine((value) => value === "" || (isAbsoluteHttpUri(value) && isStorableUrlLength(value)), "errors.specificationUriInvalid")
  .transform((value) => (value === "" ? null : value));

/** The coordinators' form: fields one per line, addresses empty or absolute http(s). */
export const specificationFormSchema = z.object({
  name: text(200).pipe(z.string().min(1, "errors.specificationNameRequired")),
  version: text(40),
  uri: link,
  schemaUrl: link,
  description: z.string().trim().max(10_000, "errors.specificationTextTooLong").default(""),
  fields: z
    .string()
    .max(10_000, "errors.specificationTextTooLong")
    .default("")
    .transform((value) =>
      value
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    )
    .pipe(z.array(z.string().max(200, "errors.specificationTextTooLong")).max(200, "errors.specificationTextTooLong")),
  maintainer: text(200),
});

export const specificationParamsSchema = z.object({ specificationId: z.uuid() });

export const specificationStatusSchema = z.object({
  to: z.enum(specificationStatuses),
  replacedById: z
    .string()
    .default("")
    .transform((value) => (value === "" ? null : value))
    .pipe(z.uuid("errors.specificationReplacementInvalid").nullable()),
  reason: z.string().trim().max(2000, "errors.specificationTextTooLong").default(""),
});

export const specificationIntents = ["save", "status"] as const;

/** The grid's filters: a municipality by kommunkod, a specification by id, only those that lack. */
export const coverageFilterSchema = z.object({
  kommun: z
    .string()
    .regex(/^\d{2,4}$/)
    .optional()
    .catch(undefined),
  specifikation: z.uuid().optional().catch(undefined),
  saknar: z
    .literal("1")
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});
