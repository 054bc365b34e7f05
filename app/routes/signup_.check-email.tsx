import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { pageTitle } from "../i18n/page-title";

export const meta: MetaFunction = (args) => pageTitle(args, "title.checkEmail");

/** Where every sign-up lands, new address or known: the same page, so it tells nothing. */
export default function SignUpCheckEmail() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("signup.checkEmail.title")}</h1>
      <p role="status">{t("signup.checkEmail.text")}</p>
      <p>
        {t("signup.checkEmail.noMail")} <Link to="/signup">{t("signup.title")}</Link>
      </p>
    </>
  );
}
