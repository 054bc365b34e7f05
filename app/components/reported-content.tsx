import { Form, Link, useActionData } from "@remix-run/react";
import { TextAreaField, ErrorSummary, type FormErrors } from "./forms";
import type { ContentReportReason } from "../domain/moderation";
import type { RequestStatus } from "../domain/requests";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { formatTimestamp } from "../utils/dates";
import { StatusNotice } from "./status-notice";

/** One reported item, as the triage queue's loader gives it (app/models/content-report.server.ts). */
export interface ReportedItemRow {
  requestId: string;
  commentId: string | null;
  requestNumber: number;
  requestTitle: string;
  requestStatus: RequestStatus;
  commentBody: string | null;
  commentState: string | null;
  reports: number;
  reasons: ContentReportReason[];
  notes: string[];
  lastReportedAt: Date | string;
  canReject: boolean;
}

type ResolveResult = ({ ok: true; message: MessageKey } | ({ ok: false; values: Record<string, string> } & FormErrors)) | undefined;

/**
 * The reports waiting in the triage queue (issue 13, ADR 040), the most reported first: what was
 * reported and why, and the coordinator's three ways out — dismiss, hide the comment, reject the
 * request (the last two say why, shown publicly as those commands always show it). Plain forms, so
 * it all works without JavaScript.
 */
export function ReportedContent({ reports }: { reports: { waiting: number; items: ReportedItemRow[] } }) {
  const { t, tc } = useTranslation();
  const result = useActionData() as ResolveResult;
  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">
        {t("moderation.queue.title")} ({tc("moderation.queue.count", reports.waiting)})
      </h2>
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      {reports.items.length === 0 ? (
        <p>{t("moderation.queue.empty")}</p>
      ) : (
        <ol className="report-list">
          {reports.items.map((item) => (
            <ReportedItem key={`${item.requestId}-${item.commentId ?? "request"}`} item={item} result={result} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ReportedItem({ item, result }: { item: ReportedItemRow; result: ResolveResult }) {
  const { t, tc } = useTranslation();
  const key = item.commentId ?? item.requestId;
  const titleId = `report-${key}-title`;
  const reasonId = `report-${key}-reason`;
  const label = item.commentId
    ? t("moderation.queue.itemComment", { number: item.requestNumber, title: item.requestTitle })
    : t("moderation.queue.itemRequest", { number: item.requestNumber, title: item.requestTitle });
  // The answer of a form sent without JavaScript belongs to the item it named.
  const failure =
    result && !result.ok && result.values.requestId === item.requestId && (result.values.commentId || null) === item.commentId
      ? result
      : undefined;
  const removing = item.commentId ? "hidden" : "rejected";
  const canRemove = item.commentId ? item.commentState === "visible" : item.canReject;
  const href = `/requests/${item.requestNumber}${item.commentId ? `#comment-${item.commentId}` : ""}`;
  return (
    <li>
      <article aria-labelledby={titleId} className="report-item">
        <h3 id={titleId}>
          <Link to={href}>{label}</Link>
        </h3>
        {item.commentBody !== null ? <blockquote className="report-item__text">{item.commentBody}</blockquote> : null}
        <dl className="facts">
          <div>
            <dt>{t("moderation.queue.reports")}</dt>
            <dd>{tc("moderation.queue.reportCount", item.reports)}</dd>
          </div>
          <div>
            <dt>{t("moderation.queue.reasons")}</dt>
            <dd>{item.reasons.map((reason) => t(`moderation.report.reason.${reason}`)).join(", ")}</dd>
          </div>
          <div>
            <dt>{t("moderation.queue.last")}</dt>
            <dd>{formatTimestamp(item.lastReportedAt)}</dd>
          </div>
        </dl>
        {item.notes.length > 0 ? (
          <>
            <h4>{t("moderation.queue.notes")}</h4>
            <ul>
              {item.notes.map((note, i) => (
                <li key={i}>{note}</li>
              ))}
            </ul>
          </>
        ) : null}
        <ErrorSummary
          errors={failure ? { formErrors: failure.formErrors, fieldErrors: { reason: failure.fieldErrors?.reason } } : undefined}
          fieldLabels={{ reason: t("moderation.queue.reason") }}
          fieldIds={{ reason: reasonId }}
        />
        <Form method="post">
          <input type="hidden" name="intent" value="resolveReports" />
          <input type="hidden" name="requestId" value={item.requestId} />
          <input type="hidden" name="commentId" value={item.commentId ?? ""} />
          <input type="hidden" name="resolution" value="dismissed" />
          <button type="submit">
            {t("moderation.queue.dismiss")}
            <span className="visually-hidden"> {t("moderation.queue.dismissOf", { item: label })}</span>
          </button>
        </Form>
        {canRemove ? (
          <details open={Boolean(failure?.fieldErrors?.reason)}>
            <summary>{item.commentId ? t("moderation.queue.hide") : t("moderation.queue.reject")}</summary>
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="resolveReports" />
              <input type="hidden" name="requestId" value={item.requestId} />
              <input type="hidden" name="commentId" value={item.commentId ?? ""} />
              <input type="hidden" name="resolution" value={removing} />
              <TextAreaField
                id={reasonId}
                name="reason"
                rows={2}
                label={t("moderation.queue.reason")}
                errors={failure?.fieldErrors?.reason}
                defaultValue={failure?.values.reason}
              />
              <div>
                <button type="submit">
                  {item.commentId
                    ? t("moderation.queue.hideFor", { number: item.requestNumber })
                    : t("moderation.queue.rejectFor", { number: item.requestNumber })}
                </button>
              </div>
            </Form>
          </details>
        ) : !item.commentId ? (
          <p className="muted">{t("moderation.queue.cannotReject")}</p>
        ) : null}
      </article>
    </li>
  );
}
