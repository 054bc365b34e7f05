import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiMessage } from "../i18n/api-message";
import { getTimeSavedReport } from "../models/time-saved-report.server";
import { timeSavedReportQuerySchema } from "../schemas/time-saved.server";
import { hasNulParameter } from "../utils/form.server";

/**
 * `GET /api/reports/time-saved[?year=2026]` (DESIGN.md, "Contracts"; ADR 025): the report's totals
 * in minutes for the three scenarios, by month, quarter, year, organisation spared, reason and
 * requesting organisation, and the most reused datasets. Public, like the ledger: no row names a
 * person. `/api/reports/time-saved.csv` has the ledger rows these totals are the sums of.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (hasNulParameter(params)) return Response.json({ error: apiMessage("api.nul") }, { status: 400 });
  const parsed = timeSavedReportQuerySchema.safeParse({ year: params.get("year") });
  if (!parsed.success) {
    return Response.json({ error: [...new Set(parsed.error.issues.map((issue) => issue.message))].join("; ") }, { status: 400 });
  }
  const report = await getTimeSavedReport({ year: parsed.data.year });
  return Response.json({ unit: "minutes", ...report });
}
