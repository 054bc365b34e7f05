import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { ErrorSummary } from "../components/forms";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { getModerationSettings, updateModerationSettings } from "../models/moderation-settings.server";
import { moderationSettingsSchema } from "../schemas/moderation.server";
import { formatTimestamp } from "../utils/dates";
import { formAction, parseForm } from "../utils/form.server";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.adminModeration");

/** Coordinators choose whether new requests are public at once or only after triage (issue 13, ADR 040). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "triage:request:any");
  const settings = await getModerationSettings();
  return { ...settings, updatedAt: settings.updatedAt.toISOString() };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const form = await parseForm(request, moderationSettingsSchema);
  if (!form.ok) return form;
  await updateModerationSettings({ actor: toActor(user), publishAfterTriage: form.data.publishing === "after_triage" });
  return { ok: true as const };
}

export default function AdminModeration() {
  const { t } = useTranslation();
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const chosen = failure?.values.publishing ?? (settings.publishAfterTriage ? "after_triage" : "immediately");
  const options = [
    { value: "immediately", label: t("moderation.settings.immediately"), hint: t("moderation.settings.immediatelyHint") },
    { value: "after_triage", label: t("moderation.settings.afterTriage"), hint: t("moderation.settings.afterTriageHint") },
  ];
  return (
    <>
      <p>
        <Link to="/admin/triage">{t("triage.back")}</Link>
      </p>
      <h1>{t("moderation.settings.title")}</h1>
      <p>{t("moderation.settings.intro")}</p>
      {result?.ok ? <StatusNotice>{t("moderation.settings.saved")}</StatusNotice> : null}
      <ErrorSummary
        errors={failure ? { formErrors: failure.formErrors, fieldErrors: { publishing: failure.fieldErrors.publishing } } : undefined}
        fieldLabels={{ publishing: t("moderation.settings.legend") }}
        fieldIds={{ publishing: "publishing-immediately" }}
      />
      <Form method="post" className="stack" noValidate>
        <fieldset className="field">
          <legend>{t("moderation.settings.legend")}</legend>
          {options.map((option) => (
            <div key={option.value} className="choice-with-hint">
              <label className="choice">
                <input
                  type="radio"
                  id={`publishing-${option.value.replace("_", "-")}`}
                  name="publishing"
                  value={option.value}
                  defaultChecked={chosen === option.value}
                  aria-describedby={`publishing-${option.value}-hint`}
                />{" "}
                {option.label}
              </label>
              <p className="hint" id={`publishing-${option.value}-hint`}>
                {option.hint}
              </p>
            </div>
          ))}
        </fieldset>
        <p>{t("moderation.settings.note")}</p>
        <div>
          <button type="submit">{t("moderation.settings.submit")}</button>
        </div>
      </Form>
      <p>{t("moderation.settings.updated", { date: formatTimestamp(settings.updatedAt) })}</p>
    </>
  );
}
