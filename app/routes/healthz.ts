import { checkDatabase, checkSearchEngine } from "../models/health.server";

/**
 * For load balancers and monitoring: 200 when the database and the search engine answer, 503
 * when either does not (the search engine's own status says which).
 */
export async function loader() {
  const [database, search] = await Promise.all([checkDatabase(), checkSearchEngine()]);
  const ok = database.status === "ok" && search.status === "ok";
  return Response.json(
    { status: ok ? "ok" : "error", database, search },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
