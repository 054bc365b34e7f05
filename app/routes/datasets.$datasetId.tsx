import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fileTypeLabel, licenceLabel, themeLabel } from "../catalogue/eu-vocabularies";
import { pickLanguage } from "../i18n/language-map";
import { requestStatusLabel } from "../i18n/status.messages";
import { useTranslation } from "../i18n/use-translation";
import { getDataset, listRequestsLinkingDataset } from "../models/dataset.server";
import { datasetParamsSchema } from "../schemas/catalogue.server";
import { formatDate } from "../utils/dates";
import { notFound } from "../utils/http.server";
import { metaLocale, pageTitle } from "../i18n/page-title";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, {
    text: args.data ? pickLanguage(args.data.dataset.title, metaLocale(args)).text : undefined,
    fallback: "title.dataset",
  });

export async function loader({ params: raw }: LoaderFunctionArgs) {
  const parsed = datasetParamsSchema.safeParse(raw);
  const dataset = parsed.success ? await getDataset(parsed.data.datasetId) : undefined;
  if (!dataset) notFound();
  return { dataset, requests: await listRequestsLinkingDataset(dataset.id) };
}

function ExternalLink({ href, children }: { href: string; children: React.ReactNode }) {
  // Only http(s) links from a harvested catalogue become links; anything else is shown as text.
  return /^https?:\/\//i.test(href) ? (
    <a href={href} rel="noopener noreferrer nofollow">
      {children}
    </a>
  ) : (
    <span className="break">{href}</span>
  );
}

/**
 * The `lang` of harvested text: its tag, else the catalogue's language for untagged text, else ""
 * (unknown), so that a screen reader does not read French text with the page's Swedish voice.
 */
function textLang(picked: { text: string; lang: string | undefined }, untaggedLanguage: string | null) {
  if (!picked.text) return undefined;
  return picked.lang ?? untaggedLanguage ?? "";
}

/** The keywords in the reader's language, else Swedish, else untagged, else any; with their language. */
function pickKeywordsWithLanguage(map: Record<string, string[]>, locale: string) {
  const language = [locale, "sv", ""].find((key) => map[key]?.length) ?? Object.keys(map)[0];
  return { keywords: language === undefined ? [] : map[language], language };
}

export default function DatasetPage() {
  const { t, locale } = useTranslation();
  const { dataset, requests } = useLoaderData<typeof loader>();
  const title = pickLanguage(dataset.title, locale);
  const description = pickLanguage(dataset.description, locale);
  const untagged = dataset.untaggedLanguage;
  const { keywords, language: keywordLanguage } = pickKeywordsWithLanguage(dataset.keywords, locale);
  const date = (value: string | Date) => formatDate(value, locale);
  return (
    <article>
      <h1 lang={textLang(title, untagged)}>{title.text}</h1>
      <p>
        {t("dataset.publisher")}: <strong>{dataset.publisherName ?? t("dataset.unknownPublisher")}</strong>
      </p>
      {dataset.removedAt ? (
        <p className="notice" role="note">
          {t("dataset.removed", { date: date(dataset.removedAt) })}
        </p>
      ) : null}

      <h2>{t("dataset.description")}</h2>
      {description.text ? <p lang={textLang(description, untagged)}>{description.text}</p> : <p>{t("dataset.noDescription")}</p>}

      <h2>{t("dataset.distributions")}</h2>
      {dataset.distributions.length === 0 ? (
        <p>{t("dataset.noDistributions")}</p>
      ) : (
        <ul className="distribution-list">
          {dataset.distributions.map((distribution, index) => {
            const name = pickLanguage(distribution.title, locale);
            const href = distribution.downloadUrl ?? distribution.accessUrl;
            return (
              <li key={distribution.uri ?? index}>
                {name.text ? (
                  <span lang={textLang(name, untagged)}>{name.text}</span>
                ) : (
                  <span>{distribution.format ? fileTypeLabel(distribution.format, locale) : t("dataset.access")}</span>
                )}
                {distribution.format ? <span className="badge">{fileTypeLabel(distribution.format, locale)}</span> : null}{" "}
                {href ? (
                  <ExternalLink href={href}>{distribution.downloadUrl ? t("dataset.download") : t("dataset.access")}</ExternalLink>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}

      <dl className="facts">
        {keywords.length > 0 ? (
          <>
            <dt>{t("dataset.keywords")}</dt>
            <dd lang={keywordLanguage || untagged || ""}>{keywords.join(", ")}</dd>
          </>
        ) : null}
        {dataset.themes.length > 0 ? (
          <>
            <dt>{t("dataset.themes")}</dt>
            <dd>{dataset.themes.map((theme) => themeLabel(theme, locale)).join(", ")}</dd>
          </>
        ) : null}
        {dataset.conformsTo.length > 0 ? (
          <>
            <dt>{t("dataset.specifications")}</dt>
            <dd>
              <ul>
                {dataset.conformsTo.map((spec) => (
                  <li key={spec}>
                    <ExternalLink href={spec}>{spec}</ExternalLink>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {dataset.licence ? (
          <>
            <dt>{t("dataset.licence")}</dt>
            <dd>
              {/^https?:\/\//i.test(dataset.licence) ? (
                <ExternalLink href={dataset.licence}>{licenceLabel(dataset.licence, locale)}</ExternalLink>
              ) : (
                // A licence written as text, in the catalogue's language.
                <span lang={untagged ?? ""}>{dataset.licence}</span>
              )}
            </dd>
          </>
        ) : null}
        {dataset.modified ? (
          <>
            <dt>{t("dataset.modified")}</dt>
            <dd>{dataset.modified.slice(0, 10)}</dd>
          </>
        ) : null}
        {dataset.contactPoint?.email || dataset.contactPoint?.name ? (
          <>
            <dt>{t("dataset.contact")}</dt>
            <dd>
              {dataset.contactPoint.name}
              {dataset.contactPoint.email ? (
                <>
                  {" "}
                  <a href={`mailto:${dataset.contactPoint.email}`}>{dataset.contactPoint.email}</a>
                </>
              ) : null}
            </dd>
          </>
        ) : null}
        {dataset.landingPage ? (
          <>
            <dt>{t("dataset.landingPage")}</dt>
            <dd>
              <ExternalLink href={dataset.landingPage}>{dataset.landingPage}</ExternalLink>
            </dd>
          </>
        ) : null}
        <dt>{t("dataset.source")}</dt>
        <dd>{dataset.sourceUrl ? <ExternalLink href={dataset.sourceUrl}>{dataset.sourceName}</ExternalLink> : dataset.sourceName}</dd>
        {!dataset.uriIsDerived ? (
          <>
            <dt>{t("dataset.uri")}</dt>
            <dd className="break">{dataset.uri}</dd>
          </>
        ) : null}
      </dl>

      <h2>{t("dataset.requests")}</h2>
      {requests.length === 0 ? (
        <p>{t("dataset.noRequests")}</p>
      ) : (
        <ul>
          {requests.map((request) => (
            <li key={request.number}>
              <Link to={`/requests/${request.number}`}>
                {request.number}. {request.title}
              </Link>{" "}
              <span className="muted">
                – {t(requestStatusLabel(request.status))}
                {request.reason === "accepted_answer" ? `, ${t("dataset.acceptedAnswer")}` : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
