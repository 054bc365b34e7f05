import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
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
          <div className="table-scroll" role="region" aria-labelledby="current" tabIndex={0}>
            <table>
              <caption>{t("methodology.minutesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("methodology.organisationType")}</th>
                  {scenarios.map((s) => (
                    <th scope="col" className="number" key={s}>
                      {t(`timeSaved.scenario.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {kinds.map((kind) => (
                  <tr key={kind}>
                    <th scope="row">{t(`methodology.${kind}`)}</th>
                    {scenarios.map((s) => (
                      <td className="number" key={s}>
                        {current.minutes[kind][s]}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t("methodology.questionShare")}</th>
                  {scenarios.map((s) => (
                    <td className="number" key={s}>
                      {current.questionPercent[s]} %
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <p>{current.note}</p>
        </>
      ) : null}
      <h2 id="history">{t("methodology.historyTitle")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="history" tabIndex={0}>
        <table>
          <caption>{t("methodology.historyCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("methodology.version")}</th>
              <th scope="col">{t("methodology.date")}</th>
              <th scope="col" className="number">
                {t("methodology.municipality")} ({t("timeSaved.scenario.low")} / {t("timeSaved.scenario.central")} /{" "}
                {t("timeSaved.scenario.high")})
              </th>
              <th scope="col" className="number">
                {t("methodology.region")} ({t("timeSaved.scenario.low")} / {t("timeSaved.scenario.central")} /{" "}
                {t("timeSaved.scenario.high")})
              </th>
              <th scope="col">{t("methodology.note")}</th>
            </tr>
          </thead>
          <tbody>
            {[current, ...earlier].filter(Boolean).map((v) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td>{formatTimestamp(v.createdAt)}</td>
                {kinds.map((kind) => (
                  <td className="number" key={kind}>
                    {scenarios.map((s) => v.minutes[kind][s]).join(" / ")}
                  </td>
                ))}
                <td>{v.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
