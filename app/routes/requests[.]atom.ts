import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiMessage } from "../i18n/api-message";
import { getLocale } from "../i18n/locale.server";
import { requestStatusLabel } from "../i18n/status.messages";
import { translate } from "../i18n/translate";
import { listRegisterFeed } from "../models/open-data-feed.server";
import { parseRegisterFilter, registerFilterQuery } from "../schemas/open-data.server";
import { refuseOverLimit } from "../utils/api.server";
import { atomResponse, plainTextError } from "../utils/atom.server";
import { hasNulParameter } from "../utils/form.server";
import { portalOrigin } from "../utils/origin.server";

/**
 * `/requests.atom[?filter]` (ADR 038): the newest requests the register's filter finds; without a
 * filter, the new requests of the register's default view. The register page links it with its
 * current filter.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  // Read by machines as /api/* is: the API's limit per address (ADR 037).
  const limited = await refuseOverLimit(request, context.clientAddress);
  if (limited) return limited;
  const params = new URL(request.url).searchParams;
  if (hasNulParameter(params)) return plainTextError(400, apiMessage("api.nul"));
  const parsed = parseRegisterFilter(params);
  if (!parsed.ok) return plainTextError(400, parsed.message);
  const { filters } = parsed;
  const [locale, requests] = await Promise.all([getLocale(request, null), listRegisterFeed(filters)]);
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate(locale, key, values);
  const origin = portalOrigin(request);
  const query = registerFilterQuery({
    q: filters.text,
    status: filters.statuses,
    kommunkod: filters.kommunkoder,
    kind: filters.kinds,
    tag: filters.tags,
  });
  const filterWords = [
    ...(filters.text ? [t("atom.requests.filterText", { q: filters.text })] : []),
    ...filters.statuses.map((status) => t(requestStatusLabel(status))),
    ...filters.kinds.map((kind) => t(`requestRegister.kind.${kind}`)),
    ...filters.kommunkoder,
    ...filters.tags,
  ];
  return atomResponse({
    self: `${origin}/requests.atom${query}`,
    alternate: `${origin}/requests${query}`,
    title: filterWords.length ? t("atom.requests.titleFiltered", { filter: filterWords.join(", ") }) : t("atom.requests.title"),
    subtitle: t("atom.requests.subtitle"),
    author: { name: t("atom.author"), link: origin },
    language: locale,
    entries: requests.map((entry) => ({
      id: `urn:uuid:${entry.id}`,
      title: entry.title,
      link: `${origin}/requests/${entry.number}`,
      updated: entry.updatedAt,
      published: entry.createdAt,
      summary: `${t("atom.request.summary", {
        number: entry.number,
        status: t(requestStatusLabel(entry.status)),
        kind: t(`requestRegister.kind.${entry.kind}`),
      })}\n\n${entry.body.slice(0, 2000)}`,
      categories: entry.tags,
      author: entry.requester ?? undefined,
    })),
  });
}
