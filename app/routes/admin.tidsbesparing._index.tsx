import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { BarChart } from "../components/bar-chart";
import { ErrorSummary, TextAreaField, TextField } from "../components/forms";
import { FiguresTable } from "../components/time-saved-figures";
import { getLocale } from "../i18n/locale.server";
import { translate } from "../i18n/translate";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { listMunicipalityStatistics } from "../models/organisation-statistics.server";
import { countRequestsByStatus, getTimeSavedReport, listMostReusedQuestions } from "../models/time-saved-report.server";
import { reverseLedgerRowSchema, timeSavedReportQuerySchema } from "../schemas/time-saved.server";
import { reverseLedgerRow } from "../models/time-saved.server";
import { conflictFailure, formAction, parseForm } from "../utils/form.server";
import { renderBarChart } from "../utils/bar-chart.server";
import { formatHours } from "../utils/time-saved-format";
import { formatWorkingDays } from "../utils/statistics-format";
import { todayInSweden } from "../utils/dates";

/*
 * The coordinators' time-saved report, /admin/tidsbesparing (issue 10, ADR 025): hours saved by
 * month, quarter and year, per organisation spared, reason and requester, in three scenarios side
 * by side; the most reused datasets; requests by status; answer times and overdue tasks (issue 9's
 * figures). Each chart is drawn on the server (ADR 030) and followed by its table; the JSON and CSV are public.
 */

export const meta: MetaFunction = (args) => pageTitle(args, "title.timeSavedReport");

const CHART_BARS = 15;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:time-saved-report:any");
  const locale = await getLocale(request, user);
  // A year outside the form's choices shows every year rather than an error page.
  const parsed = timeSavedReportQuerySchema.safeParse({ year: new URL(request.url).searchParams.get("year") });
  const year = parsed.success ? parsed.data.year : null;
  const [report, requestsByStatus, questions, municipalities] = await Promise.all([
    getTimeSavedReport({ year }),
    countRequestsByStatus(),
    listMostReusedQuestions({ year }),
    listMunicipalityStatistics(),
  ]);
  // Room for the longest label on one line, or two for the reasons (their names are long).
  const hoursChart = (id: string, title: string, items: { label: string; minutes: number }[], lines: 1 | 2 = 1) => {
    const bars = items.filter((item) => item.minutes > 0).slice(0, CHART_BARS);
    if (bars.length === 0) return null;
    const top = bars.reduce((a, b) => (b.minutes > a.minutes ? b : a));
    return renderBarChart(
      bars.map((b) => ({ label: b.label, value: b.minutes / 60 })),
      {
        id,
        title,
        description: translate(locale, "report.chartDescription", {
          count: bars.length,
          top: top.label,
          hours: formatHours(top.minutes, locale),
        }),
        unit: "hours",
        locale,
        labelWidth: lines === 1 ? 220 : 300,
        barHeight: lines === 1 ? 24 : 40,
      },
    );
  };
  const thisYear = Number(todayInSweden().slice(0, 4));
  return {
    year,
    years: Array.from({ length: 6 }, (_, i) => thisYear - i),
    report,
    requestsByStatus,
    questions,
    municipalities: municipalities.filter((m) => m.medianWorkingDays !== null || m.overdue > 0 || m.open > 0),
    charts: {
      month: hoursChart(
        "chart-month",
        translate(locale, "report.byMonthTitle"),
        report.byMonth.map((m) => ({ label: m.month, minutes: m.minutes })),
      ),
      organisation: hoursChart(
        "chart-organisation",
        translate(locale, "report.byOrganisationTitle"),
        report.byOrganisation.map((o) => ({ label: o.name, minutes: o.minutes })),
      ),
      reason: hoursChart(
        "chart-reason",
        translate(locale, "report.byReasonTitle"),
        report.byReason.map((r) => ({ label: translate(locale, `timeSaved.reason.${r.reason}`), minutes: r.minutes })),
        2,
      ),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

/** A coordinator corrects a ledger row: a reversing row, never an update (ADR 025). */
async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "correct:time-saved-ledger:any");
  const form = await parseForm(request, reverseLedgerRowSchema);
  if (!form.ok) return form;
  return reverseLedgerRow({ actorUserId: user.id, ...form.data })
    .then(({ reversalId }) => ({ ok: true as const, row: form.data.rowId, reversal: reversalId }))
    .catch((error) => conflictFailure(error, form.values));
}

