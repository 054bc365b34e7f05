import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "../components/data-table";
import { Pager } from "../components/list-navigation";
import { pickLanguage } from "../i18n/language-map";
import { pageTitle } from "../i18n/page-title";
import { feedLink } from "../utils/feed-link";
import { taskStatusLabel } from "../i18n/status.messages";
import { useTranslation } from "../i18n/use-translation";
import { getOrganisationPage } from "../models/organisation-statistics.server";
import { organisationPageSearchParamsSchema, organisationSlugParam } from "../schemas/statistics.server";
import { formatDate } from "../utils/dates";
import { assertWellFormedQuery } from "../utils/form.server";
import { invariantResponse, notFound } from "../utils/http.server";
import { formatShare, formatWorkingDays } from "../utils/statistics-format";

/*
 * An organisation's public page, /organisationer/<slug> (issue 9, ADR 024): how it answers (the
 * statistics page's figures for it), the datasets its answers link and the requests it was sent.
 * Nothing beyond what the request pages show publicly: no assignee, no draft.
 */

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, { text: args.data?.organisation.name, fallback: "title.organisation" }),
  ...(args.data
    ? [
        feedLink(
          args,
          "feed.organisationLinkTitle",
          { name: args.data.organisation.name },
          `/organisationer/${args.data.organisation.slug}/flode.atom`,
        ),
      ]
    : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = organisationSlugParam.safeParse(params.slug);
  if (!slug.success) notFound();
  const url = new URL(request.url);
  assertWellFormedQuery(url);
  const { page } = organisationPageSearchParamsSchema.parse({ page: url.searchParams.get("page") ?? undefined });
  return invariantResponse(await getOrganisationPage({ slug: slug.data, page }), 404);
}

export default function OrganisationPage() {
  const { t, locale } = useTranslation();
  const { organisation, figures, datasets, requests, page, hasNextPage } = useLoaderData<typeof loader>();
  const figureList: [string, string, string?][] = [
    [t("statistics.open"), String(figures.open)],
    [t("statistics.overdue"), String(figures.overdue)],
    [
      t("statistics.answered"),
      String(figures.answered),
      t("organisationPage.notHeldAndDeclined", {
        notHeld: figures.notHeld,
        declined: t("organisationPage.declined", { count: figures.declined }),
      }),
    ],
    [t("statistics.median"), formatWorkingDays(figures.medianWorkingDays, locale)],
    [t("statistics.shareInTime"), formatShare(figures.shareInTime, locale)],
    [t("statistics.datasets"), String(figures.datasets)],
  ];
  return (
    <>
      <h1>{organisation.name}</h1>
      {organisation.kommunkod ? <p className="muted">{t("organisationPage.kommunkod", { kommunkod: organisation.kommunkod })}</p> : null}

      <h2>{t("organisationPage.figuresTitle")}</h2>
      <dl className="figures">
        {figureList.map(([term, value, note]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
            {note ? <dd className="muted">{note}</dd> : null}
          </div>
        ))}
      </dl>
      {organisation.type === "municipality" ? (
        <p>
          <Link to="/statistik">{t("organisationPage.toStatistics")}</Link>
        </p>
      ) : null}

      <h2>{t("organisationPage.datasetsTitle")}</h2>
      {datasets.length ? (
        <ul>
          {datasets.map((d) => (
            <li key={d.datasetId ?? d.pendingUri}>
              {d.datasetId ? (
                (() => {
                  const title = pickLanguage(d.title, locale);
                  return (
                    <Link to={`/datasets/${d.datasetId}`} lang={title.lang}>
                      {title.text || d.datasetId}
                    </Link>
                  );
                })()
              ) : (
                <span className="break">
                  {d.pendingUri} ({t("organisationPage.pendingDataset")})
                </span>
              )}{" "}
              <span className="muted">
                – <Link to={`/requests/${d.requestNumber}`}>{t("organisationPage.datasetRequest", { number: d.requestNumber })}</Link>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("organisationPage.datasetsNone")}</p>
      )}

      <h2 id="requests-title">{t("organisationPage.requestsTitle", { name: organisation.name })}</h2>
      {requests.length ? (
        <DataTable
          labelledBy="requests-title"
          rows={requests}
          rowKey={(r) => String(r.number)}
          columns={[
            { key: "number", header: t("organisationPage.requestNumber"), cell: (r) => r.number },
            { key: "title", header: t("organisationPage.requestTitle"), cell: (r) => <Link to={`/requests/${r.number}`}>{r.title}</Link> },
            {
              key: "status",
              header: t("organisationPage.taskStatus"),
              cell: (r) => (
                <>
                  {t(taskStatusLabel(r.status))}
                  {r.overdue ? <strong className="run-status--failed"> – {t("organisationPage.overdue")}</strong> : null}
                </>
              ),
            },
            { key: "due", header: t("organisationPage.dueDate"), cell: (r) => formatDate(r.dueDate, locale) },
            {
              key: "answered",
              header: t("organisationPage.answeredAt"),
              cell: (r) => (r.answeredAt ? formatDate(r.answeredAt, locale) : "–"),
            },
          ]}
        />
      ) : (
        <p>{t("organisationPage.requestsNone", { name: organisation.name })}</p>
      )}
      <Pager page={page} hasNext={hasNextPage} />
    </>
  );
}
