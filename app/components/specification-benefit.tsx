import { Link } from "@remix-run/react";
import type { SpecificationDemand } from "../domain/specification-benefit";
import { requesterTypes, type RequesterType } from "../domain/requests";
import { useTranslation } from "../i18n/use-translation";
import { formatDate } from "../utils/dates";
import { DataTable } from "./data-table";

type Translate = ReturnType<typeof useTranslation>["t"];

/** "Företag · Dataföretaget AB": the kind of requester, and who they chose to be shown as, if anyone. */
export function requesterLine(t: Translate, benefit: { requesterType: RequesterType; requester: string | null }) {
  const kind = t(`newRequest.requesterType.${benefit.requesterType}`);
  return benefit.requester ? `${kind} · ${benefit.requester}` : kind;
}

/** A specification's demand as figures beside their names: a count and its noun never meet in a sentence. */
export function DemandFigures({ demand }: { demand: SpecificationDemand }) {
  const { t, locale } = useTranslation();
  const figure = (value: number) => new Intl.NumberFormat(locale).format(value);
  const rows = [
    ["specificationBenefit.requests", demand.requests],
    ["specificationBenefit.surveyQuestions", demand.surveyQuestions],
    ["specificationBenefit.requesters", demand.requesters],
    ["specificationBenefit.organisations", demand.organisations],
    ["specificationBenefit.voters", demand.voters],
    ["specificationBenefit.followers", demand.followers],
  ] as const;
  return (
    <dl className="demand-figures">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{t(label)}</dt>
          <dd>{figure(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Who asks, by kind of requester: people and organisations, each counted once. */
export function DemandByRequesterType({ demand }: { demand: SpecificationDemand }) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={t("specificationBenefit.byTypeCaption")}
      rows={requesterTypes}
      rowKey={(type) => type}
      responsive
      columns={[
        {
          key: "type",
          header: t("specificationBenefit.requesterType"),
          rowHeader: true,
          cell: (type) => t(`newRequest.requesterType.${type}`),
        },
        {
          key: "requesters",
          header: t("specificationBenefit.requesters"),
          numeric: true,
          cell: (type) => demand.byRequesterType[type].requesters,
        },
        {
          key: "organisations",
          header: t("specificationBenefit.organisations"),
          numeric: true,
          cell: (type) => demand.byRequesterType[type].organisations,
        },
      ]}
    />
  );
}

export interface BenefitSummaryView {
  text: string;
  updatedAt: Date | string;
  updatedBy: "coordinator" | null;
  sources: { requestId: string; number: number; title: string; requesterType: RequesterType; requester: string | null }[];
  hiddenSources: number;
}

/** The coordinators' summary, who changed it last and when, and its sources as links to the requests. */
export function BenefitSummary({ summary, headingLevel }: { summary: BenefitSummaryView | null; headingLevel: 3 | 4 }) {
  const { t, tc, locale } = useTranslation();
  if (!summary) return <p>{t("specificationBenefit.noSummary")}</p>;
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <>
      <p className="prewrap">{summary.text}</p>
      <p className="muted">
        {t("specificationBenefit.lastEdited", {
          date: formatDate(summary.updatedAt, locale),
          who: t(summary.updatedBy === "coordinator" ? "requestPage.actor.coordinator" : "requestPage.actor.formerUser"),
        })}
      </p>
      {summary.sources.length > 0 ? (
        <>
          <Heading>{t("specificationBenefit.sources")}</Heading>
          <ul>
            {summary.sources.map((source) => (
              <li key={source.requestId}>
                <Link to={`/requests/${source.number}`}>
                  {t("specificationBenefit.requestLabel", { number: source.number, title: source.title })}
                </Link>{" "}
                <span className="muted">({requesterLine(t, source)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {summary.hiddenSources > 0 ? <p className="muted">{tc("specificationBenefit.hiddenSources", summary.hiddenSources)}</p> : null}
    </>
  );
}
