import type { useLoaderData } from "@remix-run/react";
import type { RequestPageIntent } from "../../schemas/request-page.server";
import type { MessageKey } from "../../i18n/translate";
import type { FormFailure } from "../../utils/form.server";
import type { loader } from "./route";

/** What the request page's loader gives its parts, and what its action answers each form. */
export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export type Answer = { intent: RequestPageIntent; commentId?: string };
export type Failure = FormFailure & Answer & { minutes?: number };
export type Success = { ok: true; intent: RequestPageIntent; commentId?: string; message: MessageKey; values: Record<string, string> };
export type ActionResult = Failure | Success;

export function isoOf(value: Date | string) {
  return new Date(value).toISOString();
}
