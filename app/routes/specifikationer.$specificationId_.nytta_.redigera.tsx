import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { ErrorSummary, TextAreaField } from "../components/forms";
import { requesterLine } from "../components/specification-benefit";
import { BENEFIT_SUMMARY_MAX_LENGTH } from "../domain/specification-benefit";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { getBenefitSummaryForm, saveBenefitSummary } from "../models/specification-benefit.server";
import { benefitSummaryFormSchema, benefitSummaryLists } from "../schemas/specification-benefit.server";
import { specificationParamsSchema } from "../schemas/specification.server";
import { formatDate } from "../utils/dates";
import { conflictFailure, formAction, parseForm } from "../utils/form.server";
import { notFound } from "../utils/http.server";
import { StatusNotice } from "../components/status-notice";
import { keptList } from "../utils/kept-values";

/** The coordinators' form for a specification's benefit summary and its sources (issue 14, ADR 043). */

export const meta: MetaFunction = (args) => pageTitle(args, "title.specificationBenefitEdit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:specification:any");
  const parsed = specificationParamsSchema.safeParse(params);
  const page = parsed.success
    ? await getBenefitSummaryForm({ actor: toActor(user), specificationId: parsed.data.specificationId })
    : undefined;
  if (!page) notFound();
  return page;
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

const CHANGED = "errors.benefitSummaryChanged";

/**
 * With single fetch, Remix does not reload the page's data after a 4xx: after a save refused because
 * a colleague saved first it must, to show their text and carry the version the next save is made on.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  const formErrors = (actionResult as { formErrors?: unknown } | undefined)?.formErrors;
  if (Array.isArray(formErrors) && formErrors.includes(CHANGED)) return true;
  return defaultShouldRevalidate;
};

async function runAction({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:specification:any");
  const parsed = specificationParamsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const form = await parseForm(request, benefitSummaryFormSchema, { lists: benefitSummaryLists });
  if (!form.ok) return form;
  return saveBenefitSummary({ actor: toActor(user), specificationId: parsed.data.specificationId, ...form.data })
    .then(({ changed }) => ({
      ok: true as const,
      message: changed ? ("specificationBenefit.saved" as const) : ("specificationBenefit.unchanged" as const),
    }))
    .catch((error) => conflictFailure(error, form.values));
}

export default function EditBenefitSummaryPage() {
  const { t, locale } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  // After a refused save the form shows what was typed and ticked; otherwise what is saved.
  const text = failure ? (failure.values.text ?? "") : page.text;
  const ticked = new Set(failure ? (keptList(failure.values, "sourceRequestIds") ?? []) : page.sourceIds);
  const spec = page.specification;
  const changedMeanwhile = failure?.formErrors.includes(CHANGED) ?? false;
  return (
    <>
      <h1>{t("title.specificationBenefitEdit")}</h1>
      <p>
        <Link to={`/specifikationer/${spec.id}/nytta`}>
          {t("specificationBenefit.heading", { name: `${spec.name} ${spec.version}`.trim() })}
        </Link>
      </p>
      {page.updatedAt ? (
        <p className="muted">
          {t("specificationBenefit.editedBy", {
            date: formatDate(page.updatedAt, locale),
            name: page.updatedByName ?? t("requestPage.actor.formerUser"),
          })}
        </p>
      ) : null}
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{ text: t("specificationBenefit.text"), sourceRequestIds: t("specificationBenefit.sourcesLegend") }}
      />
      {changedMeanwhile ? (
        <section aria-labelledby="saved-summary">
          <h2 id="saved-summary">{t("specificationBenefit.savedMeanwhile")}</h2>
          <blockquote className="prewrap">{page.text || t("specificationBenefit.noSummary")}</blockquote>
        </section>
      ) : null}
      <Form method="post" className="stack">
        {/* The version the form was opened on: always the latest loaded, so a refused save can be repeated on purpose. */}
        <input type="hidden" name="version" value={page.version} />
        <TextAreaField
          name="text"
          label={t("specificationBenefit.text")}
          hint={t("specificationBenefit.textHint")}
          required={false}
          rows={10}
          maxLength={BENEFIT_SUMMARY_MAX_LENGTH}
          defaultValue={text}
          errors={failure?.fieldErrors.text}
        />
        <fieldset className="field" id="sourceRequestIds">
          <legend>{t("specificationBenefit.sourcesLegend")}</legend>
          <p className="hint">{t("specificationBenefit.sourcesHint")}</p>
          {page.choices.length === 0 ? <p>{t("specificationBenefit.noTexts")}</p> : null}
          {page.choices.map((choice) => (
            <div key={choice.requestId} className="benefit-choice">
              <label className="choice">
                <input
                  type="checkbox"
                  name="sourceRequestIds"
                  value={choice.requestId}
                  defaultChecked={ticked.has(choice.requestId)}
                  aria-describedby={`purpose-${choice.number}`}
                />
                <span>
                  {t("specificationBenefit.requestLabel", { number: choice.number, title: choice.title })}{" "}
                  <span className="muted">({requesterLine(t, choice)})</span>
                </span>
              </label>
              <p className="prewrap" id={`purpose-${choice.number}`}>
                {choice.purpose}
                {choice.shown ? null : (
                  <>
                    {" "}
                    <strong>{t("specificationBenefit.noLongerShown")}</strong>
                  </>
                )}
              </p>
            </div>
          ))}
        </fieldset>
        <button type="submit">{t("specificationBenefit.save")}</button>
      </Form>
    </>
  );
}
