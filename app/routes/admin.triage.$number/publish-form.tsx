import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";

/** Publishes a request answered at once that waits for review (ADR 040): routing publishes the others. */
export function PublishForm() {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="publish-heading">{t("moderation.publish.title")}</h2>
      <p>{t("moderation.publish.text")}</p>
      <Form method="post" aria-labelledby="publish-heading">
        <input type="hidden" name="intent" value="publish" />
        <button type="submit">{t("moderation.publish.submit")}</button>
      </Form>
    </>
  );
}
