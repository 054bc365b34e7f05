import type { LoaderFunctionArgs } from "@remix-run/node";
import { pickLanguage } from "../i18n/language-map";
import { apiMessage } from "../i18n/api-message";
import { getLocale } from "../i18n/locale.server";
import { taskStatusLabel } from "../i18n/status.messages";
import { translate, type MessageKey } from "../i18n/translate";
import { getOrganisationFeed } from "../models/open-data-feed.server";
import { organisationSlugParam } from "../schemas/statistics.server";
import { refuseOverLimit } from "../utils/api.server";
import { atomResponse, plainTextError } from "../utils/atom.server";
import { formatDate } from "../utils/dates";
import { portalOrigin } from "../utils/origin.server";

/**
 * `/organisationer/<slug>/flode.atom` (ADR 038): the requests an organisation was sent and its
 * answers, one entry per request, updated when it answers. An address naming no organisation is
 * a 404 with a message, as its page is.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Read by machines as /api/* is: the API's limit per address (ADR 037).
  const limited = await refuseOverLimit(request, context.clientAddress);
  if (limited) return limited;
  const slug = organisationSlugParam.safeParse(params.slug);
  if (!slug.success) return plainTextError(404, apiMessage("atom.organisationNotFound"));
  const [locale, feed] = await Promise.all([getLocale(request, null), getOrganisationFeed({ slug: slug.data })]);
  if (!feed) return plainTextError(404, apiMessage("atom.organisationNotFound"));
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const origin = portalOrigin(request);
  const page = `${origin}/organisationer/${feed.organisation.slug}`;
  const name = feed.organisation.name;
  return atomResponse({
    self: `${page}/flode.atom`,
    alternate: page,
    title: t("atom.organisation.title", { name }),
    subtitle: t("atom.organisation.subtitle", { name }),
    author: { name: t("atom.author"), link: origin },
    language: locale,
    entries: feed.entries.map((entry) => {
      const lines = [t("atom.task.routed", { name, dueDate: formatDate(entry.dueDate, locale, "longDate") })];
      if (entry.answeredAt) lines.push(t("atom.task.answered", { name, status: t(taskStatusLabel(entry.status)) }));
      if (entry.answerText) lines.push(entry.answerText);
      const datasets = entry.datasets
        .map((d) => (d.title ? pickLanguage(d.title, locale).text : null) || d.pendingUri || "")
        .filter(Boolean);
      if (datasets.length) lines.push(t("atom.task.datasets", { datasets: datasets.join(", ") }));
      return {
        id: `urn:uuid:${entry.id}`,
        title: t("atom.request.title", { number: entry.number, title: entry.title }),
        link: `${origin}/requests/${entry.number}`,
        updated: entry.answeredAt ?? entry.routedAt,
        published: entry.routedAt,
        summary: lines.join("\n\n"),
      };
    }),
  });
}
