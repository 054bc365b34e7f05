import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { restartUserSessions } from "../auth/session.server";
import { ErrorSummary, TextField } from "../components/forms";
import { useTranslation } from "../i18n/use-translation";
import { getUserCredentialsById, updateUserPassword } from "../models/user.server";
import { changePasswordSchema } from "../schemas/account";
import { formFailure, parseForm } from "../utils/form.server";

export const meta: MetaFunction = () => [{ title: "Mitt konto – Fråga en gång" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:account:own");
  return { name: user.name, email: user.email, memberships: user.memberships };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:account:own");
  const form = await parseForm(request, changePasswordSchema);
  if (!form.ok) return form;
  const credentials = await getUserCredentialsById(user.id);
  if (!(await verifyPassword(credentials.passwordHash, form.data.currentPassword))) {
    return formFailure(form.values, { fields: { currentPassword: ["errors.currentPasswordWrong"] } });
  }
  await updateUserPassword({ userId: user.id, passwordHash: await hashPassword(form.data.newPassword) });
  // Every other session is revoked; this browser gets a fresh one.
  return data(
    { ok: true as const, values: {} as Record<string, string> },
    { headers: { "Set-Cookie": await restartUserSessions(user.id) } },
  );
}

export default function Account() {
  const { t } = useTranslation();
  const { name, email, memberships } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  return (
    <>
      <h1>{t("account.title")}</h1>
      <h2>{t("account.details")}</h2>
      <dl>
        <dt>{t("account.name")}</dt>
        <dd>{name}</dd>
        <dt>{t("account.email")}</dt>
        <dd>{email}</dd>
        <dt>{t("account.roles")}</dt>
        <dd>
          {memberships.length === 0 ? (
            t("account.noMemberships")
          ) : (
            <ul>
              {memberships.map((m) => (
                <li key={`${m.organisationId}-${m.role}`}>
                  {t(`role.${m.role}`)} – {m.organisationName}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>

      <h2 id="password-heading">{t("account.passwordTitle")}</h2>
      {result?.ok ? (
        <p className="notice" role="status">
          {t("account.passwordChanged")}
        </p>
      ) : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{ currentPassword: t("account.currentPassword"), newPassword: t("account.newPassword") }}
      />
      <Form method="post" className="stack" aria-labelledby="password-heading" noValidate>
        <TextField
          name="currentPassword"
          type="password"
          clearOn={result}
          label={t("account.currentPassword")}
          autoComplete="current-password"
          errors={failure?.fieldErrors.currentPassword}
        />
        <TextField
          name="newPassword"
          type="password"
          clearOn={result}
          label={t("account.newPassword")}
          hint={t("signup.passwordHint")}
          autoComplete="new-password"
          errors={failure?.fieldErrors.newPassword}
        />
        <div>
          <button type="submit">{t("account.passwordSubmit")}</button>
        </div>
      </Form>
    </>
  );
}