export default function TimeSavedReport() {
  const { t, locale } = useTranslation();
  const { year, years, report, requestsByStatus, questions, municipalities, charts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const chart = (svg: (typeof charts)["month"]) => (svg ? <BarChart chart={svg} caption={t("report.chartCaption")} /> : null);
  const yearQuery = year ? `?year=${year}` : "";
  return (
    <>
      <h1>{t("report.title")}</h1>
      <p>{t("report.intro")}</p>
      <p>
        <Link to="/tidsbesparing/metod">{t("report.methodology")}</Link> ·{" "}
        <Link to="/admin/tidsbesparing/antaganden">{t("report.assumptions")}</Link>
      </p>
      <Form method="get">
        <label htmlFor="year">{t("report.year")}</label>{" "}
        <select id="year" name="year" defaultValue={year ?? ""}>
          <option value="">{t("report.allYears")}</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>{" "}
        <button type="submit">{t("report.show")}</button>
      </Form>

      <h2 id="scenarios">{t("report.scenariosTitle")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="scenarios" tabIndex={0}>
        <table>
          <caption>{t("report.scenariosCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.scenario")}</th>
              <th scope="col" className="number">
                {t("report.hours")}
              </th>
              <th scope="col" className="number">
                {t("report.answers")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(
              [
                ["low", report.totals.minutesLow],
                ["central", report.totals.minutes],
                ["high", report.totals.minutesHigh],
              ] as const
            ).map(([scenario, minutes]) => (
              <tr key={scenario}>
                <th scope="row">{t(`timeSaved.scenario.${scenario}`)}</th>
                <td className="number">{formatHours(minutes, locale)}</td>
                <td className="number">{report.totals.answers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.totals.answers === 0 && report.totals.minutes === 0 ? <p>{t("report.none")}</p> : null}

      <h2>{t("report.byMonthTitle")}</h2>
      {chart(charts.month)}
      <FiguresTable
        caption={t("report.byMonthTitle")}
        labelHeading={t("report.month")}
        rows={report.byMonth.map((m) => ({ key: m.month, label: m.month, ...m }))}
      />
      <h2>{t("report.byQuarterTitle")}</h2>
      <FiguresTable
        caption={t("report.byQuarterTitle")}
        labelHeading={t("report.quarter")}
        rows={report.byQuarter.map((q) => ({ key: q.quarter, label: q.quarter, ...q }))}
      />
      <h2>{t("report.byYearTitle")}</h2>
      <FiguresTable
        caption={t("report.byYearTitle")}
        labelHeading={t("report.year")}
        rows={report.byYear.map((y) => ({ key: String(y.year), label: y.year, ...y }))}
      />

      <h2>{t("report.byOrganisationTitle")}</h2>
      {chart(charts.organisation)}
      <FiguresTable
        caption={t("report.byOrganisationTitle")}
        labelHeading={t("report.organisation")}
        rows={report.byOrganisation.map((o) => ({ key: o.slug, label: <Link to={`/organisationer/${o.slug}`}>{o.name}</Link>, ...o }))}
      />

      <h2>{t("report.byReasonTitle")}</h2>
      {chart(charts.reason)}
      <FiguresTable
        caption={t("report.byReasonTitle")}
        labelHeading={t("report.reason")}
        rows={report.byReason.map((r) => ({ key: r.reason, label: t(`timeSaved.reason.${r.reason}`), ...r }))}
      />

      <h2>{t("report.byRequesterTitle")}</h2>
      <FiguresTable
        caption={t("report.byRequesterTitle")}
        labelHeading={t("report.requester")}
        rows={report.byRequester.map((r) => ({
          key: `${r.requesterType}\u0000${r.requesterOrganisation ?? ""}`,
          label:
            r.requesterOrganisation ??
            (r.requesterType
              ? t(`newRequest.requesterType.${r.requesterType as "company" | "research" | "authority" | "citizen"}`)
              : t("timeSaved.noRequest")),
          ...r,
        }))}
      />

      <h2 id="datasets">{t("report.topDatasetsTitle")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="datasets" tabIndex={0}>
        <table>
          <caption>{t("report.topDatasetsTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.dataset")}</th>
              <th scope="col">{t("report.publisher")}</th>
              <th scope="col" className="number">
                {t("report.answers")}
              </th>
              <th scope="col" className="number">
                {t("report.hours")} ({t("timeSaved.scenario.central")})
              </th>
            </tr>
          </thead>
          <tbody>
            {report.topDatasets.map((d) => (
              <tr key={d.uri}>
                <th scope="row">
                  <a href={d.uri}>{d.title}</a>
                </th>
                <td>{d.publisher ?? "–"}</td>
                <td className="number">{d.answers}</td>
                <td className="number">{formatHours(d.minutes, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="questions">{t("report.topQuestionsTitle")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="questions" tabIndex={0}>
        <table>
          <caption>{t("report.topQuestionsTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.question")}</th>
              <th scope="col">{t("report.survey")}</th>
              <th scope="col" className="number">
                {t("report.answers")}
              </th>
              <th scope="col" className="number">
                {t("report.hours")} ({t("timeSaved.scenario.central")})
              </th>
            </tr>
          </thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.id}>
                <th scope="row">{q.text}</th>
                <td>{q.surveyTitle}</td>
                <td className="number">{q.answers}</td>
                <td className="number">{formatHours(q.minutes, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="statuses">{t("report.requestsByStatusTitle")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="statuses" tabIndex={0}>
        <table>
          <caption>{t("report.requestsByStatusTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.status")}</th>
              <th scope="col" className="number">
                {t("report.dataRequests")}
              </th>
              <th scope="col" className="number">
                {t("report.surveys")}
              </th>
            </tr>
          </thead>
          <tbody>
            {requestsByStatus.map((s) => (
              <tr key={s.status}>
                <th scope="row">{t(`requestStatus.${s.status}`)}</th>
                <td className="number">{s.data}</td>
                <td className="number">{s.survey}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="answering">{t("report.answeringTitle")}</h2>
      <div className="table-scroll" role="region" aria-labelledby="answering" tabIndex={0}>
        <table>
          <caption>{t("report.answeringTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.organisation")}</th>
              <th scope="col" className="number">
                {t("report.median")}
              </th>
              <th scope="col" className="number">
                {t("report.open")}
              </th>
              <th scope="col" className="number">
                {t("report.overdue")}
              </th>
            </tr>
          </thead>
          <tbody>
            {municipalities.map((m) => (
              <tr key={m.id}>
                <th scope="row">
                  <Link to={`/organisationer/${m.slug}`}>{m.name}</Link>
                </th>
                <td className="number">{formatWorkingDays(m.medianWorkingDays, locale)}</td>
                <td className="number">{m.open}</td>
                <td className="number">{m.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="reverse">{t("report.reverseTitle")}</h2>
      <p>{t("report.reverseHint")}</p>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("report.reversed", { row: result.row, reversal: result.reversal })}
        </p>
      ) : null}
      <ErrorSummary errors={failure} fieldLabels={{ rowId: t("report.reverseRow"), why: t("report.reverseWhy") }} />
      <Form method="post" className="stack" noValidate aria-labelledby="reverse">
        <TextField
          name="rowId"
          label={t("report.reverseRow")}
          defaultValue={failure?.values.rowId ?? ""}
          errors={failure?.fieldErrors.rowId}
        />
        <TextAreaField
          name="why"
          label={t("report.reverseWhy")}
          rows={3}
          defaultValue={failure?.values.why ?? ""}
          errors={failure?.fieldErrors.why}
        />
        <div>
          <button type="submit">{t("report.reverseSubmit")}</button>
        </div>
      </Form>

      <h2>{t("report.downloads")}</h2>
      <ul>
        <li>
          <a href={`/api/reports/time-saved${yearQuery}`}>{t("report.json")}</a>
        </li>
        <li>
          <a href={`/api/reports/time-saved.csv${yearQuery}`} download>
            {t("report.csv")}
          </a>
        </li>
      </ul>
    </>
  );
}
