import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { markdownHtml } from "../components/markdown.server";
import { MarkdownHtml } from "../components/markdown";
import { BenefitSummary, DemandFigures, DemandByRequesterType, requesterLine } from "../components/specification-benefit";
import { metaLocale, pageTitle } from "../i18n/page-title";
import { translate } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { getSpecificationBenefit } from "../models/specification-benefit.server";
import { specificationParamsSchema } from "../schemas/specification.server";
import { notFound } from "../utils/http.server";

/**
 * A specification's "nyttobeskrivning" (issue 14, ADR 043): its demand, the coordinators' summary
 * and every benefit text the requesters wrote. The specification's own page shows the figures and
 * the summary and links here, so a long list of texts does not bury the specification itself.
 */

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, {
    text: args.data
      ? translate(metaLocale(args), "specificationBenefit.heading", {
          name: `${args.data.specification.name} ${args.data.specification.version}`.trim(),
        })
      : undefined,
    fallback: "title.specificationBenefit",
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = specificationParamsSchema.safeParse(params);
  const page = parsed.success ? await getSpecificationBenefit({ specificationId: parsed.data.specificationId }) : undefined;
  if (!page) notFound();
  const user = await getUser(request);
  return {
    ...page,
    // Markdown becomes HTML here (ADR 018); a benefit text sits under an h3.
    benefits: page.benefits.map((benefit) => ({ ...benefit, purposeHtml: markdownHtml(benefit.purpose, 4) })),
    canManage: user ? can(toActor(user), "manage:specification:any") : false,
  };
}

export default function SpecificationBenefitPage() {
  const { t, tc } = useTranslation();
  const { specification: spec, demand, summary, benefits, benefitTotal, canManage } = useLoaderData<typeof loader>();
  const name = `${spec.name} ${spec.version}`.trim();
  return (
    <>
      <h1>{t("specificationBenefit.heading", { name })}</h1>
      <p>
        <Link to={`/specifikationer/${spec.id}`}>{t("specificationBenefit.backToSpecification")}</Link>
      </p>
      <p>{t("specificationBenefit.intro")}</p>

      <h2>{t("specificationBenefit.demand")}</h2>
      <DemandFigures demand={demand} />
      <DemandByRequesterType demand={demand} />
      <p className="hint">{t("specificationBenefit.whatCounts")}</p>

      <h2>{t("specificationBenefit.summary")}</h2>
      <BenefitSummary summary={summary} headingLevel={3} />
      {canManage ? (
        <p>
          <Link to={`/specifikationer/${spec.id}/nytta/redigera`}>
            {t(summary ? "specificationBenefit.edit" : "specificationBenefit.write")}
          </Link>
        </p>
      ) : null}

      <h2>{t("specificationBenefit.texts")}</h2>
      {benefits.length === 0 ? <p>{t("specificationBenefit.noTexts")}</p> : null}
      {benefitTotal > benefits.length ? <p>{tc("specificationBenefit.shownOf", benefitTotal, { shown: benefits.length })}</p> : null}
      <ul className="benefit-list">
        {benefits.map((benefit) => (
          <li key={benefit.requestId}>
            <article aria-labelledby={`benefit-${benefit.number}`}>
              <h3 id={`benefit-${benefit.number}`}>
                <Link to={`/requests/${benefit.number}`}>
                  {t("specificationBenefit.requestLabel", { number: benefit.number, title: benefit.title })}
                </Link>
              </h3>
              <p className="muted">{requesterLine(t, benefit)}</p>
              <MarkdownHtml html={benefit.purposeHtml} />
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
