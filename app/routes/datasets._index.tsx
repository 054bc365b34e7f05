import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { fileTypeLabel, licenceLabel, themeLabel } from "../catalogue/eu-vocabularies";
import { MarkedText, searchStems } from "../components/marked-text";
import { pickLanguage } from "../i18n/language-map";
import { formatDate, isCalendarDate } from "../utils/dates";
import { Pager, useSubmitOnChange } from "../components/list-navigation";
import { useTranslation } from "../i18n/use-translation";
import type { MessageKey } from "../i18n/translate";
import { searchDatasets } from "../models/dataset.server";
import { datasetSearchParamsSchema } from "../schemas/catalogue.server";
import { assertWellFormedQuery } from "../utils/form.server";
import { respondToFailure } from "../utils/http.server";
import { pageTitle } from "../i18n/page-title";

export const meta: MetaFunction = (args) => pageTitle(args, "title.datasets");

const PAGE_SIZE = 20;
const facetNames = ["publisher", "theme", "format", "specification"] as const;
type FacetName = (typeof facetNames)[number];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  assertWellFormedQuery(url);
  const input = datasetSearchParamsSchema.parse({
    q: url.searchParams.get("q") ?? undefined,
    page: url.searchParams.get("page") ?? undefined,
    ...Object.fromEntries(facetNames.map((name) => [name, url.searchParams.getAll(name)])),
  });
  const filters = Object.fromEntries(facetNames.map((name) => [name, input[name]])) as Record<FacetName, string[]>;
  // Meilisearch not answering is the 503 page asking to try again shortly.
  const result = await searchDatasets({ text: input.q, filters, page: input.page, pageSize: PAGE_SIZE }).catch(respondToFailure);
  return { q: input.q, filters, result };
}

export default function Datasets() {
  const { t, locale } = useTranslation();
  const { q, filters, result } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const submitOnChange = useSubmitOnChange();
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const label = (facet: FacetName, value: string) =>
    facet === "theme"
      ? themeLabel(value, locale)
      : facet === "format"
        ? fileTypeLabel(value, locale)
        : facet === "specification"
          ? // Own names only: a value such as "__proto__" reaches every object's prototype.
            Object.hasOwn(result.specificationNames, value)
            ? result.specificationNames[value]!
            : value
          : value;
  const hasFilters = facetNames.some((facet) => filters[facet].length > 0);
  const stems = searchStems(q ?? "");

  return (
    <>
      <h1>{t("datasets.title")}</h1>
      <p>{t("datasets.intro")}</p>
      <Form method="get" role="search" className="dataset-search" onChange={(event) => submitOnChange(event.currentTarget)}>
        <div className="field">
          <label htmlFor="q">{t("datasets.search")}</label>
          <p className="hint" id="q-hint">
            {t("datasets.searchHint")}
          </p>
          <div className="search-row">
            <input id="q" name="q" type="search" defaultValue={q} aria-describedby="q-hint" maxLength={1000} />
            <button type="submit">{t("datasets.submit")}</button>
          </div>
        </div>

        {/* On a phone the filters come first and fill a screen or two: the results are one step away. */}
        <p className="to-results">
          <a href="#results">{t("datasets.toResults", { count: result.total })}</a>
        </p>
        <div className="dataset-layout">
          <section aria-labelledby="filters-heading" className="facets">
            <h2 id="filters-heading">{t("datasets.filters")}</h2>
            {facetNames.map((facet) => {
              const counts = result.facets[facet];
              const selected = filters[facet];
              // Selected values stay listed even when the current text finds none of them.
              const values = [
                ...counts,
                ...selected.filter((v) => !counts.some((c) => c.value === v)).map((value) => ({ value, count: 0 })),
              ];
              if (values.length === 0) return null;
              return (
                <fieldset key={facet} className="facet">
                  <legend>{t(`datasets.facet.${facet}` as MessageKey)}</legend>
                  {values.slice(0, 15).map(({ value, count }) => (
                    <label key={value} className="choice">
                      <input type="checkbox" name={facet} value={value} defaultChecked={selected.includes(value)} />
                      <span>
                        {label(facet, value)} <span className="muted">({count})</span>
                      </span>
                    </label>
                  ))}
                </fieldset>
              );
            })}
            <noscript>
              <button type="submit">{t("datasets.applyFilters")}</button>
            </noscript>
            {hasFilters ? (
              <p>
                <Link to={q ? `?${new URLSearchParams({ q })}` : "."}>{t("datasets.clearFilters")}</Link>
              </p>
            ) : null}
          </section>

          <section
            id="results"
            tabIndex={-1}
            aria-labelledby="results-heading"
            className="results"
            aria-busy={navigation.state === "loading"}
          >
            <h2 id="results-heading" className="visually-hidden">
              {t("datasets.results")}
            </h2>
            <p role="status">{q ? t("datasets.countFor", { count: result.total, q }) : t("datasets.count", { count: result.total })}</p>
            {result.hits.length === 0 ? <p>{t("datasets.none")}</p> : null}
            <ol className="result-list">
              {result.hits.map((hit) => (
                <li key={hit.id} className="dataset-result">
                  <Link to={`/datasets/${hit.entityId}`} className="result-title">
                    <MarkedText text={hit.title} stems={stems} />
                  </Link>
                  {hit.publisher ? <span className="muted"> – {hit.publisher}</span> : null}
                  <DescriptionLine description={hit.description} stems={stems} />
                  <ResultFacts hit={hit} />
                </li>
              ))}
            </ol>
            <Pager page={result.page} pages={pages} hasNext={result.page < pages} />
          </section>
        </div>
      </Form>
    </>
  );
}

type Hit = Awaited<ReturnType<typeof loader>>["result"]["hits"][number];

function DescriptionLine({ description, stems }: { description: Record<string, string>; stems: string[] }) {
  const { locale } = useTranslation();
  const picked = pickLanguage(description, locale);
  if (!picked.text) return null;
  return (
    <p className="dataset-result__description" lang={picked.lang}>
      <MarkedText text={picked.text} stems={stems} />
    </p>
  );
}

/** Formats, licence and when the catalogue says it was updated, each only when known. */
function ResultFacts({ hit }: { hit: Hit }) {
  const { t, locale } = useTranslation();
  const modified = hit.modified ? hit.modified.slice(0, 10) : null;
  const facts = [
    hit.formats.length
      ? `${t("datasets.result.formats")}: ${[...new Set(hit.formats.map((f) => fileTypeLabel(f, locale)))].join(", ")}`
      : null,
    hit.licence ? `${t("datasets.result.licence")}: ${licenceLabel(hit.licence, locale)}` : null,
    modified && isCalendarDate(modified) ? `${t("datasets.result.updated")}: ${formatDate(modified, locale)}` : null,
  ].filter((fact): fact is string => fact !== null);
  if (facts.length === 0) return null;
  return (
    // Spans in a paragraph, not a nested list: each result stays one list item with its facts.
    <p className="dataset-result__facts">
      {facts.map((fact) => (
        <span key={fact}>{fact}</span>
      ))}
    </p>
  );
}
