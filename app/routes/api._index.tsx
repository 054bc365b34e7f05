import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getUser } from "../auth/guard.server";
import { DataTable } from "../components/data-table";
import { OpenDataFiles } from "../components/open-data-files";
import { getLocale } from "../i18n/locale.server";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { openApiDocument } from "../schemas/api/openapi.server";
import { apiRateLimitPerMinute } from "../utils/api.server";
import { portalOrigin } from "../utils/origin.server";
import { registerCsvColumns, statisticsCsvColumns, surveyCsvColumns } from "../utils/csv-columns";

/*
 * /api, the readable API page (issue 12, ADR 037): every endpoint, its parameters and an example,
 * read from the same generated OpenAPI document as /api/openapi.json, in the reader's language.
 */

export const meta: MetaFunction = (args) => pageTitle(args, "apiPage.title");

interface Parameter {
  name: string;
  in: "query" | "path";
  required?: boolean;
  description?: string;
  schema?: { description?: string; enum?: string[]; default?: unknown; items?: { enum?: string[] } };
}

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  parameters?: Parameter[];
}

/** An address that answers, for the example link: path parameters filled with a plausible value. */
const EXAMPLES: Record<string, string> = {
  "/api/requests/{number}": "/api/requests/1",
  "/api/surveys/{id}": "/api/surveys",
  "/api/organisations/{slug}": "/api/organisations/boras",
  "/api/match": "/api/match?q=badplatser",
  "/api/datasets": "/api/datasets?q=badplatser",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await getLocale(request, await getUser(request));
  const document = openApiDocument(locale, portalOrigin(request)) as unknown as { paths: Record<string, { get: Operation }> };
  const endpoints = Object.entries(document.paths).map(([path, { get }]) => ({
    path,
    summary: get.summary,
    description: get.description,
    example: EXAMPLES[path] ?? path,
    parameters: (get.parameters ?? []).map((parameter) => ({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required ?? false,
      description: parameter.description ?? parameter.schema?.description ?? "",
      values: parameter.schema?.enum ?? parameter.schema?.items?.enum ?? null,
    })),
  }));
  // The CSV files' columns in the reader's language (ADR 038), from the list their headers come from.
  const files = (
    [
      ["/requests.csv", registerCsvColumns],
      ["/enkater/<id>/resultat.csv", surveyCsvColumns],
      ["/statistik.csv", statisticsCsvColumns],
    ] as const
  ).map(([path, columns]) => ({ path, columns: columns.map((column) => ({ header: column.header, text: column[locale] })) }));
  return { endpoints, rateLimit: apiRateLimitPerMinute(), files };
}

export default function ApiPage() {
  const { t } = useTranslation();
  const { endpoints, rateLimit, files } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("apiPage.title")}</h1>
      <p>{t("apiPage.intro")}</p>
      <p>
        <a href="/api/openapi.json">{t("apiPage.openapi")}</a>
      </p>
      <h2>{t("apiPage.conventionsTitle")}</h2>
      <ul>
        <li>{t("apiPage.paging")}</li>
        <li>{t("apiPage.caching")}</li>
        <li>{t("apiPage.cors")}</li>
        <li>{rateLimit === null ? t("apiPage.noRateLimit") : t("apiPage.rateLimit", { limit: rateLimit })}</li>
        <li>{t("apiPage.errors")}</li>
      </ul>
      <h2>{t("apiPage.endpointsTitle")}</h2>
      {endpoints.map((endpoint) => {
        const headingId = `endpoint-${endpoint.path.replace(/[^a-z0-9]+/gi, "-")}`;
        return (
          <section key={endpoint.path} aria-labelledby={headingId}>
            <h3 id={headingId}>
              {endpoint.summary}: <code>GET {endpoint.path}</code>
            </h3>
            <p>{endpoint.description}</p>
            <p>
              {t("apiPage.example")}: <a href={endpoint.example}>{endpoint.example}</a>
            </p>
            {endpoint.parameters.length > 0 ? (
              <DataTable
                caption={`${t("apiPage.parameters")}: GET ${endpoint.path}`}
                captionClassName="visually-hidden"
                rows={endpoint.parameters}
                rowKey={(parameter) => parameter.name}
                columns={[
                  { key: "name", header: t("apiPage.parameter"), rowHeader: true, cell: (parameter) => <code>{parameter.name}</code> },
                  {
                    key: "in",
                    header: t("apiPage.in"),
                    cell: (parameter) => t(parameter.in === "path" ? "apiPage.inPath" : "apiPage.inQuery"),
                  },
                  {
                    key: "description",
                    header: t("apiPage.description"),
                    cell: (parameter) => (
                      <>
                        {parameter.description}
                        {parameter.values ? (
                          <>
                            {" "}
                            <span className="muted">({parameter.values.join(", ")})</span>
                          </>
                        ) : null}
                      </>
                    ),
                  },
                ]}
              />
            ) : null}
          </section>
        );
      })}
      <OpenDataFiles files={files} />
    </>
  );
}
