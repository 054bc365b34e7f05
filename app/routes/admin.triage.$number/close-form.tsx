import { Form } from "@remix-run/react";
import { TextAreaField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import { reasonFields, type FormState } from "./page-data";

/** Closes a request that was already routed, with an optional reason. */
export function CloseForm({ failure, values }: FormState) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="close-heading">{t("triage.closeTitle")}</h2>
      <p>{t("triage.closeIntro")}</p>
      <Form method="post" className="stack" aria-labelledby="close-heading" noValidate>
        <input type="hidden" name="intent" value="close" />
        <TextAreaField
          name="reason"
          id={reasonFields.close.id}
          label={t(reasonFields.close.label)}
          defaultValue={values.intent === "close" ? values.reason : undefined}
          errors={values.intent === "close" ? failure?.fieldErrors.reason : undefined}
          required={false}
          rows={2}
        />
        <div>
          <button type="submit">{t("triage.closeSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
