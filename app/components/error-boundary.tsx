import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { isMessageKey, type MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";

/** The 4xx answers whose own text (the router's, or a plain-text refusal) gets a text of ours instead. */
const TEXT_BY_STATUS: Partial<Record<number, MessageKey>> = { 405: "error.405.text", 413: "error.413.text" };

/** The one error page of the portal: Swedish (or English) text per status. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 4xx thrown with a message key (errors.malformedQuery) is told in the reader's language; any
  // other text (the router's own, in English, naming routes) is not shown.
  const errorText = (data: string) => t(isMessageKey(data) ? data : (TEXT_BY_STATUS[status] ?? "errors.badRequest"));
  const [title, text] =
    status === 403
      ? [t("error.403.title"), t("error.403.text")]
      : status === 404
        ? [t("error.404.title"), t("error.404.text")]
        : status === 503 && isRouteErrorResponse(error) && isMessageKey(String(error.data))
          ? // A service the page needs is not answering (the search engine): what to do, not "an error occurred".
            [t("error.503.title"), t(String(error.data) as MessageKey)]
          : status >= 500
            ? [t("error.500.title"), t("error.500.text")]
            : [t("error.other.title"), isRouteErrorResponse(error) ? errorText(String(error.data)) : ""];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p className="error-code">{status === 403 ? "403" : status === 404 ? "404" : status}</p>
      <p>
        <Link to="/">{t("error.home")}</Link>
      </p>
    </section>
  );
}
