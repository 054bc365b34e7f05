import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "../../auth/permissions";
import { requirePermission, toActor } from "../../auth/guard.server";
import { getLocale } from "../../i18n/locale.server";
import { pageTitle } from "../../i18n/page-title";
import { useTranslation } from "../../i18n/use-translation";
import { listMunicipalityStatistics } from "../../models/organisation-statistics.server";
import { countRequestsByStatus, getTimeSavedReport, listMostReusedQuestions } from "../../models/time-saved-report.server";
import { reverseLedgerRowSchema, timeSavedReportQuerySchema } from "../../schemas/time-saved.server";
import { reverseLedgerRow } from "../../models/time-saved.server";
import { conflictFailure, formAction, parseForm } from "../../utils/form.server";
import { todayInSweden } from "../../utils/dates";
import { AnsweringSections } from "./answering-tables";
import { BreakdownSections, ScenariosSection } from "./breakdowns";
import { reportCharts } from "./charts.server";
import { ReuseSections } from "./reuse-tables";
import { ReverseForm } from "./reverse-form";

/*
 * The coordinators' time-saved report, /admin/tidsbesparing (issue 10, ADR 025): hours saved by
 * month, quarter and year, per organisation spared, reason and requester, in three scenarios side
 * by side; the most reused datasets; requests by status; answer times and overdue tasks (issue 9's
 * figures). Each chart is drawn on the server (ADR 030) and followed by its table; the JSON and CSV are public.
 */

export const meta: MetaFunction = (args) => pageTitle(args, "title.timeSavedReport");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:time-saved-report:any");
  const locale = await getLocale(request, user);
  // A year outside the form's choices shows every year rather than an error page.
  const parsed = timeSavedReportQuerySchema.safeParse({ year: new URL(request.url).searchParams.get("year") });
  const year = parsed.success ? parsed.data.year : null;
  const [report, requestsByStatus, questions, municipalities] = await Promise.all([
    // Who asked a request held for review is the coordinators' to see (ADR 040).
    getTimeSavedReport({ year, seesHeld: can(toActor(user), "triage:request:any") }),
    countRequestsByStatus(),
    listMostReusedQuestions({ year }),
    listMunicipalityStatistics(),
  ]);
  const thisYear = Number(todayInSweden().slice(0, 4));
  return {
    year,
    years: Array.from({ length: 6 }, (_, i) => thisYear - i),
    report,
    requestsByStatus,
    questions,
    municipalities: municipalities.filter((m) => m.medianWorkingDays !== null || m.overdue > 0 || m.open > 0),
    charts: reportCharts(report, locale),
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
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const { year, years, report } = data;
  const result = useActionData<typeof action>();
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

      <ScenariosSection totals={report.totals} />
      <BreakdownSections report={report} charts={data.charts} />
      <ReuseSections datasets={report.topDatasets} questions={data.questions} />
      <AnsweringSections requestsByStatus={data.requestsByStatus} municipalities={data.municipalities} />
      <ReverseForm reversed={result?.ok ? result : undefined} failure={result && !result.ok ? result : undefined} />

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
