import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import type { loader as rootLoader } from "../root";

export default function Index() {
  const { t } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>("root");
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p>{t("home.intro")}</p>
      <h2>{t("home.steps.title")}</h2>
      <ol>
        <li>{t("home.steps.one")}</li>
        <li>{t("home.steps.two")}</li>
        <li>{t("home.steps.three")}</li>
      </ol>
      {root?.user ? (
        <p>{t("home.signedInAs", { name: root.user.name })}</p>
      ) : (
        <p>
          <Link to="/signup">{t("home.getStarted")}</Link>
        </p>
      )}
    </>
  );
}
