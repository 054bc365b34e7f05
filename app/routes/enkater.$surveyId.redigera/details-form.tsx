import type { MessageKey } from "../../i18n/translate";
import { TextAreaField, TextField } from "../../components/forms";
import { useSurveyText } from "../../i18n/use-survey-text";

/** The survey's details: the new-survey form and the edit page's first form share them. */
export function SurveyDetailsFields({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors?: Partial<Record<string, MessageKey[]>>;
}) {
  const st = useSurveyText();
  return (
    <>
      <TextField name="title" label={st("survey.titleLabel")} defaultValue={values.title ?? ""} errors={errors?.title} />
      <TextAreaField
        name="purpose"
        label={st("survey.purpose")}
        hint={st("survey.purposeHint")}
        defaultValue={values.purpose ?? ""}
        errors={errors?.purpose}
        required={false}
        rows={4}
      />
      <TextField
        name="legalBasis"
        label={st("survey.legalBasis")}
        hint={st("survey.legalBasisHint")}
        defaultValue={values.legalBasis ?? ""}
        errors={errors?.legalBasis}
        required={false}
      />
      <TextField
        name="deadlineWorkingDays"
        label={st("survey.deadline")}
        hint={st("survey.deadlineHint")}
        defaultValue={values.deadlineWorkingDays ?? ""}
        errors={errors?.deadlineWorkingDays}
      />
    </>
  );
}
