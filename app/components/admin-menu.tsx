import { NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation";
import type { MessageKey } from "../i18n/translate";

export interface AdminLink {
  to: string;
  label: MessageKey;
}

/**
 * A main-menu item: the coordinators' and admins' pages under one "Administration" menu, so the main menu fits one
 * row at 1280 px. A <details> element: it opens and closes by keyboard and without JavaScript; with
 * JavaScript it closes again once a page is chosen.
 */
export function AdminMenu({ links }: { links: AdminLink[] }) {
  const { t } = useTranslation();
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.pathname]);
  if (links.length === 0) return null;
  const current = links.some((link) => location.pathname.startsWith(link.to));
  return (
    <li>
      <details className="admin-menu" ref={menu}>
        <summary className={current ? "admin-menu__summary admin-menu__summary--current" : "admin-menu__summary"}>
          {t("nav.administration")}
        </summary>
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to}>{t(link.label)}</NavLink>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
