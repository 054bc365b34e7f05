import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { ErrorSummary, TextAreaField, TextField } from "../components/forms";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { listAssumptionVersions, saveAssumptions } from "../models/time-saved-assumptions.server";
import { assumptionsFormSchema } from "../schemas/time-saved.server";
import { formAction, parseForm } from "../utils/form.server";
import { StatusNotice } from "../components/status-notice";

/*
 * Coordinators change the time-saved assumptions, /admin/tidsbesparing/antaganden (issue 10,
 * ADR 025): every save is a new version; ledger rows keep the version they were counted under.
 */

export const meta: MetaFunction = (args) => pageTitle(args, "title.adminTimeSavedAssumptions");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:time-saved-assumptions:any");
  const [current] = await listAssumptionVersions();
  return { current: { ...current, createdAt: current.createdAt.toISOString() } };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:time-saved-assumptions:any");
  const form = await parseForm(request, assumptionsFormSchema);
  if (!form.ok) return form;
  const { version } = await saveAssumptions({ actorUserId: user.id, assumptions: form.data });
  return { ok: true as const, version };
}

const kinds = ["municipality", "region"] as const;
const scenarios = ["low", "central", "high"] as const;
const fieldName = (kind: (typeof kinds)[number], scenario: (typeof scenarios)[number]) =>
  `${kind}${scenario[0].toUpperCase()}${scenario.slice(1)}`;

export default function TimeSavedAssumptions() {
  const { t } = useTranslation();
  const { current } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  const fieldLabel = (kind: (typeof kinds)[number], scenario: (typeof scenarios)[number]) =>
    t("assumptions.field", { organisation: t(`methodology.${kind}`), scenario: t(`timeSaved.scenario.${scenario}`).toLowerCase() });
  const labels: Record<string, string> = {
    questionPercentLow: t("assumptions.questionLow"),
    questionPercentHigh: t("assumptions.questionHigh"),
    note: t("assumptions.note"),
  };
  for (const kind of kinds) for (const s of scenarios) labels[fieldName(kind, s)] = fieldLabel(kind, s);
  return (
    <>
      <p>
        <Link to="/admin/tidsbesparing">{t("report.title")}</Link> · <Link to="/tidsbesparing/metod">{t("report.methodology")}</Link>
      </p>
      <h1>{t("assumptions.title")}</h1>
      <p>{t("assumptions.intro")}</p>
      <p>{t("assumptions.current", { version: current.version })}</p>
      {result?.ok ? <StatusNotice>{t("assumptions.saved", { version: result.version })}</StatusNotice> : null}
      <ErrorSummary errors={failure} fieldLabels={labels} />
      <Form method="post" className="stack" noValidate>
        <fieldset>
          <legend>{t("assumptions.minutesLegend")}</legend>
          {kinds.map((kind) =>
            scenarios.map((s) => {
              const name = fieldName(kind, s);
              return (
                <TextField
                  key={name}
                  name={name}
                  label={labels[name]}
                  defaultValue={values[name] ?? String(current.minutes[kind][s])}
                  errors={failure?.fieldErrors[name]}
                />
              );
            }),
          )}
        </fieldset>
        <fieldset>
          <legend>{t("assumptions.questionLegend")}</legend>
          <TextField
            name="questionPercentLow"
            label={labels.questionPercentLow}
            defaultValue={values.questionPercentLow ?? String(current.questionPercent.low)}
            errors={failure?.fieldErrors.questionPercentLow}
          />
          <TextField
            name="questionPercentHigh"
            label={labels.questionPercentHigh}
            defaultValue={values.questionPercentHigh ?? String(current.questionPercent.high)}
            errors={failure?.fieldErrors.questionPercentHigh}
          />
        </fieldset>
        <TextAreaField name="note" label={labels.note} defaultValue={values.note ?? ""} errors={failure?.fieldErrors.note} />
        <div>
          <button type="submit">{t("assumptions.submit")}</button>
        </div>
      </Form>
    </>
  );
}
