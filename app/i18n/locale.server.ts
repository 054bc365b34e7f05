import { createCookie } from "@remix-run/node";
import type { Locale } from "../../db/schema";

export const localeCookie = createCookie("fraga_lang", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 365 * 24 * 60 * 60,
});

/** The chosen language: the cookie, then the signed-in user's setting, then Swedish. */
export async function getLocale(request: Request, user: { locale: Locale } | null): Promise<Locale> {
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  if (chosen === "sv" || chosen === "en") return chosen;
  return user?.locale ?? "sv";
}
