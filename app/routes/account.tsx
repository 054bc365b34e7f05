import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { changePasswordServerSchema } from "../auth/password-policy.server";
import { trustBrowser } from "../auth/device.server";
import { endOtherSessions, startSession } from "../auth/session.server";
import { ErrorSummary, RadioGroup, TextField } from "../components/forms";
import { mailDeliveries, preferenceMailKinds } from "../domain/mail";
import { mailDeliveryLabel, mailKindLabel } from "../i18n/mail.messages";
import { useTranslation } from "../i18n/use-translation";
import { getMailPreferences, setMailPreferences } from "../models/mail-preference.server";
import { getUserCredentialsById, updateUserPassword } from "../models/user.server";
import { accountDoneSchema, mailPreferencesSchema, signOutOthersSchema } from "../schemas/account.server";
import { formAction, formFailure, parseForm, parseIntent } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.account");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:account:own");
  const done = accountDoneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined);
  return { name: user.name, email: user.email, memberships: user.memberships, done, mailPreferences: await getMailPreferences(user.id) };
}

// Wrapped when called, not when the module loads: the browser bundle gets an empty form.server
// module, so a call at module level throws there and the page's route module fails to load.
export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:account:own");
  const intent = await parseIntent(request, ["changePassword", "signOutOthers", "mailPreferences"]);
  if (intent === "mailPreferences") {
    const form = await parseForm(request, mailPreferencesSchema);
    if (!form.ok) return form;
    const { intent: _intent, ...preferences } = form.data;
    await setMailPreferences({ userId: user.id, preferences });
    return redirect("/account?done=mail#mail-heading");
  }
  if (intent === "signOutOthers") {
    const form = await parseForm(request, signOutOthersSchema);
    if (!form.ok) return form;
    await endOtherSessions(request, user.id);
    return redirect("/account?done=sessions");
  }
  const form = await parseForm(request, changePasswordServerSchema);
  if (!form.ok) return form;
  const credentials = await getUserCredentialsById(user.id);
  if (!(await verifyPassword(credentials.passwordHash, form.data.currentPassword))) {
    return formFailure(form.values, { fields: { currentPassword: ["errors.currentPasswordWrong"] } });
  }
  await updateUserPassword({ userId: user.id, passwordHash: await hashPassword(form.data.newPassword) });
  // Every session and trusted device is revoked with the password; this browser gets a fresh one of each. The
  // cookies ride on the redirect itself: a document POST without JavaScript would otherwise lose
  // them and be signed out.
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(user.id));
  headers.append("Set-Cookie", await trustBrowser(user.id));
  return redirect("/account?done=password", { headers });
}

export default function Account() {
  const { t } = useTranslation();
  const { name, email, memberships, done, mailPreferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  // Which form the failure belongs to: its summary is shown above that form only.
  const mailFailure = failure?.values.intent === "mailPreferences" ? failure : undefined;
  const passwordFailure = mailFailure ? undefined : failure;
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
      {done === "password" ? <StatusNotice>{t("account.passwordChanged")}</StatusNotice> : null}
      <ErrorSummary
        errors={passwordFailure}
        fieldLabels={{ currentPassword: t("account.currentPassword"), newPassword: t("account.newPassword") }}
      />
      <Form method="post" className="stack" aria-labelledby="password-heading" noValidate>
        <input type="hidden" name="intent" value="changePassword" />
        <TextField
          name="currentPassword"
          type="password"
          clearOn={result}
          label={t("account.currentPassword")}
          autoComplete="current-password"
          errors={passwordFailure?.fieldErrors.currentPassword}
        />
        <TextField
          name="newPassword"
          type="password"
          clearOn={result}
          label={t("account.newPassword")}
          hint={t("signup.passwordHint")}
          autoComplete="new-password"
          errors={passwordFailure?.fieldErrors.newPassword}
        />
        <div>
          <button type="submit">{t("account.passwordSubmit")}</button>
        </div>
      </Form>

      <h2 id="mail-heading">{t("account.mail.title")}</h2>
      {done === "mail" ? <StatusNotice>{t("account.mail.saved")}</StatusNotice> : null}
      <p>{t("account.mail.intro")}</p>
      <ErrorSummary
        errors={mailFailure}
        fieldLabels={Object.fromEntries(preferenceMailKinds.map((kind) => [kind, t(mailKindLabel(kind))]))}
      />
      <Form method="post" className="stack" aria-labelledby="mail-heading">
        <input type="hidden" name="intent" value="mailPreferences" />
        {preferenceMailKinds.map((kind) => (
          <RadioGroup
            key={kind}
            name={kind}
            legend={t(mailKindLabel(kind))}
            hint={t(`${mailKindLabel(kind)}.hint`)}
            options={mailDeliveries.map((delivery) => ({ value: delivery, label: t(mailDeliveryLabel(delivery)) }))}
            defaultValue={mailFailure?.values[kind] ?? mailPreferences[kind]}
          />
        ))}
        <div>
          <button type="submit">{t("account.mail.submit")}</button>
        </div>
      </Form>

      <h2 id="sessions-heading">{t("account.sessionsTitle")}</h2>
      {done === "sessions" ? <StatusNotice>{t("account.sessionsEnded")}</StatusNotice> : null}
      <p>{t("account.sessionsText")}</p>
      <Form method="post" aria-labelledby="sessions-heading">
        <input type="hidden" name="intent" value="signOutOthers" />
        <button type="submit">{t("account.sessionsSubmit")}</button>
      </Form>
    </>
  );
}
