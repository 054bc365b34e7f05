import type { NextFunction, Request, Response } from "express";
import type { Locale } from "../../db/schema";
import { translate } from "../i18n/translate";
import { localeCookie } from "../i18n/locale.server";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The host a write must come from, as Remix's own check reads it (X-Forwarded-Host, then Host), so
 * that everything Remix would refuse is refused here first.
 */
function requestHost(req: Request) {
  const forwarded = req.get("x-forwarded-host")?.split(",")[0]?.trim();
  return forwarded || req.get("host") || null;
}

function isCrossOrigin(req: Request) {
  const origin = req.get("origin");
  // No Origin at all (old clients, same-origin navigations in some browsers): the forms' own check
  // (parseForm) decides, as Remix does.
  if (origin === undefined) return false;
  const host = requestHost(req);
  if (origin === "null" || !host) return true;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function localeOf(req: Request): Promise<Locale> {
  const chosen = await localeCookie.parse(req.get("cookie") ?? null).catch(() => null);
  return chosen === "en" ? "en" : "sv";
}

/**
 * A write from another site (a forged form, `Origin: null` from a sandboxed frame) is refused with
 * 403 and a page in the visitor's language. Remix 2 refuses it too, but by throwing, which is a
 * bare 500; this answers first, before the request reaches Remix.
 */
export async function refuseCrossOriginWrites(req: Request, res: Response, next: NextFunction) {
  if (!WRITES.has(req.method) || !isCrossOrigin(req)) {
    next();
    return;
  }
  const locale = await localeOf(req);
  const t = (key: Parameters<typeof translate>[1]) => escapeHtml(translate(locale, key));
  res
    .status(403)
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${t("errors.crossOrigin.title")} – ${t("app.name")}</title></head><body><main>` +
        `<h1>${t("errors.crossOrigin.title")}</h1><p>${t("errors.csrf")}</p><p class="error-code">403</p>` +
        `<p><a href="/">${t("error.home")}</a></p></main></body></html>`,
    );
}
