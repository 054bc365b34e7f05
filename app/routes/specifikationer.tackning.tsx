import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { DataTable, type DataColumn } from "../components/data-table";
import type { CoverageKind } from "../domain/specifications";
import { pageTitle } from "../i18n/page-title";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { getCoveragePage, type CoverageCell } from "../models/specification-coverage.server";
import { coverageFilterSchema } from "../schemas/specification.server";
import { assertWellFormedQuery } from "../utils/form.server";

export const meta: MetaFunction = (args) => pageTitle(args, "title.specificationCoverage");

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  assertWellFormedQuery(url);
  const filter = coverageFilterSchema.parse(Object.fromEntries(url.searchParams));
  // The filter's choices are every row and column, whatever is filtered.
  const { grid, all: choices } = await getCoveragePage({
    kommunkod: filter.kommun,
    specificationId: filter.specifikation,
    onlyLacking: filter.saknar,
  });
  return {
    filter,
    grid,
    municipalities: choices.rows.map((row) => ({ kommunkod: row.organisation.kommunkod, name: row.organisation.name })),
    specifications: choices.specifications.map((s) => ({ id: s.id, name: s.name, version: s.version })),
  };
}

const shortLabel: Record<CoverageKind, MessageKey> = {
  conforming: "coverage.short.conforming",
  same_kind: "coverage.short.same_kind",
  none: "coverage.short.none",
};
const longLabel: Record<CoverageKind, MessageKey> = {
  conforming: "coverage.kind.conforming",
  same_kind: "coverage.kind.same_kind",
  none: "coverage.kind.none",
};

function Cell({ cell }: { cell: CoverageCell }) {
  const { t, tc } = useTranslation();
  // The short word is what a sighted reader scans; the full wording is what a screen reader says.
  return (
    <span className={`coverage coverage--${cell.kind}`}>
      <span aria-hidden="true">
        {t(shortLabel[cell.kind])}
        {cell.datasets > 0 ? ` (${cell.datasets})` : ""}
      </span>
      <span className="visually-hidden">
        {t(longLabel[cell.kind])}
        {cell.kind !== "none" ? `, ${tc("coverage.datasetCount", cell.datasets)}` : ""}
        {cell.otherVersion ? `, ${t("coverage.otherVersion")}` : ""}
      </span>
      {cell.otherVersion ? <span aria-hidden="true"> ({t("coverage.otherVersion")})</span> : null}
    </span>
  );
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["grid"]["rows"][number];

export default function CoveragePage() {
  const { t } = useTranslation();
  const { filter, grid, municipalities, specifications } = useLoaderData<typeof loader>();
  const columns: DataColumn<Row>[] = [
    {
      key: "organisation",
      header: t("coverage.municipality"),
      rowHeader: true,
      cell: (row) => <Link to={`?kommun=${row.organisation.kommunkod}`}>{row.organisation.name}</Link>,
    },
    ...grid.specifications.map((spec, column) => ({
      key: spec.id,
      header: (
        <Link to={`/specifikationer/${spec.id}`}>
          {spec.name}
          {spec.version ? ` ${spec.version}` : ""}
        </Link>
      ),
      cell: (row: Row) => <Cell cell={row.cells[column]} />,
    })),
  ];
  const chosen = filter.kommun && grid.rows.length === 1 ? grid.rows[0] : null;
  const lacking = chosen ? grid.specifications.filter((_, column) => chosen.cells[column].kind !== "conforming") : [];
  return (
    <>
      <h1>{t("coverage.title")}</h1>
      <p>{t("coverage.intro")}</p>
      <p>
        <a href="/specifikationer/tackning.csv" download>
          {t("coverage.csv")}
        </a>
        {" · "}
        <Link to="/specifikationer/arbetslista">{t("worklist.link")}</Link>
      </p>
      <Form method="get" className="filters">
        <fieldset>
          <legend>{t("coverage.filter")}</legend>
          <div className="field">
            <label htmlFor="kommun">{t("coverage.filterMunicipality")}</label>
            <select id="kommun" name="kommun" defaultValue={filter.kommun ?? ""}>
              <option value="">{t("coverage.filterAll")}</option>
              {municipalities.map((m) => (
                <option key={m.kommunkod} value={m.kommunkod ?? ""}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="specifikation">{t("coverage.filterSpecification")}</label>
            <select id="specifikation" name="specifikation" defaultValue={filter.specifikation ?? ""}>
              <option value="">{t("coverage.filterAll")}</option>
              {specifications.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} {s.version}
                </option>
              ))}
            </select>
          </div>
          <label className="choice">
            <input type="checkbox" name="saknar" value="1" defaultChecked={filter.saknar} /> {t("coverage.filterOnlyLacking")}
          </label>
          <button type="submit">{t("coverage.apply")}</button>
        </fieldset>
      </Form>
      {chosen ? (
        <section aria-labelledby="lacks">
          <h2 id="lacks">{t("coverage.lacks", { name: chosen.organisation.name })}</h2>
          {lacking.length === 0 ? (
            <p>{t("coverage.lacksNothing", { name: chosen.organisation.name })}</p>
          ) : (
            <ul>
              {lacking.map((spec) => {
                const cell = chosen.cells[grid.specifications.indexOf(spec)];
                return (
                  <li key={spec.id}>
                    <Link to={`/specifikationer/${spec.id}`}>
                      {spec.name}
                      {spec.version ? ` ${spec.version}` : ""}
                    </Link>
                    : {t(longLabel[cell.kind])}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
      <DataTable caption={t("coverage.caption")} columns={columns} rows={grid.rows} rowKey={(row) => row.organisation.id} />
      <p>{t("coverage.judgementNote")}</p>
    </>
  );
}
