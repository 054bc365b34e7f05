import { DataTable } from "../../components/data-table";
import { useTranslation } from "../../i18n/use-translation";
import { formatHours } from "../../utils/time-saved-format";
import type { LoaderData } from "./page-data";

/** The datasets and survey questions whose reuse saved the most hours. */
export function ReuseSections({
  datasets,
  questions,
}: {
  datasets: LoaderData["report"]["topDatasets"];
  questions: LoaderData["questions"];
}) {
  const { t, locale } = useTranslation();
  const answers = { key: "answers", header: t("report.answers"), numeric: true, cell: (row: { answers: number }) => row.answers };
  const hours = {
    key: "hours",
    header: `${t("report.hours")} (${t("timeSaved.scenario.central")})`,
    numeric: true,
    cell: (row: { minutes: number }) => formatHours(row.minutes, locale),
  };
  return (
    <>
      <h2 id="datasets">{t("report.topDatasetsTitle")}</h2>
      <DataTable
        labelledBy="datasets"
        caption={t("report.topDatasetsTitle")}
        rows={datasets}
        rowKey={(d) => d.uri}
        columns={[
          { key: "dataset", header: t("report.dataset"), rowHeader: true, cell: (d) => <a href={d.uri}>{d.title}</a> },
          { key: "publisher", header: t("report.publisher"), cell: (d) => d.publisher ?? "–" },
          answers,
          hours,
        ]}
      />

      <h2 id="questions">{t("report.topQuestionsTitle")}</h2>
      <DataTable
        labelledBy="questions"
        caption={t("report.topQuestionsTitle")}
        rows={questions}
        rowKey={(q) => q.id}
        columns={[
          { key: "question", header: t("report.question"), rowHeader: true, cell: (q) => q.text },
          { key: "survey", header: t("report.survey"), cell: (q) => q.surveyTitle },
          answers,
          hours,
        ]}
      />
    </>
  );
}
