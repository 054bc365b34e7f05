import { useActionData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ErrorSummary, type FormErrors } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import type { RequestPageIntent } from "../../schemas/request-page.server";
import type { ActionResult } from "./page-data";

/**
 * The result meant for one form: its fetcher's (with JavaScript), or the page's action data when
 * the form was posted without JavaScript and the answer names this form.
 */
export function useFormResult(fetcherData: ActionResult | undefined, intents: RequestPageIntent[], commentId?: string) {
  const actionData = useActionData() as ActionResult | undefined;
  if (fetcherData) return fetcherData;
  if (actionData && intents.includes(actionData.intent) && (commentId === undefined || actionData.commentId === commentId)) {
    return actionData;
  }
  return undefined;
}

export function RateLimitOrSummary({ result, fieldLabels }: { result: ActionResult | undefined; fieldLabels: Record<string, string> }) {
  const { t } = useTranslation();
  const failure = result && !result.ok ? result : undefined;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure?.minutes) ref.current?.focus();
  }, [failure]);
  if (failure?.minutes) {
    return (
      <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
        <p>{t("errors.rateLimited", { wait: t("time.minutes", { count: failure.minutes }) })}</p>
      </div>
    );
  }
  return <ErrorSummary errors={failure} fieldLabels={fieldLabels} />;
}

/** The errors of this form's fields only: the page's other forms show their own. */
function errorsOf(result: ActionResult | undefined, names: string[]): FormErrors | undefined {
  if (!result || result.ok) return undefined;
  const fieldErrors: FormErrors["fieldErrors"] = {};
  for (const name of names) if (result.fieldErrors[name]) fieldErrors[name] = result.fieldErrors[name];
  return { formErrors: result.formErrors, fieldErrors };
}

/** The error summary of one form, its field links pointing at the ids the fields have on this page. */
export function ErrorSummaryFor({
  result,
  fields,
}: {
  result: ActionResult | undefined;
  fields: Record<string, [id: string, label: string]>;
}) {
  const ids = Object.fromEntries(Object.entries(fields).map(([name, [id]]) => [name, id]));
  const labels = Object.fromEntries(Object.entries(fields).map(([name, [, label]]) => [name, label]));
  const failure = result && !result.ok ? result : undefined;
  if (failure?.minutes) return <RateLimitOrSummary result={failure} fieldLabels={labels} />;
  return <ErrorSummary errors={errorsOf(result, Object.keys(fields))} fieldLabels={labels} fieldIds={ids} />;
}
