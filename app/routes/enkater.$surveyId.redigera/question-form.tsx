import { Form } from "@remix-run/react";
import { SelectField, TextAreaField, TextField } from "../../components/forms";
import { surveyAnswerTypes, type SurveyAnswerType } from "../../domain/surveys";
import type { MessageKey } from "../../i18n/translate";
import { surveyAnswerTypeLabel } from "../../i18n/surveys.messages";
import { useTranslation } from "../../i18n/use-translation";

export interface QuestionValues {
  text: string;
  answerType: string;
  unit: string;
  helpText: string;
  choices: string;
  estimatedMinutes: string;
  confidential: boolean;
}

/** The question form's fields whose ids carry the form's prefix. */
export const questionFields = ["text", "answerType", "unit", "choices", "helpText", "estimatedMinutes"] as const;

/**
 * One question's fields: a new question's form or an existing one's. Ids carry a prefix, so the
 * page's many question forms keep their labels apart. Without JavaScript the answer time left
 * empty takes the coordinators' default for the chosen type (the hint lists them).
 */
export function QuestionForm({
  prefix,
  intent,
  questionId,
  values,
  errors,
  defaults,
  submitLabel,
}: {
  prefix: string;
  intent: "add_question" | "update_question";
  questionId?: string;
  values: QuestionValues;
  errors?: Partial<Record<string, MessageKey[]>>;
  defaults: Partial<Record<SurveyAnswerType, number>>;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const defaultsHint = surveyAnswerTypes
    .filter((type) => defaults[type] !== undefined)
    .map((type) => `${t(surveyAnswerTypeLabel(type))}: ${defaults[type]}`)
    .join(", ");
  return (
    <Form method="post" className="stack" noValidate>
      <input type="hidden" name="intent" value={intent} />
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      <TextAreaField
        id={`${prefix}-text`}
        name="text"
        label={t("survey.questionText")}
        defaultValue={values.text}
        errors={errors?.text}
        rows={2}
      />
      <SelectField
        id={`${prefix}-answerType`}
        name="answerType"
        label={t("survey.answerType")}
        defaultValue={values.answerType}
        errors={errors?.answerType}
      >
        {surveyAnswerTypes.map((type) => (
          <option key={type} value={type}>
            {t(surveyAnswerTypeLabel(type))}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${prefix}-unit`}
        name="unit"
        label={t("survey.unit")}
        hint={t("survey.unitHint")}
        defaultValue={values.unit}
        errors={errors?.unit}
        required={false}
      />
      <TextAreaField
        id={`${prefix}-choices`}
        name="choices"
        label={t("survey.choices")}
        hint={t("survey.choicesHint")}
        defaultValue={values.choices}
        errors={errors?.choices}
        required={false}
        rows={3}
      />
      <TextAreaField
        id={`${prefix}-helpText`}
        name="helpText"
        label={t("survey.helpText")}
        hint={t("survey.helpTextHint")}
        defaultValue={values.helpText}
        errors={errors?.helpText}
        required={false}
        rows={2}
      />
      <TextField
        id={`${prefix}-estimatedMinutes`}
        name="estimatedMinutes"
        label={t("survey.minutes")}
        hint={`${t("survey.minutesHint")} (${defaultsHint})`}
        defaultValue={values.estimatedMinutes}
        errors={errors?.estimatedMinutes}
        required={false}
      />
      <label className="choice">
        <input type="checkbox" name="confidential" defaultChecked={values.confidential} /> {t("survey.confidential")}
      </label>
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
    </Form>
  );
}
