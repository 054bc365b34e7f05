import { DataTable } from "./data-table";
import { useTranslation } from "../i18n/use-translation";

export interface OpenDataFile {
  path: string;
  columns: { header: string; text: string }[];
}

/**
 * The feeds, CSV files and the DCAT catalogue on the API page (issue 12, ADR 038 and 039): where
 * they are and each file's columns, from the same list the files' headers come from.
 */
export function OpenDataFiles({ files }: { files: OpenDataFile[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="open-data-files">
      <h2 id="open-data-files">{t("openDataPage.title")}</h2>
      <p>{t("openDataPage.intro")}</p>
      <h3>{t("openDataPage.feeds")}</h3>
      <ul>
        <li>
          <a href="/requests.atom">
            <code>/requests.atom</code>
          </a>
          : {t("openDataPage.feedRequests")}
        </li>
        <li>
          <code>/requests/&lt;nummer&gt;/events.atom</code>: {t("openDataPage.feedRequest")}
        </li>
        <li>
          <code>/organisationer/&lt;slug&gt;/flode.atom</code>: {t("openDataPage.feedOrganisation")}
        </li>
      </ul>
      <h3>{t("openDataPage.catalogue")}</h3>
      <p>
        {t("openDataPage.catalogueText")} <a href="/catalog.rdf">/catalog.rdf</a>, <a href="/catalog.ttl">/catalog.ttl</a>,{" "}
        <a href="/catalog.jsonld">/catalog.jsonld</a>
      </p>
      <h3>{t("openDataPage.files")}</h3>
      {files.map((file) => (
        <DataTable
          key={file.path}
          caption={t("openDataPage.columnsOf", { path: file.path })}
          rows={file.columns}
          rowKey={(column) => column.header}
          columns={[
            { key: "header", header: t("openDataPage.column"), rowHeader: true, cell: (column) => column.header },
            { key: "text", header: t("openDataPage.meaning"), cell: (column) => column.text },
          ]}
        />
      ))}
    </section>
  );
}
