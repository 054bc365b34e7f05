import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser, toActor } from "../auth/guard.server";
import { can } from "../auth/permissions";
import { pageTitle } from "../i18n/page-title";
import { specificationStatusLabel } from "../i18n/status.messages";
import { useTranslation } from "../i18n/use-translation";
import { listSpecifications } from "../models/specification.server";

export const meta: MetaFunction = (args) => pageTitle(args, "title.specifications");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return {
    specifications: await listSpecifications(),
    canManage: user ? can(toActor(user), "manage:specification:any") : false,
  };
}

export default function SpecificationsPage() {
  const { t } = useTranslation();
  const { specifications, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("specifications.title")}</h1>
      <p>{t("specifications.intro")}</p>
      <p>
        <Link to="/specifikationer/tackning">{t("specifications.coverageLink")}</Link>
        {" · "}
        <Link to="/specifikationer/arbetslista">{t("worklist.link")}</Link>
        {canManage ? (
          <>
            {" · "}
            <Link to="/specifikationer/ny">{t("specifications.new")}</Link>
          </>
        ) : null}
      </p>
      {/* A block per specification on a phone, a table to a screen reader everywhere (the roles: see .responsive-table). */}
      <div className="table-scroll">
        <table className="responsive-table" role="table">
          <caption>{t("specifications.caption")}</caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t("specifications.name")}
              </th>
              <th scope="col" role="columnheader">
                {t("specifications.version")}
              </th>
              <th scope="col" role="columnheader">
                {t("specifications.status")}
              </th>
              <th scope="col" role="columnheader">
                {t("specifications.origin")}
              </th>
              <th scope="col" role="columnheader">
                {t("specifications.maintainer")}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {specifications.map((spec) => (
              <tr key={spec.id} role="row">
                <th scope="row" role="rowheader">
                  <Link to={`/specifikationer/${spec.id}`}>{spec.name}</Link>
                </th>
                <td role="cell" data-label={t("specifications.version")}>
                  {spec.version || t("specifications.none")}
                </td>
                <td role="cell" data-label={t("specifications.status")}>
                  {t(specificationStatusLabel(spec.status))}
                </td>
                <td role="cell" data-label={t("specifications.origin")}>
                  {t(spec.origin === "national" ? "specifications.origin.national" : "specifications.origin.regional")}
                </td>
                <td role="cell" data-label={t("specifications.maintainer")}>
                  {spec.maintainer || t("specifications.none")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
