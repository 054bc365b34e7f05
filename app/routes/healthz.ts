import { checkDatabase } from "../models/health.server";

/** For load balancers and monitoring: 200 when the database answers, 503 when it does not. */
export async function loader() {
  const database = await checkDatabase();
  // The search engine arrives with the catalogue (issue #3); until then there is none to check.
  const search = { status: "not_configured" as const };
  const ok = database.status === "ok";
  return Response.json(
    { status: ok ? "ok" : "error", database, search },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
