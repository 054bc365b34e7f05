import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

export const ORIGIN = "http://localhost:3000";

/** A form's fields; a list (ticked checkboxes) is sent as the same name once per value, as a browser does. */
export type PostedForm = Record<string, string | readonly string[]>;

function encodeForm(form: PostedForm) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of typeof value === "string" ? [value] : value) body.append(name, one);
  return body.toString();
}

/** A request as a browser on this site would send it (Origin set), for loaders and actions. */
export function pageRequest(
  path: string,
  options: { cookie?: string; form?: PostedForm; origin?: string | null; clientAddress?: string } = {},
) {
  const headers = new Headers();
  if (options.cookie) headers.set("Cookie", options.cookie);
  if (options.form) {
    if (options.origin !== null) headers.set("Origin", options.origin ?? ORIGIN);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const request = new Request(new URL(path, ORIGIN), {
    method: options.form ? "POST" : "GET",
    headers,
    body: options.form ? encodeForm(options.form) : undefined,
  });
  const context: AppLoadContext = { cspNonce: "test", clientAddress: options.clientAddress ?? "127.0.0.1" };
  return { request, context, params: {} } satisfies LoaderFunctionArgs & ActionFunctionArgs;
}

/** What `data(value, { status })` from @remix-run/node returns: the value, and the status Remix answers with. */
type DataWithStatus<T> = { type: "DataWithResponseInit"; data: T; init: { status?: number } | null };
type Unwrapped<T> = T extends DataWithStatus<infer D> ? D : T;

function isDataWithStatus(value: unknown): value is DataWithStatus<unknown> {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit";
}

/** A form sent back to be corrected: ok false with at least one message. */
function isFormFailure(value: unknown) {
  if (typeof value !== "object" || value === null || (value as { ok?: unknown }).ok !== false) return false;
  const { formErrors = [], fieldErrors = {} } = value as { formErrors?: unknown[]; fieldErrors?: Record<string, unknown[] | undefined> };
  return formErrors.length > 0 || Object.values(fieldErrors).some((errors) => (errors?.length ?? 0) > 0);
}

/**
 * Runs a loader or action and returns what the page receives, with the HTTP status: a thrown
 * Response (redirect, 403, 404) is returned instead of thrown, and `data(value, { status })` is
 * unwrapped. A form sent back with messages must come with 400 (409 for a conflict): anything else fails the test.
 */
export async function runWithStatus<T>(fn: (args: ReturnType<typeof pageRequest>) => Promise<T>, args: ReturnType<typeof pageRequest>) {
  let result: unknown;
  try {
    result = await fn(args);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, data: thrown as Unwrapped<T> | Response };
    throw thrown;
  }
  if (result instanceof Response) return { status: result.status, data: result as Unwrapped<T> | Response };
  const status = isDataWithStatus(result) ? (result.init?.status ?? 200) : 200;
  const data = (isDataWithStatus(result) ? result.data : result) as Unwrapped<T>;
  // 409 too: a conflict found after the form was read (what it was about changed) may be shown in the form with its status.
  if (isFormFailure(data) && status !== 400 && status !== 409)
    throw new Error(`a form sent back with messages was answered ${status}, not 400 (or 409)`);
  return { status, data: data as Unwrapped<T> | Response };
}

/** As runWithStatus, giving only what the page receives (or the Response). */
export async function run<T>(fn: (args: ReturnType<typeof pageRequest>) => Promise<T>, args: ReturnType<typeof pageRequest>) {
  return (await runWithStatus(fn, args)).data;
}
