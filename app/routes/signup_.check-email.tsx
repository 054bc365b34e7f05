import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";

export const meta: MetaFunction = () => [{ title: "Titta i din e-post – Fråga en gång" }];

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
