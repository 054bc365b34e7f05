import type { LoaderFunctionArgs } from "@remix-run/node";
import { isRequestStatus } from "../domain/requests";
import { apiMessage } from "../i18n/api-message";
import { getLocale } from "../i18n/locale.server";
import { requestStatusLabel } from "../i18n/status.messages";
import { translate, type MessageKey } from "../i18n/translate";
import { getRequestFeed } from "../models/open-data-feed.server";
import type { ShownActor } from "../models/request-page.server";
import { requestNumberParam } from "../schemas/open-data.server";
import { refuseOverLimit } from "../utils/api.server";
import { atomResponse, plainTextError } from "../utils/atom.server";
import { portalOrigin } from "../utils/origin.server";

/**
 * `/requests/<number>/events.atom` (ADR 038): the request page's timeline as a feed, newest first,
 * each event told as the page tells it and its actor shown as the page shows them.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Read by machines as /api/* is: the API's limit per address (ADR 037).
  const limited = await refuseOverLimit(request, context.clientAddress);
  if (limited) return limited;
  const number = requestNumberParam.safeParse(params.number);
  if (!number.success) return plainTextError(404, apiMessage("atom.requestNotFound"));
  const [locale, feed] = await Promise.all([getLocale(request, null), getRequestFeed({ requestNumber: number.data })]);
  if (!feed) return plainTextError(404, apiMessage("atom.requestNotFound"));
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(locale, key, values);
  const status = (value: string | null) => (isRequestStatus(value) ? t(requestStatusLabel(value)) : (value ?? ""));
  const actorName = (actor: ShownActor) => {
    switch (actor.kind) {
      case "requester":
        return actor.name ?? t("requestPage.actor.requester");
      case "coordinator":
        return t("requestPage.actor.coordinator");
      case "system":
        return t("requestPage.actor.system");
      case "person":
        return actor.name;
      case "former_user":
        return t("requestPage.actor.formerUser");
    }
  };
  // The specification the request asks for, linked or unlinked in triage (issue 14), told as the page tells it.
  const specificationText = (changes: (typeof feed.timeline)[number]["changes"]) => {
    const change = changes.find((c) => c.what === "specification");
    if (!change || change.what !== "specification") return null;
    return change.to !== null
      ? t("requestPage.timeline.specification", { name: change.to })
      : t("requestPage.timeline.specificationRemoved", { name: change.from ?? "" });
  };
  const origin = portalOrigin(request);
  const page = `${origin}/requests/${feed.request.number}`;
  return atomResponse({
    self: `${page}/events.atom`,
    alternate: page,
    title: t("atom.request.title", { number: feed.request.number, title: feed.request.title }),
    subtitle: t("atom.request.subtitle"),
    author: { name: t("atom.author"), link: origin },
    language: locale,
    updatedWhenEmpty: feed.request.createdAt,
    entries: feed.timeline.map((event) => {
      const text =
        event.fromState && event.toState && event.fromState !== event.toState
          ? t("requestPage.timeline.changed", { from: status(event.fromState), to: status(event.toState) })
          : event.toState
            ? t("requestPage.timeline.set", { to: status(event.toState) })
            : event.mergedDuplicateNumber !== null
              ? t("requestPage.timeline.merged", { number: event.mergedDuplicateNumber })
              : event.action === "merge_duplicate"
                ? t("requestPage.timeline.mergedUnnamed")
                : event.changes.some((change) => change.what === "published")
                  ? t("requestPage.timeline.published")
                  : (specificationText(event.changes) ?? t("requestPage.timeline.updated"));
      return {
        id: `urn:uuid:${event.id}`,
        title: t("atom.event.title", { number: feed.request.number, text }),
        link: page,
        updated: event.occurredAt,
        summary: event.reason ? `${text}. ${t("requestPage.timeline.reason", { reason: event.reason })}` : `${text}.`,
        author: actorName(event.actor),
      };
    }),
  });
}
