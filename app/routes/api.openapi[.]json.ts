import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "../schemas/api/openapi.server";
import { apiLocale, cachedJson, refuseApiRequest } from "../utils/api.server";
import { portalOrigin } from "../utils/origin.server";

/** `GET /api/openapi.json` (ADR 037): the OpenAPI 3.1 description, generated from the routes' own zod schemas, in the reader's language (Swedish unless they chose English). */
export async function loader(args: LoaderFunctionArgs) {
  const refused = await refuseApiRequest(args, []);
  if (refused) return refused;
  const locale = (await apiLocale(args.request)) ?? "sv";
  return cachedJson(args.request, openApiDocument(locale, portalOrigin(args.request)), { inReadersLanguage: true });
}
