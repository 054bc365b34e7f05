import type { LoaderFunctionArgs } from "@remix-run/node";
import { getCoverageGrid } from "../models/specification-coverage.server";
import { refuseOverLimit } from "../utils/api.server";
import { csvResponse, toCsv } from "../utils/csv";
import { coverageCsvColumns, headersOf } from "../utils/csv-columns";

/**
 * /specifikationer/tackning.csv: the coverage grid for a spreadsheet (ADR 024, issue 14), one row
 * per municipality × specification rather than a column per specification, so the file keeps its
 * columns as the register grows and reads straight into a pivot table.
 */
const HEADER = headersOf(coverageCsvColumns);

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Read by machines as /api/* is: the API's limit per address (ADR 037).
  const limited = await refuseOverLimit(request, context.clientAddress);
  if (limited) return limited;
  const grid = await getCoverageGrid();
  const rows = grid.rows.flatMap((row) =>
    grid.specifications.map((spec, column) => {
      const cell = row.cells[column];
      return [
        row.organisation.kommunkod,
        row.organisation.name,
        spec.name,
        spec.version,
        spec.uri,
        cell.kind,
        cell.datasets,
        cell.otherVersion ? "ja" : "",
      ];
    }),
  );
  return csvResponse("specifikationer-tackning.csv", toCsv(HEADER, rows));
}
