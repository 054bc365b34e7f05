import { Form } from "@remix-run/react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";

export interface FormErrors {
  formErrors?: MessageKey[];
  fieldErrors?: Partial<Record<string, MessageKey[]>>;
}

/**
 * One line of the error summary: the field's label, then its message. A label written as a question
 * or sentence ("Vilka data behöver du?") already ends in punctuation; a colon after it read "?:".
 */
export function summaryLine(label: string, message: string) {
  return /[?!.:]$/.test(label.trim()) ? `${label.trim()} ${message}` : `${label}: ${message}`;
}

/**
 * The error summary at the top of a form (GOV.UK / Designsystemet pattern): it takes focus when it
 * appears so screen-reader and keyboard users land on it, and each error links to its field.
 */
export function ErrorSummary({
  errors,
  fieldLabels,
  fieldIds = {},
}: {
  errors: FormErrors | undefined;
  fieldLabels: Record<string, string>;
  /** The control's id where it is not the field's name (a page with several forms of one kind). */
  fieldIds?: Partial<Record<string, string>>;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const formErrors = errors?.formErrors ?? [];
  const fieldErrors = Object.entries(errors?.fieldErrors ?? {}).filter(([, list]) => list && list.length > 0);
  const hasErrors = formErrors.length > 0 || fieldErrors.length > 0;
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [errors, hasErrors]);
  if (!hasErrors) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("form.errorSummary.title")}</h2>
      <ul>
        {formErrors.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
        {fieldErrors.map(([field, list]) =>
          // A field the page neither labels nor places (a hidden value that was tampered with) has nothing to lead to.
          fieldLabels[field] || fieldIds[field] ? (
            <li key={field}>
              <a href={`#${fieldIds[field] ?? field}`}>{fieldLabels[field] ? summaryLine(fieldLabels[field], t(list![0])) : t(list![0])}</a>
            </li>
          ) : (
            <li key={field}>{t(list![0])}</li>
          ),
        )}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  /** The control's id, for a page with several fields of one name; the name by default. */
  id?: string;
  label: string;
  hint?: string;
  errors?: MessageKey[];
  required?: boolean;
}

/**
 * Label, hint and error of one field, with the ids the control needs for aria-describedby; every
 * field kind below is this frame around its own control, so they all read alike to assistive tech.
 */
function FieldFrame({
  name,
  id = name,
  label,
  hint,
  errors,
  required,
  children,
}: FieldProps & { children: (aria: { "aria-describedby"?: string; "aria-invalid"?: true }) => ReactNode }) {
  const { t } = useTranslation();
  const hintId = useId();
  const errorId = useId();
  const error = errors?.[0];
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({t("form.required")})</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldError id={errorId}>{t(error)}</FieldError> : null}
      {children({ "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
    </div>
  );
}

/** A field's message; a screen reader hears that it is an error ("Fel:", "Error:") before the message. */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">{t("form.errorPrefix")} </span>
      {children}
    </p>
  );
}

export function TextField({
  type = "text",
  defaultValue,
  autoComplete,
  required = true,
  clearOn,
  lang,
  maxLength,
  ...field
}: FieldProps & {
  type?: "text" | "email" | "password" | "search" | "url" | "date";
  defaultValue?: string;
  autoComplete?: string;
  /** The language of what is typed, where it is not the page's (an English label). */
  lang?: string;
  maxLength?: number;
  /** A password field is emptied whenever this changes (each action result): never kept. */
  clearOn?: unknown;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (type === "password" && inputRef.current) inputRef.current.value = "";
  }, [clearOn, type]);
  return (
    <FieldFrame {...field} required={required}>
      {(aria) => (
        <input
          ref={inputRef}
          id={field.id ?? field.name}
          name={field.name}
          type={type}
          defaultValue={type === "password" ? undefined : defaultValue}
          autoComplete={autoComplete}
          required={required}
          lang={lang}
          maxLength={maxLength}
          {...aria}
        />
      )}
    </FieldFrame>
  );
}

export function TextAreaField({
  defaultValue,
  required = true,
  rows = 6,
  maxLength,
  onInput,
  ...field
}: FieldProps & { defaultValue?: string; rows?: number; maxLength?: number; onInput?: () => void }) {
  return (
    <FieldFrame {...field} required={required}>
      {(aria) => (
        <textarea
          id={field.id ?? field.name}
          name={field.name}
          defaultValue={defaultValue}
          required={required}
          rows={rows}
          maxLength={maxLength}
          onInput={onInput}
          {...aria}
        />
      )}
    </FieldFrame>
  );
}

/** One choice of a few, as radio buttons under a legend, with an optional hint the fieldset is described by. */
export function RadioGroup({
  name,
  legend,
  hint,
  options,
  defaultValue,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string }[];
  defaultValue: string;
}) {
  const hintId = useId();
  return (
    <fieldset className="field" aria-describedby={hint ? hintId : undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="radio" name={name} value={option.value} defaultChecked={defaultValue === option.value} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A select with its label, hint and error, wired for screen readers like TextField. */
export function SelectField({ defaultValue, children, ...field }: FieldProps & { defaultValue?: string; children: ReactNode }) {
  return (
    <FieldFrame {...field}>
      {(aria) => (
        <select id={field.id ?? field.name} name={field.name} defaultValue={defaultValue} {...aria}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

/**
 * A table row's one-button form: posts `intent` with the row's id under `name` (retry a mail or a
 * search entry, run a source now). `label` names the row for a screen reader when the button's
 * text alone does not.
 */
export function RowActionForm({
  intent,
  name,
  value,
  className,
  label,
  children,
}: {
  intent: string;
  name: string;
  value: string | number;
  className?: string;
  label?: string;
  children: ReactNode;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className={className} aria-label={label}>
        {children}
      </button>
    </Form>
  );
}
