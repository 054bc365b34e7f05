import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TextAreaField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import { ErrorSummaryFor, useFormResult } from "./form-feedback";
import type { ActionResult } from "./page-data";
import type { action } from "./route";

/**
 * "Withdraw the request", the requester's own step while no municipality has answered: a
 * disclosure, so it takes one line until opened, with an optional reason. Rendered while the
 * request may be withdrawn, and once more after the withdrawal to say it is done (the page then
 * shows the new status), with focus on that sentence where the button was.
 */
export function WithdrawForm({ canWithdraw }: { canWithdraw: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const result = useFormResult(fetcher.data as ActionResult | undefined, ["withdraw"]);
  const statusRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) statusRef.current?.focus();
  }, [fetcher.state, fetcher.data]);

  if (result?.ok) {
    return (
      <p role="status" tabIndex={-1} ref={statusRef} className="notice">
        {t("requestPage.withdraw.done")}
      </p>
    );
  }
  if (!canWithdraw) return null;
  const failure = result && !result.ok ? result : undefined;
  const reasonId = "withdraw-reason";
  return (
    <details className="report" open={Boolean(failure)}>
      <summary>{t("requestPage.withdraw.summary")}</summary>
      <ErrorSummaryFor result={result} fields={{ reason: [reasonId, t("requestPage.withdraw.reason")] }} />
      <fetcher.Form method="post" className="stack" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="withdraw" />
        <p>{t("requestPage.withdraw.intro")}</p>
        <TextAreaField
          id={reasonId}
          name="reason"
          rows={3}
          required={false}
          label={t("requestPage.withdraw.reason")}
          hint={t("requestPage.withdraw.reasonHint")}
          errors={failure?.fieldErrors.reason}
          defaultValue={failure?.values.reason}
        />
        <div>
          <button type="submit" disabled={fetcher.state === "submitting"}>
            {t("requestPage.withdraw.submit")}
          </button>
        </div>
      </fetcher.Form>
    </details>
  );
}
