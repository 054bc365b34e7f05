import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { DataTable, type DataColumn } from "../components/data-table";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { getSpecificationWorklist } from "../models/specification-worklist.server";
import { formatDate } from "../utils/dates";
import { specificationName } from "../domain/specifications";

export const meta: MetaFunction = (args) => pageTitle(args, "title.specificationWorklist");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const worklist = await getSpecificationWorklist();
  return { ...worklist, canRoute: user ? can(toActor(user), "triage:request:any") : false };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function WorklistPage() {
  const { t, tc, locale } = useTranslation();
  const { rows, canRoute } = useLoaderData<typeof loader>();
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const columns: DataColumn<Row>[] = [
    { key: "rank", header: t("worklist.rank"), numeric: true, cell: (row) => rows.indexOf(row) + 1 },
    {
      key: "specification",
      header: t("worklist.specification"),
      rowHeader: true,
      cell: (row) => <Link to={`/specifikationer/${row.specification.id}`}>{specificationName(row.specification)}</Link>,
    },
    {
      key: "demand",
      header: t("worklist.demand"),
      // Its first line names it ("Efterfrågan 3", "20 % täckt"): no column name before it on a phone.
      label: null,
      cell: (row) => (
        <>
          <strong>{t("worklist.demandTotal", { total: row.demandScore })}</strong>
          <ul className="figure-list">
            <li>{tc("worklist.requesters", row.demand.requesters)}</li>
            <li>{tc("worklist.surveyQuestions", row.demand.surveyQuestions)}</li>
            <li>{tc("worklist.votes", row.demand.voters)}</li>
          </ul>
        </>
      ),
    },
    {
      key: "coverage",
      header: t("worklist.coverage"),
      label: null,
      cell: (row) => (
        <>
          <strong>{t("worklist.share", { percent: percent.format(row.coverage) })}</strong>
          <ul className="figure-list">
            <li>{tc("worklist.conforming", row.counts.conforming)}</li>
            <li>{tc("worklist.sameKind", row.counts.sameKind)}</li>
            <li>{tc("worklist.none", row.counts.none)}</li>
          </ul>
        </>
      ),
    },
    {
      key: "lacking",
      header: t("worklist.lacking"),
      cell: (row) =>
        row.lacking.length === 0 ? (
          t("worklist.lackingNone")
        ) : (
          <details>
            <summary>{tc("worklist.lackingSummary", row.lacking.length)}</summary>
            <ul className="figure-list">
              {row.lacking.map((organisation) => (
                <li key={organisation.id}>
                  <Link to={`/specifikationer/tackning?kommun=${organisation.kommunkod ?? ""}`}>{organisation.name}</Link>
                  {organisation.kind === "same_kind" ? ` (${t("worklist.kind.same_kind")})` : null}
                </li>
              ))}
            </ul>
          </details>
        ),
    },
    {
      key: "request",
      header: t("worklist.request"),
      cell: (row) => (
        <>
          {row.lastRequest ? (
            <p>
              <Link to={`/requests/${row.lastRequest.number}`}>
                {tc("worklist.lastRequest", row.lastRequest.organisations, {
                  number: row.lastRequest.number,
                  date: formatDate(row.lastRequest.at, locale),
                })}
              </Link>
            </p>
          ) : null}
          {canRoute && row.lacking.length > 0 ? (
            <Link to={`/specifikationer/arbetslista/${row.specification.id}`}>
              {t("worklist.sendRequest", { name: specificationName(row.specification) })}
            </Link>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <>
      <p>
        <Link to="/specifikationer">{t("specifications.title")}</Link> ·{" "}
        <Link to="/specifikationer/tackning">{t("title.specificationCoverage")}</Link>
      </p>
      <h1>{t("worklist.title")}</h1>
      <p>{t("worklist.intro")}</p>
      <section aria-labelledby="formula">
        <h2 id="formula">{t("worklist.formulaTitle")}</h2>
        <ul>
          <li>{t("worklist.formulaDemand")}</li>
          <li>{t("worklist.formulaCoverage")}</li>
          <li>{t("worklist.formulaRank")}</li>
        </ul>
        <p>{t("worklist.sameKindNote")}</p>
      </section>
      {rows.length === 0 ? (
        <p>{t("worklist.empty")}</p>
      ) : (
        <DataTable caption={t("worklist.caption")} columns={columns} rows={rows} rowKey={(row) => row.specification.id} responsive />
      )}
    </>
  );
}
