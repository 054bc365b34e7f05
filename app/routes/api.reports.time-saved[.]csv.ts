import type { LoaderFunctionArgs } from "@remix-run/node";
import { ledgerExportVersion, streamLedgerRows } from "../models/time-saved-report.server";
import { timeSavedQuery } from "../schemas/api/time-saved.server";
import { parseApiQuery, refuseApiRequest, validators } from "../utils/api.server";
import { csvStreamResponse } from "../utils/csv";

/**
 * `GET /api/reports/time-saved.csv[?year=2026]` (ADR 025): one row per ledger row with its minutes
 * in the three scenarios, oldest first, streamed; the JSON report's totals are sums of these rows.
 * Columns in English (a machine export, like the JSON); Excel's Swedish separators (ADR 024).
 * No personal data: no actor, and a requester only as the request shows them publicly.
 */
const HEADER = [
  "id",
  "occurred_at",
  "reason",
  "basis",
  "basis_detail",
  "organisation",
  "organisation_slug",
  "kommunkod",
  "request_number",
  "question_id",
  "dataset_uri",
  "minutes",
  "minutes_low",
  "minutes_high",
  "assumption_version",
  "reverses_id",
  "requester_type",
  "requester_organisation",
];

/** A new process may have changed what rows join (DEMO_DATA=off removes the demo catalogue at start): its tags are new. */
const STARTED = Date.now().toString(36);

export async function loader(args: LoaderFunctionArgs) {
  // The API's rate limit and checks (ADR 037). Streamed, so its ETag comes from the ledger, not the body.
  const refused = await refuseApiRequest(args, Object.keys(timeSavedQuery.shape));
  if (refused) return refused;
  const query = await parseApiQuery(args.request, timeSavedQuery);
  if (query instanceof Response) return query;
  const year = query.year ?? null;
  const { headers, current } = validators(args.request, `W/"ledger-${year ?? "all"}-${await ledgerExportVersion({ year })}-${STARTED}"`);
  if (current) return new Response(null, { status: 304, headers });
  const rows = streamLedgerRows({ year });
  // One CSV writer for every file (ADR 038): the byte-order mark and header once, then each batch.
  async function* batches() {
    for await (const batch of rows) {
      yield batch.map((row) => [
        row.id,
        row.occurredAt.toISOString(),
        row.reason,
        row.basis,
        row.basisDetail ? JSON.stringify(row.basisDetail) : null,
        row.organisation,
        row.organisationSlug,
        row.kommunkod,
        row.requestNumber,
        row.questionId,
        row.datasetUri,
        row.minutes,
        row.minutesLow,
        row.minutesHigh,
        row.assumptionVersion,
        row.reversesId,
        row.requesterType,
        row.requesterOrganisation,
      ]);
    }
  }
  return csvStreamResponse(`tidsbesparing${year ? `-${year}` : ""}.csv`, HEADER, batches(), headers);
}
