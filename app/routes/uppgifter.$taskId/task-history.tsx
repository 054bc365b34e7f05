import type { MessageKey } from "../../i18n/translate";
import { taskStatusLabel } from "../../i18n/status.messages";
import { useTranslation } from "../../i18n/use-translation";
import { formatTimestamp } from "../../utils/dates";
import type { LoaderData } from "./page-data";

const historyLabel = {
  change: "task.historyChange",
  assign: "task.historyAssign",
  link_resolved: "task.historyLinkResolved",
  other: "task.historyOther",
} as const satisfies Record<LoaderData["history"][number]["kind"], MessageKey>;

/** The task's changes of status and assignee, and the links a harvest resolved. */
export function TaskHistory({ history }: Pick<LoaderData, "history">) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="task-history">
      <h2 id="task-history">{t("task.history")}</h2>
      {history.length === 0 ? (
        <p>{t("task.noHistory")}</p>
      ) : (
        <ol className="timeline">
          {history.map((event) => (
            <li key={event.id}>
              <time dateTime={new Date(event.occurredAt).toISOString()}>{formatTimestamp(event.occurredAt)}</time>{" "}
              {event.kind === "change" && event.toState && event.fromState
                ? t("task.historyChange", {
                    from: t(taskStatusLabel(event.fromState)),
                    to: t(taskStatusLabel(event.toState)),
                  })
                : t(historyLabel[event.kind])}
              {event.bulkSize ? ` ${t("task.historyBulk", { count: event.bulkSize })}` : null}
              {event.actorName ? ` — ${event.actorName}` : null}
              {event.reason ? <span className="prewrap">: {event.reason}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
