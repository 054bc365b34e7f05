import { redirect } from "@remix-run/node";
import { can, type Permission } from "./permissions";
import { getSessionUser, type SessionUser } from "./session.server";

export function toActor(user: SessionUser) {
  return { id: user.id, memberships: user.memberships };
}

/** Only same-site relative paths, so a crafted link cannot send the user elsewhere after sign-in. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  return to;
}

export const getUser = getSessionUser;

/** The signed-in user; a visitor is sent to sign in and brought back afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** The signed-in user holding the permission, or the 403 page. */
export async function requirePermission(
  request: Request,
  permission: Permission,
  scope: { organisationId?: string } = {},
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(toActor(user), permission, scope)) forbidden();
  return user;
}

/** Sign-in and sign-up pages are for visitors; a signed-in user goes home. */
export async function requireAnonymous(request: Request) {
  if (await getSessionUser(request)) throw redirect("/");
}
