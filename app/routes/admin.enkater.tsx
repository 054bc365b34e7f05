import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { ErrorSummary, TextField } from "../components/forms";
import { surveyAnswerTypes } from "../domain/surveys";
import { pageTitle } from "../i18n/page-title";
import { surveyAnswerTypeLabel } from "../i18n/surveys.messages";
import { useTranslation } from "../i18n/use-translation";
import { getSurveySettings, updateSurveySettings } from "../models/survey-settings.server";
import { surveySettingsSchema } from "../schemas/survey.server";
import { formatTimestamp } from "../utils/dates";
import { formAction, parseForm } from "../utils/form.server";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.surveySettings");

/** Coordinators set the answer time per type, the validity of earlier answers and the "asked recently" window (ADR 026). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "triage:request:any");
  const settings = await getSurveySettings();
  return { ...settings, updatedAt: settings.updatedAt.toISOString() };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const form = await parseForm(request, surveySettingsSchema);
  if (!form.ok) return form;
  await updateSurveySettings({ actor: toActor(user), ...form.data });
  return { ok: true as const };
}

export default function AdminSurveySettings() {
  const { t } = useTranslation();
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  const minutesLabel = (type: (typeof surveyAnswerTypes)[number]) => t("surveySettings.minutes", { type: t(surveyAnswerTypeLabel(type)) });
  return (
    <>
      <p>
        <Link to="/enkater">{t("surveys.title")}</Link>
      </p>
      <h1>{t("surveySettings.title")}</h1>
      <p>{t("surveySettings.intro")}</p>
      {result?.ok ? <StatusNotice>{t("surveySettings.saved")}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          validityMonths: t("surveySettings.validityMonths"),
          recentlyAskedMonths: t("surveySettings.recentlyAskedMonths"),
          ...Object.fromEntries(surveyAnswerTypes.map((type) => [`minutes.${type}`, minutesLabel(type)])),
        }}
      />
      <Form method="post" className="stack" noValidate>
        <TextField
          name="validityMonths"
          label={t("surveySettings.validityMonths")}
          hint={t("surveySettings.validityMonthsHint")}
          defaultValue={values.validityMonths ?? String(settings.validityMonths)}
          errors={failure?.fieldErrors.validityMonths}
        />
        <TextField
          name="recentlyAskedMonths"
          label={t("surveySettings.recentlyAskedMonths")}
          defaultValue={values.recentlyAskedMonths ?? String(settings.recentlyAskedMonths)}
          errors={failure?.fieldErrors.recentlyAskedMonths}
        />
        {surveyAnswerTypes.map((type) => (
          <TextField
            key={type}
            name={`minutes.${type}`}
            label={minutesLabel(type)}
            defaultValue={values[`minutes.${type}`] ?? String(settings.minutes[type])}
            errors={failure?.fieldErrors[`minutes.${type}`]}
          />
        ))}
        <div>
          <button type="submit">{t("surveySettings.submit")}</button>
        </div>
      </Form>
      <p>{t("deadlines.updated", { date: formatTimestamp(settings.updatedAt) })}</p>
    </>
  );
}
