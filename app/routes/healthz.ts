import { checkCatalogue, checkDatabase, checkSearchEngine } from "../models/health.server";

/**
 * For load balancers and monitoring: 200 when the database and the search engine answer, 503
 * when either does not (the search engine's own status says which). `catalogue` tells scripts
 * whether the first harvest of every source is done; it never changes the status code.
 */
export async function loader() {
  const [database, search, catalogue] = await Promise.all([checkDatabase(), checkSearchEngine(), checkCatalogue()]);
  const ok = database.status === "ok" && search.status === "ok";
  return Response.json(
    { status: ok ? "ok" : "error", database, search, catalogue },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
