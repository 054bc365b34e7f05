import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { DataTable } from "../components/data-table";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { listLearnedDatasets } from "../models/match-learning.server";
import { formatDate } from "../utils/dates";

export const meta: MetaFunction = (args) => pageTitle(args, "title.matchLearning");

/** What the matcher learned from use, per dataset, with the words (ADR 032): coordinators only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:match-learning:any");
  const datasets = await listLearnedDatasets();
  return { datasets: datasets.map((d) => ({ ...d, latestAt: d.latestAt.toISOString() })) };
}

export default function AdminMatchLearning() {
  const { t, tc, locale } = useTranslation();
  const { datasets } = useLoaderData<typeof loader>();
  type Row = (typeof datasets)[number];
  return (
    <>
      <h1>{t("matchLearning.title")}</h1>
      <p>{t("matchLearning.intro")}</p>
      <h2 id="learned-datasets">{t("matchLearning.tableTitle")}</h2>
      {datasets.length === 0 ? (
        <p>{t("matchLearning.none")}</p>
      ) : (
        <DataTable<Row>
          labelledBy="learned-datasets"
          rows={datasets}
          rowKey={(row) => row.datasetId}
          columns={[
            {
              key: "dataset",
              header: t("matchLearning.dataset"),
              rowHeader: true,
              cell: (row) => <Link to={`/datasets/${row.datasetId}`}>{row.title}</Link>,
            },
            { key: "publisher", header: t("matchLearning.publisher"), cell: (row) => row.publisher ?? "–" },
            {
              key: "learnedFrom",
              header: t("matchLearning.learnedFrom"),
              cell: (row) => (
                <>
                  {tc("matchLearning.answers", row.answers)}, {tc("matchLearning.people", row.users)}
                  <br />
                  <small>
                    {t("matchLearning.sources")}{" "}
                    {(["accepted_match", "task_link", "duplicate_merged"] as const)
                      .filter((source) => row.bySource[source] > 0)
                      .map((source) => t(`matchLearning.source.${source}`, { count: row.bySource[source] }))
                      .join(", ")}
                  </small>
                </>
              ),
            },
            {
              key: "words",
              header: t("matchLearning.words"),
              cell: (row) =>
                row.words.length ? row.words.map((w) => `${w.word} (${w.users})`).join(", ") : <i>{t("matchLearning.noWords")}</i>,
            },
            {
              key: "latest",
              header: t("matchLearning.latest"),
              cell: (row) => <time dateTime={row.latestAt}>{formatDate(row.latestAt, locale, "date")}</time>,
            },
          ]}
        />
      )}
    </>
  );
}
