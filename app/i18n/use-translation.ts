import { useRouteLoaderData } from "@remix-run/react";
import type { Locale } from "../../db/schema";
import { fallbackLocale, translate, translateCount, type CountKey, type MessageKey } from "./translate";

/** The locale chosen in the root loader; without its data (an error page), the last one it chose. */
export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? fallbackLocale();
}

export function useTranslation() {
  const locale = useLocale();
  return {
    locale,
    t: (key: MessageKey | CountKey, params?: Record<string, string | number>) => translate(locale, key, params),
    /** Short for t(key, { count, …params }): a sentence with a count, in the plural form the count needs. */
    tc: (key: CountKey, count: number, params?: Record<string, string | number>) => translateCount(locale, key, count, params),
  };
}
