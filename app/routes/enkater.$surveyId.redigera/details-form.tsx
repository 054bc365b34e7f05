import type { MessageKey } from "../../i18n/translate";
import { TextAreaField, TextField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";

/** The details' labels by field, for the error summary of either page. */
export function surveyDetailsLabels(t: ReturnType<typeof useTranslation>["t"]) {
  return {
    title: t("survey.titleLabel"),
    purpose: t("survey.purpose"),
    legalBasis: t("survey.legalBasis"),
    deadlineWorkingDays: t("survey.deadline"),
  };
}

/** The survey's details: the new-survey form and the edit page's first form share them. */
export function SurveyDetailsFields({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors?: Partial<Record<string, MessageKey[]>>;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextField name="title" label={t("survey.titleLabel")} defaultValue={values.title ?? ""} errors={errors?.title} />
      <TextAreaField
        name="purpose"
        label={t("survey.purpose")}
        hint={t("survey.purposeHint")}
        defaultValue={values.purpose ?? ""}
        errors={errors?.purpose}
        required={false}
        rows={4}
      />
      <TextField
        name="legalBasis"
        label={t("survey.legalBasis")}
        hint={t("survey.legalBasisHint")}
        defaultValue={values.legalBasis ?? ""}
        errors={errors?.legalBasis}
        required={false}
      />
      <TextField
        name="deadlineWorkingDays"
        label={t("survey.deadline")}
        hint={t("survey.deadlineHint")}
        defaultValue={values.deadlineWorkingDays ?? ""}
        errors={errors?.deadlineWorkingDays}
      />
    </>
  );
}
