import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { ReportedContent } from "../components/reported-content";
import { HeldAnswers } from "../components/held-answers";
import { useTranslation } from "../i18n/use-translation";
import { getReportQueue, resolveReports } from "../models/content-report.server";
import { listHeldAnswers, listTriageQueue } from "../models/request.server";
import { resolveReportsSchema } from "../schemas/moderation.server";
import { conflictFailure, formAction, parseForm } from "../utils/form.server";
import { getTriageWorkload } from "../models/triage-workload.server";
import { formatDate } from "../utils/dates";
import { pageTitle } from "../i18n/page-title";

export const meta: MetaFunction = (args) => pageTitle(args, "title.triageQueue");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "triage:request:any");
  const [queue, heldAnswers, workload, reports] = await Promise.all([
    listTriageQueue(),
    listHeldAnswers(),
    getTriageWorkload(),
    getReportQueue(),
  ]);
  return { queue, heldAnswers, workload, reports };
}

/** A coordinator resolves an item's reports (issue 13, ADR 040): dismiss them, hide the comment or reject the request. */
export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

const resolvedMessage = {
  dismissed: "moderation.queue.dismissed",
  hidden: "moderation.queue.hidden",
  rejected: "moderation.queue.rejected",
} as const;

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const form = await parseForm(request, resolveReportsSchema);
  if (!form.ok) return form;
  return resolveReports({ actor: toActor(user), ...form.data })
    .then(() => ({ ok: true as const, message: resolvedMessage[form.data.resolution] }))
    .catch((error) => conflictFailure(error, form.values));
}

export default function TriageQueue() {
  const { t, locale } = useTranslation();
  const { queue, heldAnswers, workload, reports } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("triage.title")}</h1>
      <p>{t("triage.intro")}</p>
      <p>
        <Link to="/admin/deadlines">{t("deadlines.link")}</Link> · <Link to="/admin/moderering">{t("moderation.settings.link")}</Link>
      </p>
      <section aria-labelledby="workload">
        <h2 id="workload">{t("triage.workload")}</h2>
        <dl className="figures">
          <div>
            <dt>{t("triage.workload.waiting")}</dt>
            <dd>{workload.waiting}</dd>
          </div>
          <div>
            <dt>{t("triage.workload.open")}</dt>
            <dd>{workload.open}</dd>
          </div>
          <div>
            <dt>{t("triage.workload.overdue")}</dt>
            <dd>{workload.overdue}</dd>
          </div>
        </dl>
        {workload.busiest.length > 0 ? (
          <div className="table-scroll">
            <table className="compact-table">
              <caption>{t("triage.workload.busiest")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("triage.workload.municipality")}</th>
                  <th scope="col" className="number">
                    {t("triage.workload.open")}
                  </th>
                  <th scope="col" className="number">
                    {t("triage.workload.overdue")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {workload.busiest.map((m) => (
                  <tr key={m.slug}>
                    <th scope="row">
                      <Link to={`/organisationer/${m.slug}`}>{m.name}</Link>
                    </th>
                    <td className="number">{m.open}</td>
                    <td className="number">{m.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <ReportedContent reports={reports} />
      <HeldAnswers requests={heldAnswers} />
      <h2>{t("triage.queue")}</h2>
      {queue.length === 0 ? (
        <p>{t("triage.empty")}</p>
      ) : (
        // A block per request on a phone, a table to a screen reader everywhere (the roles: see .responsive-table).
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
                  {t("triage.targets")}
                </th>
                <th scope="col" role="columnheader">
                  {t("triage.received")}
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {queue.map((request) => (
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
                    {request.heldForReview ? (
                      <>
                        {" "}
                        <span className="badge">{t("moderation.queue.held")}</span>
                      </>
                    ) : null}
                  </td>
                  <td className="nowrap" role="cell" data-label={t("triage.targets")}>
                    {request.targetScope === "all"
                      ? t("triage.targets.all")
                      : request.targetScope === "region"
                        ? t("triage.targets.region")
                        : t("triage.targets.chosen", { count: Number(request.targetCount) })}
                  </td>
                  <td className="nowrap" role="cell" data-label={t("triage.received")}>
                    {formatDate(request.createdAt, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
