import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { FieldError, TextAreaField } from "../../components/forms";
import { contentReportReasons } from "../../domain/moderation";
import { useTranslation } from "../../i18n/use-translation";
import { ErrorSummaryFor, useFormResult } from "./form-feedback";
import type { ActionResult } from "./page-data";
import type { action } from "./route";

/**
 * "Report as inappropriate" (issue 13, ADR 040) for the request (no commentId) or one comment: a
 * disclosure, so it takes one line until opened; a reason from the short list and an optional note.
 * Once sent (or already sent before) it says so instead of offering itself again.
 */
export function ReportForm({ commentId, alreadyReported }: { commentId?: string; alreadyReported: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const answer = useFormResult(fetcher.data as ActionResult | undefined, ["report"], commentId);
  // Without JavaScript the page's one answer names the comment it was about; the request's own form takes only one that names none.
  const result = commentId === undefined && answer?.commentId ? undefined : answer;
  const statusRef = useRef<HTMLParagraphElement>(null);
  const sent = alreadyReported || result?.ok === true;
  useEffect(() => {
    // The form is gone once sent: keep the keyboard user's place on the sentence that replaced it.
    if (fetcher.state === "idle" && fetcher.data?.ok) statusRef.current?.focus();
  }, [fetcher.state, fetcher.data]);

  const key = commentId ?? "request";
  const failure = result && !result.ok ? result : undefined;
  const reasonError = failure?.fieldErrors.reason?.[0];
  const firstReasonId = `report-${key}-reason-${contentReportReasons[0]}`;
  const noteId = `report-${key}-note`;
  const legend = t("moderation.report.reasonLegend");

  if (sent) {
    return (
      <p role="status" tabIndex={-1} ref={statusRef} className="muted">
        {result?.ok ? t("moderation.report.sent") : t("moderation.report.alreadySent")}
      </p>
    );
  }
  return (
    <details className="report" open={Boolean(failure)}>
      <summary>{commentId ? t("moderation.report.comment") : t("moderation.report.request")}</summary>
      <ErrorSummaryFor result={result} fields={{ reason: [firstReasonId, legend], note: [noteId, t("moderation.report.note")] }} />
      <fetcher.Form method="post" className="stack" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="report" />
        {commentId ? <input type="hidden" name="commentId" value={commentId} /> : null}
        <fieldset
          className={reasonError ? "field field--error" : "field"}
          aria-describedby={reasonError ? `report-${key}-reason-error` : undefined}
        >
          <legend>{legend}</legend>
          {reasonError ? <FieldError id={`report-${key}-reason-error`}>{t(reasonError)}</FieldError> : null}
          {contentReportReasons.map((reason) => (
            <label key={reason} className="choice">
              <input
                type="radio"
                id={`report-${key}-reason-${reason}`}
                name="reason"
                value={reason}
                defaultChecked={failure?.values.reason === reason}
              />{" "}
              {t(`moderation.report.reason.${reason}`)}
            </label>
          ))}
        </fieldset>
        <TextAreaField
          id={noteId}
          name="note"
          rows={3}
          required={false}
          label={t("moderation.report.note")}
          hint={t("moderation.report.noteHint")}
          errors={failure?.fieldErrors.note}
          defaultValue={failure?.values.note}
        />
        <div>
          <button type="submit">{t("moderation.report.submit")}</button>
        </div>
      </fetcher.Form>
    </details>
  );
}
