import { getTimeSavedReportForApi } from "../models/public-api.server";
import { timeSavedEndpoint } from "../schemas/api/time-saved.server";
import { apiLoader } from "../utils/api.server";

/**
 * `GET /api/reports/time-saved[?year=2026]` (DESIGN.md, "Contracts"; ADR 025, 037): the report's
 * totals in minutes for the three scenarios, by month, quarter, year, organisation spared, reason
 * and requesting organisation, and the most reused datasets. Public, like the ledger: no row names
 * a person. `/api/reports/time-saved.csv` has the ledger rows these totals are the sums of.
 */
export const loader = apiLoader(timeSavedEndpoint, ({ query }, { origin }) =>
  getTimeSavedReportForApi({ year: query.year ?? null, origin }),
);
