import { z } from "zod";

// Messages are i18n keys (app/i18n/requests.messages.ts and messages.ts).

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.fieldTooLong")
    .optional()
    .transform((value) => value || null);

export const updateFrequencies = ["once", "yearly", "quarterly", "monthly", "weekly", "daily", "realtime"] as const;

/** The request as the form sends it; checkbox lists arrive as repeated fields (see parseRequestForm). */
export const requestFormSchema = z
  .object({
    // "submit", "check" (show matches without JavaScript), "accept:<dataset URI>" or
    // "support:<request id>": the buttons of the match panel carry what they act on.
    intent: z.union([z.enum(["submit", "check"]), z.string().regex(/^(accept:https?:\/\/|accept:urn:|support:)\S+$/)]).default("submit"),
    title: z.string().trim().min(1, "errors.titleRequired").max(200, "errors.titleTooLong"),
    body: z.string().trim().min(1, "errors.bodyRequired").max(10_000, "errors.bodyTooLong"),
    purpose: z.string().trim().min(1, "errors.purposeRequired").max(3_000, "errors.purposeTooLong"),
    requesterType: z.enum(["company", "research", "authority", "citizen"], "errors.requesterTypeRequired"),
    shownAs: z.enum(["name", "organisation", "anonymous"], "errors.shownAsRequired"),
    requesterOrganisationName: optionalText(200),
    targetScope: z.enum(["all", "chosen", "region"], "errors.targetRequired"),
    targetOrganisationIds: z.array(z.uuid()).max(60).default([]),
    wishedFormat: optionalText(200),
    updateFrequency: z.union([z.enum(updateFrequencies), z.literal("")]).optional().transform((value) => value || null),
  })
  .refine((form) => form.targetScope !== "chosen" || form.targetOrganisationIds.length > 0, {
    message: "errors.targetsRequired",
    path: ["targetOrganisationIds"],
  })
  .refine((form) => form.shownAs !== "organisation" || Boolean(form.requesterOrganisationName), {
    message: "errors.organisationNameRequired",
    path: ["requesterOrganisationName"],
  });

export type RequestForm = z.output<typeof requestFormSchema>;

export const routeRequestSchema = z.object({
  intent: z.literal("route"),
  organisationIds: z.array(z.uuid()).min(1, "errors.targetsRequired").max(60),
  workingDays: z.coerce.number().int("errors.workingDaysInvalid").min(1, "errors.workingDaysInvalid").max(120, "errors.workingDaysInvalid"),
});

export const rejectRequestSchema = z.object({
  intent: z.literal("reject"),
  reason: z.string().trim().min(1, "errors.reasonRequired").max(2_000, "errors.fieldTooLong"),
});

export const duplicateRequestSchema = z.object({
  intent: z.literal("duplicate"),
  originalNumber: z.coerce.number("errors.originalRequired").int("errors.originalRequired").min(1, "errors.originalRequired"),
  reason: optionalText(2_000),
});

export const editRequestSchema = z.object({
  intent: z.literal("edit"),
  title: z.string().trim().min(1, "errors.titleRequired").max(200, "errors.titleTooLong"),
  tags: z
    .string()
    .max(500, "errors.fieldTooLong")
    .transform((value) => [...new Set(value.split(",").map((tag) => tag.trim().toLowerCase()).filter(Boolean))].slice(0, 10)),
});
