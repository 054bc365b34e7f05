import { z } from "zod";

/** An organisation's address, /organisationer/<slug>: anything else is a 404, never a query. */
export const organisationSlugParam = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

/** The organisation page's list of requests, a page at a time; a hand-edited page number is page 1. */
export const organisationPageSearchParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
