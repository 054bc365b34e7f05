import type { LoaderFunctionArgs } from "@remix-run/node";
import { listMunicipalityStatistics } from "../models/organisation-statistics.server";
import { refuseOverLimit } from "../utils/api.server";
import { csvResponse, toCsv } from "../utils/csv";
import { headersOf, statisticsCsvColumns } from "../utils/csv-columns";
import { formatWorkingDays, sharePercent } from "../utils/statistics-format";

/**
 * /statistik.csv: the statistics page's table for a spreadsheet (ADR 024), one row per
 * municipality in the page's order, with its Swedish header; the figures are the page's, the
 * share as a whole percentage and the median with a decimal comma, as Swedish Excel reads numbers.
 * Read by machines as /api/* is, so under the same limit per address (ADR 037).
 */
const HEADER = headersOf(statisticsCsvColumns);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const limited = await refuseOverLimit(request, context.clientAddress);
  if (limited) return limited;
  const municipalities = await listMunicipalityStatistics();
  const rows = municipalities.map((m) => [
    m.rank,
    m.name,
    m.kommunkod,
    sharePercent(m.shareInTime),
    m.medianWorkingDays === null ? null : formatWorkingDays(m.medianWorkingDays, "sv"),
    m.open,
    m.overdue,
    m.answered,
    m.notHeld,
    m.declined,
    m.answeredInTime,
    m.datasets,
  ]);
  return csvResponse("statistik.csv", toCsv(HEADER, rows));
}
