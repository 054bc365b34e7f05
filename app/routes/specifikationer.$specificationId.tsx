import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { pageTitle } from "../i18n/page-title";
import { requestStatusLabel, specificationStatusLabel } from "../i18n/status.messages";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { getSpecificationPage } from "../models/specification.server";
import { BenefitSummary, DemandFigures } from "../components/specification-benefit";
import { specificationParamsSchema } from "../schemas/specification.server";
import { specificationName } from "../domain/specifications";
import { formatDate } from "../utils/dates";
import { ActorName } from "./requests.$number/actor-name";
import { notFound } from "../utils/http.server";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, { text: args.data?.specification.name, fallback: "title.specification" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = specificationParamsSchema.safeParse(params);
  const page = parsed.success ? await getSpecificationPage({ id: parsed.data.specificationId }) : null;
  if (!page) notFound();
  const user = await getUser(request);
  return { ...page, canManage: user ? can(toActor(user), "manage:specification:any") : false };
}

const historyLabels: Record<string, MessageKey> = {
  seed: "specifications.history.seed",
  create: "specifications.history.create",
  edit: "specifications.history.edit",
  adopt: "specifications.history.adopt",
  retire: "specifications.history.retire",
  benefit_summary: "specifications.history.benefitSummary",
};

type HistoryEvent = ReturnType<typeof useLoaderData<typeof loader>>["history"][number];

/** What happened, in words: an action the page has no words for says so, never its code. */
function HistoryLabel({ event }: { event: HistoryEvent }) {
  const { t, tc } = useTranslation();
  if (event.action === "request_lacking" && event.request) {
    const { number, organisations } = event.request;
    return number === null ? (
      <>{tc("specifications.history.requestLackingNotShown", organisations)}</>
    ) : (
      <Link to={`/requests/${number}`}>{tc("specifications.history.requestLacking", organisations, { number })}</Link>
    );
  }
  return <>{t(historyLabels[event.action] ?? "specifications.history.other")}</>;
}

function Address({ href }: { href: string | null }) {
  const { t } = useTranslation();
  return href ? (
    <a href={href} rel="noopener noreferrer" className="break">
      {href}
    </a>
  ) : (
    <>{t("specifications.none")}</>
  );
}

export default function SpecificationPage() {
  const { t, tc, locale } = useTranslation();
  const { specification: spec, history, replacedBy, requests, benefit, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{specificationName(spec)}</h1>
      {canManage ? (
        <p>
          <Link to={`/specifikationer/${spec.id}/redigera`}>{t("specifications.edit")}</Link>
        </p>
      ) : null}
      <dl>
        <dt>{t("specifications.status")}</dt>
        <dd>{t(specificationStatusLabel(spec.status))}</dd>
        {replacedBy ? (
          <>
            <dt>{t("specifications.replacedBy")}</dt>
            <dd>
              <Link to={`/specifikationer/${replacedBy.id}`}>
                {replacedBy.name} {replacedBy.version}
              </Link>
            </dd>
          </>
        ) : null}
        <dt>{t("specifications.origin")}</dt>
        <dd>{t(spec.origin === "national" ? "specifications.origin.national" : "specifications.origin.regional")}</dd>
        <dt>{t("specifications.maintainer")}</dt>
        <dd>{spec.maintainer || t("specifications.none")}</dd>
        <dt>{t("specifications.uri")}</dt>
        <dd>
          <Address href={spec.uri} />
        </dd>
        <dt>{t("specifications.schemaUrl")}</dt>
        <dd>
          <Address href={spec.schemaUrl} />
        </dd>
        {spec.sourceUrl ? (
          <>
            <dt>{t("specifications.source")}</dt>
            <dd>
              <Address href={spec.sourceUrl} />
            </dd>
          </>
        ) : null}
      </dl>
      {spec.description ? (
        <>
          <h2>{t("specifications.description")}</h2>
          <p className="pre-line">{spec.description}</p>
        </>
      ) : null}
      {spec.fields.length > 0 ? (
        <>
          <h2>{t("specifications.fields")}</h2>
          <ul>
            {spec.fields.map((field) => (
              <li key={field}>
                <code>{field}</code>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <section aria-labelledby="demand-and-benefit">
        <h2 id="demand-and-benefit">{t("specificationBenefit.section")}</h2>
        <DemandFigures demand={benefit.demand} />
        <h3>{t("specificationBenefit.summary")}</h3>
        <BenefitSummary summary={benefit.summary} headingLevel={4} />
        <p>
          <Link to={`/specifikationer/${spec.id}/nytta`}>
            {benefit.benefitTotal > 0 ? tc("specificationBenefit.readAll", benefit.benefitTotal) : t("specificationBenefit.readMore")}
          </Link>
          {canManage ? (
            <>
              {" · "}
              <Link to={`/specifikationer/${spec.id}/nytta/redigera`}>
                {t(benefit.summary ? "specificationBenefit.edit" : "specificationBenefit.write")}
              </Link>
            </>
          ) : null}
        </p>
      </section>
      <h2>{t("specifications.requests")}</h2>
      {requests.length === 0 ? (
        <p>{t("specifications.noRequests")}</p>
      ) : (
        <ul>
          {requests.map((r) => (
            <li key={r.number}>
              <Link to={`/requests/${r.number}`}>{r.title}</Link> ({t(requestStatusLabel(r.status))})
            </li>
          ))}
        </ul>
      )}
      <h2>{t("specifications.history")}</h2>
      <ol>
        {history.map((event) => (
          <li key={event.id}>
            <time dateTime={new Date(event.at).toISOString()}>{formatDate(event.at, locale)}</time>: <HistoryLabel event={event} />
            {event.actor.kind !== "system" ? (
              <>
                {" "}
                {t("specifications.historyBy")} <ActorName actor={event.actor} />
              </>
            ) : null}
            {event.reason ? ` – ${event.reason}` : ""}
          </li>
        ))}
      </ol>
    </>
  );
}
