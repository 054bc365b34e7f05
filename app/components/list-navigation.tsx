import { Link, useLocation, useSubmit } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation";

/**
 * Submits a GET search form a moment after the visitor changes it (with JavaScript); without it
 * the form's own button does the same.
 */
export function useSubmitOnChange() {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  return (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => submit(form, { replace: true, preventScrollReset: true }), 250);
  };
}

/**
 * Previous and next links of a paged list. The links keep every other parameter of the current
 * address (search text, filters, sort) and change only `page`.
 */
export function Pager({ page, pages, hasNext }: { page: number; hasNext: boolean; pages?: number }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  if (page <= 1 && !hasNext) return null;
  const linkTo = (to: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(to));
    return `?${params}`;
  };
  const current = pages === undefined ? t("pager.page", { page }) : t("pager.pageOf", { page, pages });
  return (
    <nav className="pager" aria-label={t("pager.label")}>
      {page > 1 ? <Link to={linkTo(page - 1)}>{t("pager.previous")}</Link> : null}
      <span aria-current="page">{current}</span>
      {hasNext ? <Link to={linkTo(page + 1)}>{t("pager.next")}</Link> : null}
    </nav>
  );
}
