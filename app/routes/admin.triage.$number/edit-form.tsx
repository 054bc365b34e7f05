import { Form } from "@remix-run/react";
import { TextField } from "../../components/forms";
import { useTranslation } from "../../i18n/use-translation";
import type { FormState } from "./page-data";

/** Corrects the request's title and tags. */
export function EditForm({ title, tags, failure, values }: FormState & { title: string; tags: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="edit-heading">{t("triage.editTitle")}</h2>
      <Form method="post" className="stack" aria-labelledby="edit-heading" noValidate>
        <input type="hidden" name="intent" value="edit" />
        <TextField
          name="title"
          label={t("newRequest.requestTitle")}
          defaultValue={values.title ?? title}
          errors={failure?.fieldErrors.title}
        />
        <TextField
          name="tags"
          label={t("triage.tags")}
          defaultValue={values.tags ?? tags.join(", ")}
          errors={failure?.fieldErrors.tags}
          required={false}
        />
        <div>
          <button type="submit">{t("triage.editSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
