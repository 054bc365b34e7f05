import { Link } from "@remix-run/react";
import { pickLanguage } from "../i18n/language-map";
import { useTranslation } from "../i18n/use-translation";
import { formatDate } from "../utils/dates";

/** One request answered at once and held for review, as the triage queue's loader gives it (listHeldAnswers). */
export interface HeldAnswerRow {
  id: string;
  number: number;
  title: string;
  createdAt: Date | string;
  datasetTitle: Record<string, string> | null;
}

/**
 * The requests answered at once with a dataset that wait for a coordinator while coordinators
 * publish only after triage (ADR 040): each links to its triage page, where it is published or
 * rejected. Nothing is shown when none waits (always so while requests are public at once).
 */
export function HeldAnswers({ requests }: { requests: HeldAnswerRow[] }) {
  const { t, locale } = useTranslation();
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="held-answers-title">
      <h2 id="held-answers-title">{t("moderation.heldAnswers.title")}</h2>
      <p>{t("moderation.heldAnswers.intro")}</p>
      <div className="table-scroll">
        <table className="responsive-table" role="table">
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t("triage.number")}
              </th>
              <th scope="col" role="columnheader">
                {t("triage.requestTitle")}
              </th>
              <th scope="col" role="columnheader">
                {t("moderation.heldAnswers.dataset")}
              </th>
              <th scope="col" role="columnheader">
                {t("triage.received")}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {requests.map((request) => {
              const dataset = pickLanguage(request.datasetTitle, locale);
              return (
                <tr key={request.id} role="row">
                  <td role="cell" data-label={t("triage.number")}>
                    {request.number}
                  </td>
                  <td role="cell">
                    <Link
                      to={String(request.number)}
                      aria-label={t("triage.handleLabel", { number: request.number, title: request.title })}
                    >
                      {request.title}
                    </Link>
                  </td>
                  <td role="cell" data-label={t("moderation.heldAnswers.dataset")} lang={dataset.lang}>
                    {dataset.text}
                  </td>
                  <td className="nowrap" role="cell" data-label={t("triage.received")}>
                    {formatDate(request.createdAt, locale)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
