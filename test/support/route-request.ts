import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

export const ORIGIN = "http://localhost:3000";

/** A request as a browser on this site would send it (Origin set), for loaders and actions. */
export function pageRequest(
  path: string,
  options: { cookie?: string; form?: Record<string, string>; origin?: string | null; clientAddress?: string } = {},
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
    body: options.form ? new URLSearchParams(options.form).toString() : undefined,
  });
  const context: AppLoadContext = { cspNonce: "test", clientAddress: options.clientAddress ?? "127.0.0.1" };
  return { request, context, params: {} } satisfies LoaderFunctionArgs & ActionFunctionArgs;
}

/** Runs a loader or action; a thrown Response (redirect, 403, 404) is returned instead of thrown. */
export async function run<T>(fn: (args: ReturnType<typeof pageRequest>) => Promise<T>, args: ReturnType<typeof pageRequest>) {
  try {
    return await fn(args);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
