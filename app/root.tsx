import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getUser, toActor } from "./auth/guard.server";
import { can } from "./auth/permissions";
import { AdminMenu } from "./components/admin-menu";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { getLocale } from "./i18n/locale.server";
import { browserCatalogue } from "./i18n/catalogue.server";
import { provideCatalogue, translate } from "./i18n/translate";
import { metaLocale } from "./i18n/page-title";
import { useTranslation } from "./i18n/use-translation";
import styles from "./styles/app.css";
import { useNonce } from "./utils/nonce";

/**
 * Every page's errors render here: a 503's Retry-After (the search engine not answering) reaches the
 * reader, which Remix keeps from a thrown response only when the boundary's route asks. Nothing else.
 */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const headers = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = (args) => {
  const locale = metaLocale(args);
  return [{ title: translate(locale, "title.portal") }, { name: "description", content: translate(locale, "title.portalDescription") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await getLocale(request, user);
  return {
    locale,
    messages: browserCatalogue(locale),
    user: user
      ? {
          name: user.name,
          canManageMemberships: can(toActor(user), "manage:membership:any"),
          canManageCatalogue: can(toActor(user), "manage:catalogue:any"),
          canManageDeclineReasons: can(toActor(user), "manage:decline-reason:any"),
          canReadTimeSavedReport: can(toActor(user), "read:time-saved-report:any"),
          canTriage: can(toActor(user), "triage:request:any"),
          canWorkOnTasks:
            can(toActor(user), "answer:task:any") ||
            user.memberships.some((m) => can(toActor(user), "answer:task:org", { organisationId: m.organisationId })),
          canManageSearch: can(toActor(user), "manage:settings:any"),
          canReadMatchLearning: can(toActor(user), "read:match-learning:any"),
        }
      : null,
  };
}

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, locale } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="site-name">
          {t("app.name")}
        </Link>
        <nav aria-label={t("nav.label")}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/requests" end>
                {t("nav.requests")}
              </NavLink>
            </li>
            <li>
              <NavLink to="/requests/new">{t("nav.newRequest")}</NavLink>
            </li>
            <li>
              <NavLink to="/datasets">{t("nav.datasets")}</NavLink>
            </li>
            <li>
              <NavLink to="/enkater">{t("nav.surveys")}</NavLink>
            </li>
            <li>
              <NavLink to="/statistik">{t("nav.statistics")}</NavLink>
            </li>
            {user?.canWorkOnTasks ? (
              <li>
                <NavLink to="/uppgifter">{t("nav.tasks")}</NavLink>
              </li>
            ) : null}
            {user?.canTriage ? (
              <li>
                <NavLink to="/admin/triage">{t("nav.triage")}</NavLink>
              </li>
            ) : null}
            <AdminMenu
              links={[
                ...(user?.canManageCatalogue ? [{ to: "/admin/sources", label: "nav.sources" as const }] : []),
                ...(user?.canManageMemberships ? [{ to: "/admin/users", label: "nav.admin" as const }] : []),
                ...(user?.canManageDeclineReasons ? [{ to: "/admin/decline-reasons", label: "nav.declineReasons" as const }] : []),
                ...(user?.canTriage ? [{ to: "/admin/moderering", label: "moderation.settings.link" as const }] : []),
                ...(user?.canTriage ? [{ to: "/admin/deadlines", label: "deadlines.title" as const }] : []),
                ...(user?.canTriage ? [{ to: "/admin/enkater", label: "surveySettings.title" as const }] : []),
                // Public, but it is the coordinators' work list: routing a request from it is theirs (ADR 044).
                ...(user?.canTriage ? [{ to: "/specifikationer/arbetslista", label: "nav.worklist" as const }] : []),
                ...(user?.canReadTimeSavedReport ? [{ to: "/admin/tidsbesparing", label: "nav.timeSaved" as const }] : []),
                ...(user?.canReadMatchLearning ? [{ to: "/admin/inlarning", label: "nav.matchLearning" as const }] : []),
                ...(user?.canManageSearch ? [{ to: "/admin/search", label: "nav.searchIndex" as const }] : []),
                ...(user?.canManageSearch ? [{ to: "/admin/mail", label: "admin.mail.title" as const }] : []),
              ]}
            />
          </ul>
          {/* The account and language links sit on the site name's row on a wide screen (issue 13). */}
          <ul className="nav-account">
            {user ? (
              <>
                <li>
                  <NavLink to="/account">{t("nav.account")}</NavLink>
                </li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <li>
                  <NavLink to={`/login?${new URLSearchParams({ redirectTo: here })}`}>{t("nav.login")}</NavLink>
                </li>
                <li>
                  <NavLink to="/signup">{t("nav.signup")}</NavLink>
                </li>
              </>
            )}
            <li>
              <Form method="post" action="/language">
                <input type="hidden" name="locale" value={locale === "sv" ? "en" : "sv"} />
                <input type="hidden" name="redirectTo" value={here} />
                <button type="submit" className="link-button" lang={locale === "sv" ? "en" : "sv"}>
                  {t("language.switch")}
                </button>
              </Form>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}

/** The links every page ends with; the open API first (issue 12). */
function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <ul>
        <li>
          <NavLink to="/api">{t("nav.api")}</NavLink>
        </li>
        <li>
          <NavLink to="/specifikationer">{t("nav.specifications")}</NavLink>
        </li>
      </ul>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  // Before anything below is translated: the reader's language, as the loader sent it (ADR 027).
  if (data) provideCatalogue(data.locale, data.messages);
  const { locale } = useTranslation();
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {/* Without the root's data (its loader failed) the browser has no catalogue to hydrate
            with: the error page is served as plain HTML, which works without JavaScript. */}
        {data ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
