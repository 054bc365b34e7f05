import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { DataTable } from "../components/data-table";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { listAssumptionVersions } from "../models/time-saved-assumptions.server";
import { formatTimestamp } from "../utils/dates";

/*
 * The public methodology of the time-saved figures, /tidsbesparing/metod (issue 10, ADR 025): the
 * formula, the conservative rules, the assumptions in force and every earlier version, and where
 * the defaults come from.
 */

export const meta: MetaFunction = (args) => pageTitle(args, "title.timeSavedMethodology");

export async function loader(_args: LoaderFunctionArgs) {
  const versions = await listAssumptionVersions();
  return { versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })) };
}

const kinds = ["municipality", "region"] as const;
const scenarios = ["low", "central", "high"] as const;
type Scenarios<T> = Record<(typeof scenarios)[number], T>;

export default function Methodology() {
  const { t } = useTranslation();
  const { versions } = useLoaderData<typeof loader>();
  const [current, ...earlier] = versions;
  return (
    <>
      <h1>{t("methodology.title")}</h1>
      <p>{t("methodology.intro")}</p>
      <h2>{t("methodology.formulaTitle")}</h2>
      <p>{t("methodology.formula")}</p>
      <h2>{t("methodology.rulesTitle")}</h2>
      <p>{t("methodology.conservative")}</p>
      <ul>
        <li>{t("methodology.ruleExisting")}</li>
        <li>{t("methodology.ruleMerged")}</li>
        <li>{t("methodology.rulePublished")}</li>
        <li>{t("methodology.ruleQuestions")}</li>
        <li>{t("methodology.ruleReversal")}</li>
      </ul>
      {current ? (
        <>
          <h2 id="current">{t("methodology.assumptionsTitle", { version: current.version })}</h2>
          <DataTable
            labelledBy="current"
            caption={t("methodology.minutesCaption")}
            rows={[
              ...kinds.map((kind) => ({
                key: kind,
                label: t(`methodology.${kind}`),
                values: current.minutes[kind] as Scenarios<ReactNode>,
              })),
              {
                key: "questionShare",
                label: t("methodology.questionShare"),
                values: Object.fromEntries(scenarios.map((s) => [s, <>{current.questionPercent[s]} %</>])) as Scenarios<ReactNode>,
              },
            ]}
            rowKey={(row) => row.key}
            columns={[
              { key: "label", header: t("methodology.organisationType"), rowHeader: true, cell: (row) => row.label },
              ...scenarios.map((s) => ({
                key: s,
                header: t(`timeSaved.scenario.${s}`),
                numeric: true,
                cell: (row: { values: Scenarios<ReactNode> }) => row.values[s],
              })),
            ]}
          />
          <p>{current.note}</p>
        </>
      ) : null}
      <h2 id="history">{t("methodology.historyTitle")}</h2>
      <DataTable
        labelledBy="history"
        caption={t("methodology.historyCaption")}
        rows={[current, ...earlier].filter(Boolean)}
        rowKey={(v) => String(v.version)}
        columns={[
          { key: "version", header: t("methodology.version"), rowHeader: true, cell: (v) => v.version },
          { key: "date", header: t("methodology.date"), cell: (v) => formatTimestamp(v.createdAt) },
          ...kinds.map((kind) => ({
            key: kind,
            header: (
              <>
                {t(`methodology.${kind}`)} ({t("timeSaved.scenario.low")} / {t("timeSaved.scenario.central")} /{" "}
                {t("timeSaved.scenario.high")})
              </>
            ),
            numeric: true,
            cell: (v: (typeof versions)[number]) => scenarios.map((s) => v.minutes[kind][s]).join(" / "),
          })),
          { key: "note", header: t("methodology.note"), cell: (v) => v.note },
        ]}
      />
      <h2>{t("methodology.sourcesTitle")}</h2>
      <p>{t("methodology.sourceSambruk")}</p>
      <p>{t("methodology.sourceScenarios")}</p>
      <p>
        <a href="/api/reports/time-saved.csv" download>
          {t("methodology.csv")}
        </a>{" "}
        · <a href="/api/reports/time-saved">{t("report.json")}</a>
      </p>
    </>
  );
}
