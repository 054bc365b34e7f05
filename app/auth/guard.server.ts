import { redirect } from "@remix-run/node";
import {
  can,
  isOrganisationPermission,
  type OrganisationPermission,
  type OrganisationScope,
  type Permission,
  type RolePermission,
} from "./permissions";
import { getSurvey } from "../models/survey-page.server";
import { surveyIdParam } from "../schemas/survey.server";
import { forbidden, notFound } from "../utils/http.server";
import { getSessionUser, type SessionUser } from "./session.server";

export function toActor(user: SessionUser) {
  return { id: user.id, memberships: user.memberships };
}

// Only the comparison matters: a value that stays on this origin when resolved against it stays
// on the portal's own origin too, whatever PUBLIC_URL is.
const PORTAL_ORIGIN = "http://portal.invalid";

/**
 * Where to go after sign-in: only a path that, resolved against the portal's origin, stays on that
 * origin. Browsers drop tabs and line breaks inside URLs and read `\` as `/`, so `/\t/evil.example`
 * or `/\\evil` would leave the site: the URL parser does the same, and so is the judge. Anything else,
 * or anything a header cannot carry, falls back.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  let url: URL;
  try {
    url = new URL(to, PORTAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PORTAL_ORIGIN) return fallback;
  // The parsed form: control characters are gone or percent-encoded, so the Location header is valid.
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse into `//host` (`/.//evil`): the path must pass the test as it is sent.
  if (new URL(path, PORTAL_ORIGIN).origin !== PORTAL_ORIGIN) return fallback;
  return path;
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

/** The signed-in user holding the permission, or the 403 page. An `…:org` permission needs its organisation. */
export async function requirePermission(
  request: Request,
  permission: OrganisationPermission,
  scope: OrganisationScope,
): Promise<SessionUser>;
export async function requirePermission(request: Request, permission: RolePermission): Promise<SessionUser>;
export async function requirePermission(request: Request, permission: Permission, scope?: OrganisationScope): Promise<SessionUser> {
  const user = await requireUser(request);
  const actor = toActor(user);
  const allowed = isOrganisationPermission(permission) ? scope !== undefined && can(actor, permission, scope) : can(actor, permission);
  if (!allowed) forbidden();
  return user;
}

/**
 * The signed-in user who may work on tasks (ADR 010: `answer:task:org` for the organisation's
 * responders, `answer:task:any` for coordinators), or the 403 page. With an organisation, the user
 * must work for it; without one, for some organisation. Returns the user and the organisations
 * whose tasks they work on: null for every organisation.
 */
export async function requireTaskWorker(
  request: Request,
  scope?: OrganisationScope,
): Promise<{ user: SessionUser; organisationIds: string[] | null }> {
  const user = await requireUser(request);
  const actor = toActor(user);
  const everywhere = can(actor, "answer:task:any");
  const own = [...new Set(actor.memberships.map((m) => m.organisationId))].filter((organisationId) =>
    can(actor, "answer:task:org", { organisationId }),
  );
  const allowed = scope ? everywhere || own.includes(scope.organisationId) : everywhere || own.length > 0;
  if (!allowed) forbidden();
  return { user, organisationIds: everywhere ? null : own };
}

/**
 * The signed-in sender's own survey, for the builder's pages. Someone else's draft is a 404 (not even
 * whether it exists, as on the survey's public page); someone else's sent survey, which is public, a 403.
 */
export async function requireOwnSurvey(request: Request, surveyId: string | undefined) {
  const user = await requireUser(request);
  const parsed = surveyIdParam.safeParse(surveyId);
  const survey = parsed.success ? await getSurvey(parsed.data) : null;
  if (!survey || (survey.status === "draft" && survey.senderUserId !== user.id)) notFound();
  if (survey.senderUserId !== user.id) forbidden();
  return { user, survey };
}

/** Sign-in and sign-up pages are for visitors; a signed-in user goes home. */
export async function requireAnonymous(request: Request) {
  if (await getSessionUser(request)) throw redirect("/");
}
