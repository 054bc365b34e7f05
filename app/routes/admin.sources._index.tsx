import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { ErrorSummary, RadioGroup, RowActionForm, SelectField, TextField } from "../components/forms";
import { ScheduleChoice } from "../components/harvest-run";
import { HarvestRunStatus } from "../components/harvest-run";
import { useTranslation } from "../i18n/use-translation";
import { enqueueHarvest } from "../jobs/queue.server";
import {
  createCatalogueSource,
  getCatalogueSource,
  listCatalogueSources,
  PublisherUnknownError,
  SourceAddressRefusedError,
  SourceExistsError,
} from "../models/catalogue-source.server";
import { listOrganisations } from "../models/organisation.server";
import { createSourceSchema, runSourceSchema } from "../schemas/catalogue.server";
import { formAction, formFailure, parseForm, parseIntent } from "../utils/form.server";
import { invariantResponse } from "../utils/http.server";
import { pageTitle } from "../i18n/page-title";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.sources");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:catalogue:any");
  const [sources, organisations] = await Promise.all([listCatalogueSources(), listOrganisations()]);
  return { sources, organisations: organisations.filter((o) => o.type === "municipality" || o.type === "region") };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:catalogue:any");
  const intent = await parseIntent(request, ["run", "create"]);
  if (intent === "run") {
    const form = await parseForm(request, runSourceSchema);
    if (!form.ok) return form;
    const source = invariantResponse(await getCatalogueSource(form.data.sourceId), 404);
    await enqueueHarvest(source.id);
    return { ok: true as const, message: "sources.queued" as const, name: source.name, values: {} };
  }
  const form = await parseForm(request, createSourceSchema);
  if (!form.ok) return form;
  try {
    await createCatalogueSource({ actorUserId: user.id, ...form.data });
  } catch (error) {
    if (error instanceof SourceExistsError) return formFailure(form.values, { fields: { location: ["errors.sourceExists"] } });
    if (error instanceof PublisherUnknownError)
      return formFailure(form.values, { fields: { publisherOrganisationId: ["errors.publisherUnknown"] } });
    if (error instanceof SourceAddressRefusedError)
      return formFailure(form.values, { fields: { location: ["errors.sourceAddressRefused"] } });
    throw error;
  }
  return { ok: true as const, message: "sources.added" as const, name: form.data.name, values: {} };
}

export default function CatalogueSources() {
  const { t } = useTranslation();
  const { sources, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  return (
    <>
      <h1>{t("sources.title")}</h1>
      <p>{t("sources.intro")}</p>
      {result?.ok ? <StatusNotice>{t(result.message, { name: result.name })}</StatusNotice> : null}

      <h2>{t("sources.table")}</h2>
      {/* A list of blocks on a phone, a table to a screen reader everywhere (the roles: see .responsive-table). */}
      <div className="table-scroll">
        <table className="responsive-table" role="table">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t("sources.name")}
              </th>
              <th scope="col" role="columnheader">
                {t("sources.datasets")}
              </th>
              <th scope="col" role="columnheader">
                {t("sources.lastRun")}
              </th>
              <th scope="col" role="columnheader">
                {t("sources.schedule")}
              </th>
              <th scope="col" role="columnheader">
                <span className="visually-hidden">{t("sources.runNow")}</span>
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {sources.map((source) => (
              <tr key={source.id} role="row">
                <td role="cell">
                  <Link to={source.id} aria-label={t("sources.details", { name: source.name })}>
                    {source.name}
                  </Link>
                  <br />
                  <span className="muted">{t(`sources.kind.${source.kind}`)}</span>
                </td>
                <td role="cell" data-label={t("sources.datasets")}>
                  {source.datasetCount}
                </td>
                <td role="cell" data-label={t("sources.lastRun")}>
                  <HarvestRunStatus run={source.lastRun} />
                </td>
                <td role="cell" data-label={t("sources.schedule")}>
                  {t(`sources.schedule.${source.schedule}`)}
                </td>
                <td role="cell">
                  <RowActionForm
                    intent="run"
                    name="sourceId"
                    value={source.id}
                    className="button--secondary"
                    label={t("sources.runNowFor", { name: source.name })}
                  >
                    {t("sources.runNow")}
                  </RowActionForm>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="add-heading">{t("sources.addTitle")}</h2>
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          name: t("sources.name"),
          location: t("sources.location"),
          kind: t("sources.kind"),
          schedule: t("sources.schedule"),
          publisherOrganisationId: t("sources.publisher"),
        }}
      />
      <Form method="post" className="stack" aria-labelledby="add-heading" noValidate>
        <input type="hidden" name="intent" value="create" />
        <TextField name="name" label={t("sources.name")} defaultValue={values.name} errors={failure?.fieldErrors.name} />
        <TextField
          name="location"
          type="url"
          label={t("sources.location")}
          defaultValue={values.location}
          errors={failure?.fieldErrors.location}
        />
        <RadioGroup
          name="kind"
          legend={t("sources.kind")}
          defaultValue={values.kind ?? "dcat"}
          options={(["dcat", "ckan"] as const).map((kind) => ({ value: kind, label: t(`sources.kind.${kind}`) }))}
        />
        <SelectField
          name="publisherOrganisationId"
          label={t("sources.publisher")}
          hint={t("sources.publisherHint")}
          defaultValue={values.publisherOrganisationId ?? ""}
          errors={failure?.fieldErrors.publisherOrganisationId}
        >
          <option value="">{t("sources.publisherNone")}</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <ScheduleChoice defaultValue={values.schedule ?? "daily"} />
        <div>
          <button type="submit">{t("sources.addSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
