import { Form } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { DueDatePicker, type WorkingDayCalendar } from "../../components/due-date-picker";
import { FieldError, TextAreaField, TextField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import { keptList } from "../../utils/kept-values";
import { reasonFields, type FormState } from "./page-data";
import { RejectForm } from "./reject-form";

/**
 * What a submitted request may become: routed to organisations, merged into an earlier request, or
 * rejected. All three leave "submitted", so the page offers them together.
 */
export function SubmittedForms({
  organisations,
  targetIds,
  defaultWorkingDays,
  calendar,
  failure,
  values,
}: FormState & {
  organisations: { id: string; name: string }[];
  targetIds: Set<string>;
  defaultWorkingDays: number;
  calendar: WorkingDayCalendar;
}) {
  const { t } = useTranslation();
  const choices = useRef<HTMLFieldSetElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => setEnhanced(true), []);
  const boxes = () => [...(choices.current?.querySelectorAll<HTMLInputElement>('input[name="organisationIds"]') ?? [])];
  const recount = () => setSelected(boxes().filter((box) => box.checked).length);
  const checkAll = (checked: boolean) => {
    for (const box of boxes()) box.checked = checked;
    recount();
  };
  useEffect(recount, []);
  return (
    <>
      <h2 id="route-heading">{t("triage.routeTitle")}</h2>
      <Form method="post" className="stack" aria-labelledby="route-heading" noValidate>
        <input type="hidden" name="intent" value="route" />
        <fieldset
          className={failure?.fieldErrors.organisationIds ? "field field--error" : "field"}
          id="organisationIds"
          aria-describedby={failure?.fieldErrors.organisationIds ? "organisationIds-error" : undefined}
          ref={choices}
          onChange={recount}
        >
          <legend>{t("triage.routeOrganisations")}</legend>
          {failure?.fieldErrors.organisationIds ? (
            <FieldError id="organisationIds-error">{t(failure.fieldErrors.organisationIds[0])}</FieldError>
          ) : null}
          {enhanced ? (
            <div className="select-all">
              <button type="button" className="button--secondary" onClick={() => checkAll(true)}>
                {t("triage.selectAll")}
              </button>
              <button type="button" className="button--secondary" onClick={() => checkAll(false)}>
                {t("triage.selectNone")}
              </button>
              <span role="status">{selected === null ? null : t("triage.selectedCount", { count: selected })}</span>
            </div>
          ) : null}
          <div className="checkbox-columns">
            {organisations.map((o) => (
              <label key={o.id} className="choice">
                <input
                  type="checkbox"
                  name="organisationIds"
                  value={o.id}
                  defaultChecked={keptList(values, "organisationIds")?.includes(o.id) ?? targetIds.has(o.id)}
                />{" "}
                {o.name}
              </label>
            ))}
          </div>
        </fieldset>
        <DueDatePicker
          name="workingDays"
          label={t("triage.workingDays")}
          calendar={calendar}
          defaultWorkingDays={values.workingDays ?? String(defaultWorkingDays)}
          errors={failure?.fieldErrors.workingDays}
        />
        <div>
          <button type="submit">{t("triage.routeSubmit")}</button>
        </div>
      </Form>

      <h2 id="duplicate-heading">{t("triage.duplicateTitle")}</h2>
      <Form method="post" className="stack" aria-labelledby="duplicate-heading" noValidate>
        <input type="hidden" name="intent" value="duplicate" />
        <TextField
          name="originalNumber"
          label={t("triage.originalNumber")}
          defaultValue={values.originalNumber}
          errors={failure?.fieldErrors.originalNumber}
        />
        <TextAreaField
          name="reason"
          id={reasonFields.duplicate.id}
          label={t(reasonFields.duplicate.label)}
          defaultValue={values.intent === "duplicate" ? values.reason : undefined}
          errors={values.intent === "duplicate" ? failure?.fieldErrors.reason : undefined}
          required={false}
          rows={2}
        />
        <div>
          <button type="submit">{t("triage.duplicateSubmit")}</button>
        </div>
      </Form>

      <RejectForm failure={failure} values={values} />
    </>
  );
}
