import { Link } from "@remix-run/react";
import { DataTable } from "../../components/data-table";
import { useTranslation } from "../../i18n/use-translation";
import { formatWorkingDays } from "../../utils/statistics-format";
import type { LoaderData } from "./page-data";

/** Issue 9's figures beside the hours: the requests by status, and how each municipality answers. */
export function AnsweringSections({ requestsByStatus, municipalities }: Pick<LoaderData, "requestsByStatus" | "municipalities">) {
  const { t, locale } = useTranslation();
  return (
    <>
      <h2 id="statuses">{t("report.requestsByStatusTitle")}</h2>
      <DataTable
        labelledBy="statuses"
        caption={t("report.requestsByStatusTitle")}
        rows={requestsByStatus}
        rowKey={(s) => s.status}
        columns={[
          { key: "status", header: t("report.status"), rowHeader: true, cell: (s) => t(`requestStatus.${s.status}`) },
          { key: "data", header: t("report.dataRequests"), numeric: true, cell: (s) => s.data },
          { key: "survey", header: t("report.surveys"), numeric: true, cell: (s) => s.survey },
        ]}
      />

      <h2 id="answering">{t("report.answeringTitle")}</h2>
      <DataTable
        labelledBy="answering"
        caption={t("report.answeringTitle")}
        rows={municipalities}
        rowKey={(m) => m.id}
        columns={[
          {
            key: "organisation",
            header: t("report.organisation"),
            rowHeader: true,
            cell: (m) => <Link to={`/organisationer/${m.slug}`}>{m.name}</Link>,
          },
          { key: "median", header: t("report.median"), numeric: true, cell: (m) => formatWorkingDays(m.medianWorkingDays, locale) },
          { key: "open", header: t("report.open"), numeric: true, cell: (m) => m.open },
          { key: "overdue", header: t("report.overdue"), numeric: true, cell: (m) => m.overdue },
        ]}
      />
    </>
  );
}
