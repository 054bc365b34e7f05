import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOpenDataCatalogue } from "../models/open-data-catalogue.server";
import { refuseOverLimit } from "../utils/api.server";
import { invariantResponse } from "../utils/http.server";
import { portalOrigin } from "../utils/origin.server";

/** `/catalog.ttl`: the portal's own DCAT-AP-SE catalogue (ADR 039); see app/catalogue/dcat-out.server.ts. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // Read by machines as /api/* is: the API's limit per address (ADR 037).
  const limited = await refuseOverLimit(request, context.clientAddress);
  if (limited) return limited;
  const catalogue = invariantResponse(await getOpenDataCatalogue({ origin: portalOrigin(request), format: "turtle" }), 404);
  return new Response(catalogue.body, {
    headers: { "Content-Type": `${catalogue.mediaType}; charset=utf-8`, "Cache-Control": "public, max-age=300" },
  });
}
