import type { LoaderFunctionArgs } from "@remix-run/node";
import { getOpenDataCatalogue } from "../models/open-data-catalogue.server";
import { invariantResponse } from "../utils/http.server";
import { portalOrigin } from "../utils/origin.server";

/** `/catalog.rdf`: the portal's own DCAT-AP-SE catalogue (ADR 039); see app/catalogue/dcat-out.server.ts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const catalogue = invariantResponse(await getOpenDataCatalogue({ origin: portalOrigin(request), format: "rdfxml" }), 404);
  return new Response(catalogue.body, {
    headers: { "Content-Type": `${catalogue.mediaType}; charset=utf-8`, "Cache-Control": "public, max-age=300" },
  });
}
