import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiMessage } from "../i18n/api-message";
import { requestStatusLabel } from "../i18n/status.messages";
import { translate } from "../i18n/translate";
import { streamRegisterRows } from "../models/open-data-feed.server";
import { parseRegisterFilter } from "../schemas/open-data.server";
import { refuseOverLimit } from "../utils/api.server";
import { plainTextError } from "../utils/atom.server";
import { csvStreamResponse } from "../utils/csv";
import { headersOf, registerCsvColumns } from "../utils/csv-columns";
import { hasNulParameter } from "../utils/form.server";
import { portalOrigin } from "../utils/origin.server";

/**
 * `/requests.csv[?filter]` (ADR 038): every request the register's filter finds, for Excel
 * (UTF-8 with BOM, semicolons; app/utils/csv.ts), streamed. Columns: app/utils/csv-columns.ts and
 * docs/open-data.md. Swedish words in the cells, as the page shows them; the status also as the
 * API's code, for scripts.
 */
const SCOPE_WORDS = { all: "alla kommuner", region: "regionen" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  // Read by machines as /api/* is: the API's limit per address (ADR 037).
  const limited = await refuseOverLimit(request, context.clientAddress);
  if (limited) return limited;
  const params = new URL(request.url).searchParams;
  if (hasNulParameter(params)) return plainTextError(400, apiMessage("api.nul"));
  const parsed = parseRegisterFilter(params);
  if (!parsed.ok) return plainTextError(400, parsed.message);
  const { filters } = parsed;
  const origin = portalOrigin(request);
  async function* rows() {
    for await (const batch of streamRegisterRows(filters)) {
      yield batch.map((entry) => [
        entry.number,
        entry.title,
        entry.body,
        translate("sv", `requestRegister.kind.${entry.kind}`).toLowerCase(),
        translate("sv", requestStatusLabel(entry.status)),
        entry.status,
        entry.targetScope === "chosen" ? entry.targets.map((t) => t.name).join(", ") : SCOPE_WORDS[entry.targetScope],
        entry.targets.flatMap((t) => t.kommunkod ?? []).join(","),
        entry.tags.join(", "),
        entry.votes,
        entry.comments,
        entry.requester,
        entry.createdAt.toISOString(),
        entry.updatedAt.toISOString(),
        entry.answeredAt?.toISOString() ?? null,
        entry.dueDate,
        `${origin}/requests/${entry.number}`,
      ]);
    }
  }
  return csvStreamResponse("forfragningar.csv", headersOf(registerCsvColumns), rows());
}
