import { Form } from "@remix-run/react";
import { ErrorSummary, TextAreaField, TextField, type FormErrors } from "./forms";
import { useTranslation } from "../i18n/use-translation";

export interface SpecificationFormValues {
  name: string;
  version: string;
  uri: string;
  schemaUrl: string;
  description: string;
  fields: string;
  maintainer: string;
}

/** The coordinators' form for a new specification and for editing one; what was typed comes back on an error. */
export function SpecificationForm({
  values,
  failure,
  submitLabel,
}: {
  values: SpecificationFormValues;
  failure: (FormErrors & { values?: Record<string, string> }) | undefined;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const typed = (field: keyof SpecificationFormValues) => failure?.values?.[field] ?? values[field];
  const errors = (field: string) => failure?.fieldErrors?.[field];
  const labels = {
    name: t("specifications.name"),
    version: t("specifications.version"),
    uri: t("specifications.uri"),
    schemaUrl: t("specifications.schemaUrl"),
    description: t("specifications.description"),
    fields: t("specifications.fields"),
    maintainer: t("specifications.maintainer"),
  };
  return (
    <>
      <ErrorSummary errors={failure} fieldLabels={labels} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="save" />
        <TextField name="name" label={labels.name} defaultValue={typed("name")} errors={errors("name")} />
        <TextField name="version" label={labels.version} defaultValue={typed("version")} errors={errors("version")} required={false} />
        <TextField
          name="uri"
          type="url"
          label={labels.uri}
          hint={t("specifications.uriHint")}
          defaultValue={typed("uri")}
          errors={errors("uri")}
          required={false}
        />
        <TextField
          name="schemaUrl"
          type="url"
          label={labels.schemaUrl}
          defaultValue={typed("schemaUrl")}
          errors={errors("schemaUrl")}
          required={false}
        />
        <TextAreaField
          name="description"
          label={labels.description}
          defaultValue={typed("description")}
          errors={errors("description")}
          required={false}
          maxLength={10_000}
        />
        <TextAreaField
          name="fields"
          label={labels.fields}
          hint={t("specifications.fieldsHint")}
          defaultValue={typed("fields")}
          errors={errors("fields")}
          required={false}
        />
        <TextField
          name="maintainer"
          label={labels.maintainer}
          defaultValue={typed("maintainer")}
          errors={errors("maintainer")}
          required={false}
        />
        <button type="submit">{submitLabel}</button>
      </Form>
    </>
  );
}
