import { isRequestStatus } from "../../domain/requests";
import { requestStatusLabel } from "../../i18n/status.messages";
import { useTranslation } from "../../i18n/use-translation";
import { formatDate, formatTimestamp } from "../../utils/dates";
import { ActorName } from "./actor-name";
import { isoOf, type LoaderData } from "./page-data";

/** The request's history: each change of status, merge and update, with who made it. */
export function Timeline({ data }: { data: LoaderData }) {
  const { t, locale } = useTranslation();
  const status = (value: string | null) => (isRequestStatus(value) ? t(requestStatusLabel(value)) : (value ?? ""));
  if (data.timeline.length === 0) return <p>{t("requestPage.timeline.none")}</p>;
  return (
    <ol className="timeline">
      {data.timeline.map((event) => (
        <li key={event.id}>
          <time dateTime={isoOf(event.occurredAt)}>{formatTimestamp(event.occurredAt)}</time> –{" "}
          <strong>
            <ActorName actor={event.actor} />
          </strong>
          :{" "}
          {event.fromState && event.toState && event.fromState !== event.toState
            ? t("requestPage.timeline.changed", { from: status(event.fromState), to: status(event.toState) })
            : event.toState
              ? t("requestPage.timeline.set", { to: status(event.toState) })
              : event.mergedDuplicateNumber !== null
                ? t("requestPage.timeline.merged", { number: event.mergedDuplicateNumber })
                : event.action === "merge_duplicate"
                  ? t("requestPage.timeline.mergedUnnamed")
                  : event.changes.length > 0
                    ? event.changes
                        .map((change) =>
                          change.what === "title"
                            ? t("requestPage.timeline.title")
                            : change.what === "published"
                              ? t("requestPage.timeline.published")
                              : change.what === "specification"
                                ? change.to !== null
                                  ? t("requestPage.timeline.specification", { name: change.to })
                                  : t("requestPage.timeline.specificationRemoved", { name: change.from ?? "" })
                                : change.what === "tags"
                                  ? change.to.length > 0
                                    ? t("requestPage.timeline.tags", { tags: change.to.join(", ") })
                                    : t("requestPage.timeline.tagsRemoved")
                                  : change.from
                                    ? t("requestPage.timeline.dueDate", {
                                        from: formatDate(change.from, locale),
                                        to: formatDate(change.to, locale),
                                      })
                                    : t("requestPage.timeline.dueDateSet", { to: formatDate(change.to, locale) }),
                        )
                        .join("; ")
                    : t("requestPage.timeline.updated")}
          .{event.reason ? <> {t("requestPage.timeline.reason", { reason: event.reason })}</> : null}
        </li>
      ))}
    </ol>
  );
}
