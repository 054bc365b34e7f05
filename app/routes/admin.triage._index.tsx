import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { useTranslation } from "../i18n/use-translation";
import { listTriageQueue } from "../models/request.server";
import { formatDate } from "../utils/dates";
import { pageTitle } from "../i18n/page-title";

export const meta: MetaFunction = (args) => pageTitle(args, "title.triageQueue");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "triage:request:any");
  return { queue: await listTriageQueue() };
}

export default function TriageQueue() {
  const { t, locale } = useTranslation();
  const { queue } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("triage.title")}</h1>
      <p>{t("triage.intro")}</p>
      <p>
        <Link to="/admin/deadlines">{t("deadlines.link")}</Link>
      </p>
      {queue.length === 0 ? (
        <p>{t("triage.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("triage.number")}</th>
                <th scope="col">{t("triage.requestTitle")}</th>
                <th scope="col">{t("triage.targets")}</th>
                <th scope="col">{t("triage.received")}</th>
              </tr>
            </thead>
            <tbody>
              {queue.map((request) => (
                <tr key={request.id}>
                  <td>{request.number}</td>
                  <td>
                    <Link
                      to={String(request.number)}
                      aria-label={t("triage.handleLabel", { number: request.number, title: request.title })}
                    >
                      {request.title}
                    </Link>
                  </td>
                  <td>
                    {request.targetScope === "all"
                      ? t("newRequest.target.all")
                      : request.targetScope === "region"
                        ? t("newRequest.target.region")
                        : request.targetCount}
                  </td>
                  <td>{formatDate(request.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
