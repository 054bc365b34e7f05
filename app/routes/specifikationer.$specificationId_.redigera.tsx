import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { toActor } from "../auth/guard.server";
import { ErrorSummary, SelectField, TextAreaField } from "../components/forms";
import { SpecificationForm } from "../components/specification-form";
import { canTransition } from "../domain/lifecycle";
import { pageTitle } from "../i18n/page-title";
import { enqueueSameKindJudgement } from "../jobs/specification-coverage.server";
import { specificationStatusLabel } from "../i18n/status.messages";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { changeSpecificationStatus, getSpecification, listSpecifications, updateSpecification } from "../models/specification.server";
import {
  specificationFormSchema,
  specificationIntents,
  specificationParamsSchema,
  specificationStatusSchema,
} from "../schemas/specification.server";
import { conflictFailure, formAction, parseForm, parseIntent } from "../utils/form.server";
import { notFound } from "../utils/http.server";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.specificationEdit");

async function load(params: LoaderFunctionArgs["params"]) {
  const parsed = specificationParamsSchema.safeParse(params);
  const page = parsed.success ? await getSpecification({ id: parsed.data.specificationId }) : null;
  if (!page) notFound();
  return page;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:specification:any");
  const page = await load(params);
  const others = (await listSpecifications()).filter((s) => s.id !== page.specification.id && s.status !== "retired");
  return { specification: page.specification, others: others.map((s) => ({ id: s.id, name: s.name, version: s.version })) };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

const done = (message: MessageKey) => ({ ok: true as const, message });

async function runAction({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:specification:any");
  const actor = toActor(user);
  const { specification } = await load(params);
  const intent = await parseIntent(request, specificationIntents);
  if (intent === "save") {
    const form = await parseForm(request, specificationFormSchema);
    if (!form.ok) return form;
    return updateSpecification({ actor, id: specification.id, ...form.data })
      .then(async ({ changed }) => {
        if (changed) await enqueueSameKindJudgement();
        return done("specifications.saved");
      })
      .catch((error) => conflictFailure(error, form.values));
  }
  const form = await parseForm(request, specificationStatusSchema);
  if (!form.ok) return form;
  return changeSpecificationStatus({ actor, id: specification.id, ...form.data, reason: form.data.reason || null })
    .then(() => done(form.data.to === "adopted" ? "specifications.adopted" : "specifications.retired"))
    .catch((error) => conflictFailure(error, form.values));
}

export default function EditSpecificationPage() {
  const { t } = useTranslation();
  const { specification: spec, others } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const statusFailure = failure?.values.intent === "status" ? failure : undefined;
  const next = (["adopted", "retired"] as const).filter((to) => canTransition("specification", spec.status, to));
  return (
    <>
      <h1>{t("title.specificationEdit")}</h1>
      <p>
        <Link to={`/specifikationer/${spec.id}`}>
          {spec.name} {spec.version}
        </Link>{" "}
        ({t(specificationStatusLabel(spec.status))})
      </p>
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      <SpecificationForm
        values={{
          name: spec.name,
          version: spec.version,
          uri: spec.uri ?? "",
          schemaUrl: spec.schemaUrl ?? "",
          description: spec.description,
          fields: spec.fields.join("\n"),
          maintainer: spec.maintainer,
        }}
        failure={failure?.values.intent === "save" ? failure : undefined}
        submitLabel={t("specifications.save")}
      />
      {next.length > 0 ? (
        <>
          <h2>{t("specifications.statusTitle")}</h2>
          <ErrorSummary
            errors={statusFailure}
            fieldLabels={{ replacedById: t("specifications.replacement"), reason: t("specifications.reason") }}
          />
          <Form method="post">
            <input type="hidden" name="intent" value="status" />
            {next.includes("retired") ? (
              <SelectField
                name="replacedById"
                label={t("specifications.replacement")}
                defaultValue={statusFailure?.values.replacedById ?? ""}
                errors={statusFailure?.fieldErrors.replacedById}
                required={false}
              >
                <option value="">{t("specifications.noReplacement")}</option>
                {others.map((other) => (
                  <option key={other.id} value={other.id}>
                    {other.name} {other.version}
                  </option>
                ))}
              </SelectField>
            ) : null}
            <TextAreaField
              name="reason"
              label={t("specifications.reason")}
              rows={3}
              required={false}
              defaultValue={statusFailure?.values.reason ?? ""}
              errors={statusFailure?.fieldErrors.reason}
            />
            {next.map((to) => (
              <button key={to} type="submit" name="to" value={to}>
                {t(to === "adopted" ? "specifications.adopt" : "specifications.retire")}
              </button>
            ))}
          </Form>
        </>
      ) : null}
    </>
  );
}
