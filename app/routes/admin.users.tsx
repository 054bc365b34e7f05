import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { organisationTypes as allOrganisationTypes } from "../domain/organisations";
import { requirePermission, toActor } from "../auth/guard.server";
import { can, grantableRoles } from "../auth/permissions";
import { ErrorSummary, SelectField, TextField } from "../components/forms";
import { Pager } from "../components/list-navigation";
import { useTranslation } from "../i18n/use-translation";
import { createMembership, deleteMembership } from "../models/membership.server";
import { getOrganisationById, listOrganisations } from "../models/organisation.server";
import { getUserByEmail, listUsersWithMemberships } from "../models/user.server";
import { grantRoleSchema, revokeRoleSchema, userListQuerySchema } from "../schemas/account.server";
import { assertWellFormedQuery, conflictFailure, formAction, formFailure, parseForm, parseIntent } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.users");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:membership:any");
  const url = new URL(request.url);
  assertWellFormedQuery(url);
  const { q, page } = userListQuerySchema.parse(Object.fromEntries(url.searchParams));
  const [{ users, hasMore }, organisations] = await Promise.all([
    listUsersWithMemberships({ query: q || undefined, page, pageSize: PAGE_SIZE }),
    listOrganisations(),
  ]);
  return {
    users,
    hasMore,
    page,
    q: q ?? "",
    organisations,
    grantableRoles: grantableRoles(toActor(user)),
    canRevokeAdmin: can(toActor(user), "manage:admin-role:any"),
  };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage:membership:any");
  const mayGrantAdmin = can(toActor(actor), "manage:admin-role:any");
  const intent = await parseIntent(request, ["grant", "revoke"]);

  if (intent === "revoke") {
    const form = await parseForm(request, revokeRoleSchema);
    if (!form.ok) return form;
    try {
      await deleteMembership({ actorUserId: actor.id, membershipId: form.data.membershipId, allowAdmin: mayGrantAdmin });
    } catch (error) {
      return conflictFailure(error, form.values);
    }
    return { ok: true as const, message: "admin.users.removed" as const, values: {} };
  }

  const form = await parseForm(request, grantRoleSchema);
  if (!form.ok) return form;
  if (form.data.role === "admin" && !mayGrantAdmin) {
    return formFailure(form.values, { fields: { role: ["errors.roleNotAllowed"] } });
  }
  const [user, organisation] = await Promise.all([getUserByEmail(form.data.email), getOrganisationById(form.data.organisationId)]);
  if (!user) return formFailure(form.values, { fields: { email: ["errors.userNotFound"] } });
  if (!organisation) return formFailure(form.values, { fields: { organisationId: ["errors.organisationRequired"] } });
  try {
    await createMembership({
      actorUserId: actor.id,
      userId: user.id,
      organisationId: organisation.id,
      role: form.data.role,
    });
  } catch (error) {
    return conflictFailure(error, form.values);
  }
  return {
    ok: true as const,
    message: "admin.users.added" as const,
    params: { name: user.name, role: form.data.role, organisation: organisation.name },
    values: {},
  };
}

// Municipalities first: responders are added to them far more often than to anything else.
const organisationTypes = [...allOrganisationTypes].sort((a, b) => (a === "municipality" ? -1 : b === "municipality" ? 1 : 0));

export default function AdminUsers() {
  const { t } = useTranslation();
  const { users, hasMore, page, q, organisations, grantableRoles, canRevokeAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  const success = result?.ok ? result : undefined;
  return (
    <>
      <h1>{t("admin.users.title")}</h1>
      <p>{t("admin.users.intro")}</p>
      {canRevokeAdmin ? (
        <p>
          <Link to="/admin/mail">{t("admin.mail.link")}</Link>
        </p>
      ) : null}

      {success ? (
        <StatusNotice>
          {"params" in success && success.params
            ? t(success.message, { ...success.params, role: t(`role.${success.params.role}`) })
            : t(success.message)}
        </StatusNotice>
      ) : null}

      <h2 id="grant-heading">{t("admin.users.addTitle")}</h2>
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          email: t("admin.users.addEmail"),
          organisationId: t("admin.users.addOrganisation"),
          role: t("admin.users.addRole"),
        }}
      />
      <Form method="post" className="stack" aria-labelledby="grant-heading" noValidate>
        <input type="hidden" name="intent" value="grant" />
        <TextField
          name="email"
          type="email"
          label={t("admin.users.addEmail")}
          defaultValue={values.email}
          errors={failure?.fieldErrors.email}
        />
        <SelectField
          name="organisationId"
          label={t("admin.users.addOrganisation")}
          defaultValue={values.organisationId ?? ""}
          errors={failure?.fieldErrors.organisationId}
        >
          <option value="">–</option>
          {organisationTypes.map((type) => (
            <optgroup key={type} label={t(`organisationType.${type}`)}>
              {organisations
                .filter((o) => o.type === type)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.kommunkod ? `${o.name} (${o.kommunkod})` : o.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField
          name="role"
          label={t("admin.users.addRole")}
          defaultValue={values.role ?? "responder"}
          errors={failure?.fieldErrors.role}
        >
          {grantableRoles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </SelectField>
        <div>
          <button type="submit">{t("admin.users.addSubmit")}</button>
        </div>
      </Form>

      <h2>{t("admin.users.table")}</h2>
      <Form method="get" role="search" className="stack">
        <TextField name="q" type="search" label={t("admin.users.search")} defaultValue={q} required={false} />
        <div>
          <button type="submit">{t("admin.users.searchSubmit")}</button>
        </div>
      </Form>
      {users.length === 0 ? (
        <p>{t("admin.users.noResults")}</p>
      ) : (
        // A block per user on a phone, a table to a screen reader everywhere (the roles: see .responsive-table).
        <table className="responsive-table" role="table">
          <caption className="visually-hidden">
            {t("admin.users.table")}, {t("pager.page", { page })}
          </caption>
          <thead role="rowgroup">
            <tr role="row">
              <th scope="col" role="columnheader">
                {t("admin.users.name")}
              </th>
              <th scope="col" role="columnheader">
                {t("admin.users.email")}
              </th>
              <th scope="col" role="columnheader">
                {t("admin.users.memberships")}
              </th>
            </tr>
          </thead>
          <tbody role="rowgroup">
            {users.map((user) => (
              <tr key={user.id} role="row">
                <td role="cell">{user.name}</td>
                <td role="cell" className="break" data-label={t("admin.users.email")}>
                  {user.email}
                </td>
                <td role="cell" data-label={t("admin.users.memberships")}>
                  {user.memberships.length === 0 ? (
                    t("admin.users.none")
                  ) : (
                    <ul className="membership-list">
                      {user.memberships.map((m) => (
                        <li key={m.id}>
                          {t(`role.${m.role}`)} – {m.organisationName}{" "}
                          {m.role !== "admin" || canRevokeAdmin ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="revoke" />
                              <input type="hidden" name="membershipId" value={m.id} />
                              <button
                                type="submit"
                                className="link-button"
                                aria-label={t("admin.users.remove", {
                                  role: t(`role.${m.role}`),
                                  organisation: m.organisationName,
                                  name: user.name,
                                })}
                              >
                                {t("admin.users.removeShort")}
                              </button>
                            </Form>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} hasNext={hasMore} />
    </>
  );
}
