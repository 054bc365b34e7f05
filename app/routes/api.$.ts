import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiError, refuseOverLimit } from "../utils/api.server";
import { apiIssue } from "../i18n/api-locale";

/** Any other address under /api/: a JSON 404 a script can read, not the site's HTML page (ADR 037). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return (await refuseOverLimit(request, context.clientAddress)) ?? apiError(request, 404, [apiIssue("api.notFound")]);
}
