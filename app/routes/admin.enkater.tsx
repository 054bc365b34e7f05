import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { ErrorSummary, TextField } from "../components/forms";
import { surveyAnswerTypes } from "../domain/surveys";
import { getLocale } from "../i18n/locale.server";
import { pageTitle } from "../i18n/page-title";
import { surveyTexts } from "../i18n/survey-texts.server";
import { surveyAnswerTypeLabel } from "../i18n/survey-labels";
import { useTranslation } from "../i18n/use-translation";
import { useSurveyText } from "../i18n/use-survey-text";
import { getSurveySettings, updateSurveySettings } from "../models/survey-settings.server";
import { surveySettingsSchema } from "../schemas/survey.server";
import { formatTimestamp } from "../utils/dates";
import { formAction, parseForm } from "../utils/form.server";

export const meta: MetaFunction = (args) => pageTitle(args, "title.surveySettings");

/** Coordinators set the answer time per type, the validity of earlier answers and the "asked recently" window (ADR 026). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const settings = await getSurveySettings();
  return { ...settings, updatedAt: settings.updatedAt.toISOString(), surveyTexts: surveyTexts(await getLocale(request, user)) };
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
  const st = useSurveyText();
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  const minutesLabel = (type: (typeof surveyAnswerTypes)[number]) =>
    st("surveySettings.minutes", { type: st(surveyAnswerTypeLabel(type)) });
  return (
    <>
      <p>
        <Link to="/enkater">{st("surveys.title")}</Link>
      </p>
      <h1>{st("surveySettings.title")}</h1>
      <p>{st("surveySettings.intro")}</p>
      {result?.ok ? (
        <p className="notice" role="status">
          {st("surveySettings.saved")}
        </p>
      ) : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          validityMonths: st("surveySettings.validityMonths"),
          recentlyAskedMonths: st("surveySettings.recentlyAskedMonths"),
          ...Object.fromEntries(surveyAnswerTypes.map((type) => [`minutes.${type}`, minutesLabel(type)])),
        }}
      />
      <Form method="post" className="stack" noValidate>
        <TextField
          name="validityMonths"
          label={st("surveySettings.validityMonths")}
          hint={st("surveySettings.validityMonthsHint")}
          defaultValue={values.validityMonths ?? String(settings.validityMonths)}
          errors={failure?.fieldErrors.validityMonths}
        />
        <TextField
          name="recentlyAskedMonths"
          label={st("surveySettings.recentlyAskedMonths")}
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
          <button type="submit">{st("surveySettings.submit")}</button>
        </div>
      </Form>
      <p>{t("deadlines.updated", { date: formatTimestamp(settings.updatedAt) })}</p>
    </>
  );
}
