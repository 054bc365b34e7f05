import { z } from "zod";
import { formInteger, validOnly } from "./form.server";
import { requesterShownAs, requesterTypes, requestKinds, requestStatuses, targetScopes, updateFrequencies } from "../domain/requests";
import { registerSorts } from "../models/request-register.server";

// Messages are i18n keys (app/i18n/requests.messages.ts and messages.ts). The words themselves
// (kinds, statuses, scopes) come from app/domain/requests.ts (ADR 017).

/** One status or kind of request, as a filter names it (the register, `GET /api/requests`). */
export const requestStatusSchema = z.enum(requestStatuses);
export const requestKindSchema = z.enum(requestKinds);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.fieldTooLong")
    .optional()
    .transform((value) => value || null);

/**
 * What a button of the new-request form asks for: "submit", "check" (show matches without
 * JavaScript), "accept:<dataset URI>" or "support:<request id>" — the match panel's buttons carry
 * what they act on. Anything else is a hand-made form: null, answered with 400.
 */
export type RequestFormIntent =
  { kind: "submit" } | { kind: "check" } | { kind: "accept"; datasetUri: string } | { kind: "support"; requestId: string };

export function parseRequestFormIntent(value: unknown): RequestFormIntent | null {
  if (value === null || value === undefined || value === "" || value === "submit") return { kind: "submit" };
  if (typeof value !== "string") return null;
  if (value === "check") return { kind: "check" };
  if (value.startsWith("accept:")) {
    const datasetUri = value.slice("accept:".length);
    return /^(https?:\/\/|urn:)\S+$/i.test(datasetUri) && datasetUri.length <= 2000 ? { kind: "accept", datasetUri } : null;
  }
  if (value.startsWith("support:")) {
    const requestId = z.uuid().safeParse(value.slice("support:".length));
    return requestId.success ? { kind: "support", requestId: requestId.data } : null;
  }
  return null;
}

/** A request's title, text and purpose as every form that writes one checks them (the new-request form, the work list's). */
export const requestTitle = z.string().trim().min(1, "errors.titleRequired").max(200, "errors.titleTooLong");
export const requestBody = z.string().trim().min(1, "errors.bodyRequired").max(10_000, "errors.bodyTooLong");
export const requestPurpose = z.string().trim().min(1, "errors.purposeRequired").max(3_000, "errors.purposeTooLong");
const requesterType = z.enum(requesterTypes, "errors.requesterTypeRequired");
const shownAs = z.enum(requesterShownAs, "errors.shownAsRequired");
const targetScope = z.enum(targetScopes, "errors.targetRequired");
const targetOrganisationIds = z.array(z.uuid("errors.targetsInvalid")).max(60, "errors.targetsInvalid").default([]);
/** How often the data should be updated; left empty, null. */
const updateFrequency = z
  .union([z.enum(updateFrequencies), z.literal("")], "errors.updateFrequencyInvalid")
  .optional()
  .transform((value) => value || null);

/** The request as the form sends it; checkbox lists arrive as repeated fields (see parseForm's lists). */
export const requestFormSchema = z
  .object({
    title: requestTitle,
    body: requestBody,
    purpose: requestPurpose,
    requesterType,
    shownAs,
    requesterOrganisationName: optionalText(200),
    targetScope,
    targetOrganisationIds,
    wishedFormat: optionalText(200),
    updateFrequency,
  })
  .refine((form) => form.targetScope !== "chosen" || form.targetOrganisationIds.length > 0, {
    message: "errors.targetsRequired",
    path: ["targetOrganisationIds"],
  })
  .refine((form) => form.shownAs !== "organisation" || Boolean(form.requesterOrganisationName), {
    message: "errors.organisationNameRequired",
    path: ["requesterOrganisationName"],
  });

/**
 * "Show what already exists" needs only the text being matched: the title or the description
 * (the live panel matches either as soon as one is written).
 */
const matchText = z
  .object({
    title: z.string().trim().max(200, "errors.titleTooLong").default(""),
    body: z.string().trim().max(10_000, "errors.bodyTooLong").default(""),
  })
  .refine((form) => form.title !== "" || form.body !== "", { message: "errors.matchTextRequired", path: ["title"] });

export const checkMatchesSchema = matchText.transform((form) => ({ ...form, text: `${form.title}\n${form.body}`.trim() }));

/**
 * Accepting a matched dataset needs the text the match was made for and the dataset — not the
 * purpose or the rest of the form below the panel. What else was filled in is kept when valid:
 * the chosen municipalities decide whose time the answer saved (none chosen: nobody is credited,
 * the conservative reading), and an organisation to be shown as, when not named, shows nobody.
 */
export const acceptDatasetSchema = matchText.and(
  z.object({
    purpose: z.string().trim().max(3_000, "errors.purposeTooLong").default(""),
    requesterType: requesterType.default("company"),
    shownAs: shownAs.default("name"),
    requesterOrganisationName: optionalText(200),
    targetScope: targetScope.default("all"),
    targetOrganisationIds,
    wishedFormat: optionalText(200),
    updateFrequency,
  }),
);

export type RequestForm = z.output<typeof requestFormSchema>;
export type AcceptDatasetForm = z.output<typeof acceptDatasetSchema>;

export const routeRequestSchema = z.object({
  intent: z.literal("route"),
  organisationIds: z.array(z.uuid()).min(1, "errors.targetsRequired").max(60),
  workingDays: formInteger("errors.workingDaysInvalid", 1, 120),
});

export const rejectRequestSchema = z.object({
  intent: z.literal("reject"),
  reason: z.string().trim().min(1, "errors.reasonRequired").max(2_000, "errors.fieldTooLong"),
});

export const closeRequestSchema = z.object({
  intent: z.literal("close"),
  reason: z.string().trim().max(2_000, "errors.fieldTooLong").optional().default(""),
});

export const duplicateRequestSchema = z.object({
  intent: z.literal("duplicate"),
  // Within PostgreSQL's integer, so a number too large to exist is "not found", not a database error.
  originalNumber: z.coerce
    .number("errors.originalRequired")
    .int("errors.originalRequired")
    .min(1, "errors.originalRequired")
    .max(2_147_483_647, "errors.originalNotFound"),
  reason: optionalText(2_000),
});

export const editRequestSchema = z.object({
  intent: z.literal("edit"),
  title: z.string().trim().min(1, "errors.titleRequired").max(200, "errors.titleTooLong"),
  tags: z
    .string()
    .max(500, "errors.fieldTooLong")
    .transform((value) =>
      [
        ...new Set(
          value
            .split(",")
            .map((tag) => tag.trim().toLowerCase())
            .filter(Boolean),
        ),
      ].slice(0, 10),
    ),
});

/** The triage page's address: a number within PostgreSQL's integer, or the page is a 404. */
export const triageParamsSchema = z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) });

/** The register's address (/requests); built once, when this module loads on the server. */
export const registerSearchParamsSchema = z.object({
  q: z.string().max(1000).catch("").default(""),
  status: validOnly(requestStatusSchema, requestStatuses.length),
  kommunkod: validOnly(z.string().regex(/^\d{2}(\d{2})?$/), 60),
  kind: validOnly(requestKindSchema, requestKinds.length),
  tag: validOnly(z.string().trim().min(1).max(100), 20),
  sort: z.enum(registerSorts).catch("votes").default("votes"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
