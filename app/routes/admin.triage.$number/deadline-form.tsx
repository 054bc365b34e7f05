import { Form } from "@remix-run/react";
import { TextAreaField, TextField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import { formatDate } from "../../utils/dates";
import type { FormState } from "./page-data";

/** Moves the deadline of every open task of the request: a date, or working days from today, and why. */
export function DeadlineForm({ dueDate, failure, values }: FormState & { dueDate: string | null }) {
  const { t, locale } = useTranslation();
  return (
    <>
      <h2 id="deadline-heading">{t("triage.deadlineTitle")}</h2>
      {dueDate ? <p>{t("triage.deadlineCurrent", { date: formatDate(dueDate, locale, "longDate") })}</p> : null}
      <Form method="post" className="stack" aria-labelledby="deadline-heading" noValidate>
        <input type="hidden" name="intent" value="deadline" />
        <TextField
          name="dueDate"
          type="date"
          label={t("triage.deadlineDate")}
          hint={t("triage.deadlineDateHint")}
          defaultValue={values.dueDate}
          errors={failure?.fieldErrors.dueDate}
          required={false}
        />
        <TextField
          name="dueWorkingDays"
          label={t("triage.deadlineWorkingDays")}
          defaultValue={values.dueWorkingDays}
          errors={failure?.fieldErrors.dueWorkingDays}
          required={false}
        />
        <TextAreaField
          name="deadlineReason"
          label={t("triage.deadlineReason")}
          defaultValue={values.deadlineReason}
          errors={failure?.fieldErrors.deadlineReason}
          rows={2}
        />
        <div>
          <button type="submit">{t("triage.deadlineSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
