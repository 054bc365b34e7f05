import { Form } from "@remix-run/react";
import { TextAreaField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import { reasonFields, type FormState } from "./page-data";

/** Rejects a request with a reason: one waiting for triage, or one answered at once that proves unfit (ADR 040). */
export function RejectForm({ failure, values }: FormState) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="reject-heading">{t("triage.rejectTitle")}</h2>
      <Form method="post" className="stack" aria-labelledby="reject-heading" noValidate>
        <input type="hidden" name="intent" value="reject" />
        <TextAreaField
          name="reason"
          id={reasonFields.reject.id}
          label={t(reasonFields.reject.label)}
          defaultValue={values.intent === "reject" ? values.reason : undefined}
          errors={values.intent === "reject" ? failure?.fieldErrors.reason : undefined}
          rows={3}
        />
        <div>
          <button type="submit">{t("triage.rejectSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
