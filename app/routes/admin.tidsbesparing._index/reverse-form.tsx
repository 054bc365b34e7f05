import { Form } from "@remix-run/react";
import { ErrorSummary, TextAreaField, TextField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import type { FormFailure } from "../../utils/form.server";
import { StatusNotice } from "../../components/status-notice";

/** A coordinator corrects a ledger row by its id: the action writes a reversing row (ADR 025). */
export function ReverseForm({
  reversed,
  failure,
}: {
  reversed: { row: number; reversal: number } | undefined;
  failure: FormFailure | undefined;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="reverse">{t("report.reverseTitle")}</h2>
      <p>{t("report.reverseHint")}</p>
      {reversed ? <StatusNotice>{t("report.reversed", { row: reversed.row, reversal: reversed.reversal })}</StatusNotice> : null}
      <ErrorSummary errors={failure} fieldLabels={{ rowId: t("report.reverseRow"), why: t("report.reverseWhy") }} />
      <Form method="post" className="stack" noValidate aria-labelledby="reverse">
        <TextField
          name="rowId"
          label={t("report.reverseRow")}
          defaultValue={failure?.values.rowId ?? ""}
          errors={failure?.fieldErrors.rowId}
        />
        <TextAreaField
          name="why"
          label={t("report.reverseWhy")}
          rows={3}
          defaultValue={failure?.values.why ?? ""}
          errors={failure?.fieldErrors.why}
        />
        <div>
          <button type="submit">{t("report.reverseSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
