import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { ErrorSummary, TextField } from "../components/forms";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { getDeadlineSettings, updateDeadlineSettings } from "../models/task-deadline.server";
import { deadlineSettingsSchema } from "../schemas/deadline.server";
import { formatTimestamp } from "../utils/dates";
import { formAction, parseForm } from "../utils/form.server";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.adminDeadlines");

/** Coordinators set the answer time routing proposes and the reminder lead (ADR 022). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "triage:request:any");
  const settings = await getDeadlineSettings();
  return { ...settings, updatedAt: settings.updatedAt.toISOString() };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const form = await parseForm(request, deadlineSettingsSchema);
  if (!form.ok) return form;
  await updateDeadlineSettings({ actor: toActor(user), ...form.data });
  return { ok: true as const };
}

export default function AdminDeadlines() {
  const { t } = useTranslation();
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  return (
    <>
      <p>
        <Link to="/admin/triage">{t("triage.back")}</Link>
      </p>
      <h1>{t("deadlines.title")}</h1>
      <p>{t("deadlines.intro")}</p>
      {result?.ok ? <StatusNotice>{t("deadlines.saved")}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{ defaultWorkingDays: t("deadlines.defaultWorkingDays"), reminderWorkingDays: t("deadlines.reminderWorkingDays") }}
      />
      <Form method="post" className="stack" noValidate>
        <TextField
          name="defaultWorkingDays"
          label={t("deadlines.defaultWorkingDays")}
          hint={t("deadlines.defaultWorkingDaysHint")}
          defaultValue={values.defaultWorkingDays ?? String(settings.defaultWorkingDays)}
          errors={failure?.fieldErrors.defaultWorkingDays}
        />
        <TextField
          name="reminderWorkingDays"
          label={t("deadlines.reminderWorkingDays")}
          hint={t("deadlines.reminderWorkingDaysHint")}
          defaultValue={values.reminderWorkingDays ?? String(settings.reminderWorkingDays)}
          errors={failure?.fieldErrors.reminderWorkingDays}
        />
        <div>
          <button type="submit">{t("deadlines.submit")}</button>
        </div>
      </Form>
      <p>{t("deadlines.updated", { date: formatTimestamp(settings.updatedAt) })}</p>
    </>
  );
}
