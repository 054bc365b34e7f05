import { metaLocale } from "../i18n/page-title";
import { translate, type MessageKey } from "../i18n/translate";

/**
 * A page's `<link rel="alternate" type="application/atom+xml">` (ADR 038), for its `meta`: feed
 * readers and browsers find the feed of what the reader is looking at from the page itself.
 */
export function feedLink(args: Parameters<typeof metaLocale>[0], title: MessageKey, params: Record<string, string | number>, href: string) {
  return { tagName: "link", rel: "alternate", type: "application/atom+xml", title: translate(metaLocale(args), title, params), href };
}
