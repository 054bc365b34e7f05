import type { SurveyAnswerType } from "../domain/surveys";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { FieldError } from "./forms";

export interface ShownQuestion {
  id: string;
  text: string;
  answerType: SurveyAnswerType;
  unit: string | null;
  helpText: string | null;
  choices: string[];
}

/** The field name of a question's answer (app/schemas/survey.server.ts reads the same). */
const fieldOf = (questionId: string) => `q.${questionId}`;

/**
 * A survey's questions as a municipality answers them, one control per answer type; the same in
 * the sender's preview (disabled) and on the task page. `values` holds what to show in each field:
 * the saved answer, or what was typed when a save was refused.
 */
export function SurveyQuestionFields({
  questions,
  values = {},
  errors = {},
  disabled = false,
  notes = {},
}: {
  questions: ShownQuestion[];
  values?: Record<string, string | string[]>;
  errors?: Partial<Record<string, MessageKey>>;
  disabled?: boolean;
  /** A line under a question (where a reused answer came from). */
  notes?: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <ol className="survey-answers">
      {questions.map((question, index) => {
        const name = fieldOf(question.id);
        const id = `answer-${index + 1}`;
        const hintId = `${id}-hint`;
        const errorId = `${id}-error`;
        const error = errors[question.id];
        const raw = values[question.id];
        const value = Array.isArray(raw) ? raw : raw !== undefined ? [raw] : [];
        const describedBy =
          [question.helpText || notes[question.id] ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
        const label = (
          <>
            {question.text}
            {question.unit ? ` ${t("surveyTask.unit", { unit: question.unit })}` : ""}
          </>
        );
        const hint =
          question.helpText || notes[question.id] ? (
            <p className="hint" id={hintId}>
              {[question.helpText, notes[question.id]].filter(Boolean).join(" ")}
            </p>
          ) : null;
        const errorLine = error ? <FieldError id={errorId}>{t(error)}</FieldError> : null;
        const aria = { "aria-describedby": describedBy, "aria-invalid": error ? (true as const) : undefined };
        if (question.answerType === "single_choice" || question.answerType === "multiple_choice" || question.answerType === "yes_no") {
          const options =
            question.answerType === "yes_no"
              ? [
                  { value: "yes", label: t("surveyTask.yes") },
                  { value: "no", label: t("surveyTask.no") },
                ]
              : question.choices.map((choice) => ({ value: choice, label: choice }));
          const type = question.answerType === "multiple_choice" ? "checkbox" : "radio";
          return (
            <li key={question.id} id={name}>
              <fieldset className={error ? "field field--error" : "field"} aria-describedby={describedBy}>
                <legend>{label}</legend>
                {hint}
                {errorLine}
                {options.map((option) => (
                  <label key={option.value} className="choice">
                    <input type={type} name={name} value={option.value} defaultChecked={value.includes(option.value)} disabled={disabled} />{" "}
                    {option.label}
                  </label>
                ))}
              </fieldset>
            </li>
          );
        }
        return (
          <li key={question.id}>
            <div className={error ? "field field--error" : "field"}>
              <label htmlFor={name}>{label}</label>
              {hint}
              {errorLine}
              {question.answerType === "text" ? (
                <textarea id={name} name={name} rows={4} defaultValue={value[0] ?? ""} disabled={disabled} {...aria} />
              ) : (
                <input
                  id={name}
                  name={name}
                  type={question.answerType === "date" ? "date" : question.answerType === "dataset_link" ? "url" : "text"}
                  inputMode={question.answerType === "number" ? "decimal" : undefined}
                  defaultValue={value[0] ?? ""}
                  disabled={disabled}
                  {...aria}
                />
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
