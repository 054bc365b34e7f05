import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { requireAnonymous, safeRedirect } from "../auth/guard.server";
import { verifyAgainstDummy, verifyPassword } from "../auth/password.server";
import { startSession } from "../auth/session.server";
import { clearFailedSignIns, recordFailedSignIn, signInBlockedMinutes } from "../auth/throttle.server";
import { ErrorSummary, TextField } from "../components/forms";
import { useTranslation } from "../i18n/use-translation";
import { getUserCredentialsByEmail } from "../models/user.server";
import { signInSchema } from "../schemas/account";
import { formFailure, parseForm } from "../utils/form.server";

export const meta: MetaFunction = () => [{ title: "Logga in – Fråga en gång" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await parseForm(request, signInSchema);
  if (!form.ok) return form;
  const { email, password, redirectTo } = form.data;

  const blockedMinutes = await signInBlockedMinutes(email, context.clientAddress);
  if (blockedMinutes > 0) {
    return { ...formFailure(form.values, { form: ["errors.throttled"] }), minutes: blockedMinutes };
  }
  const credentials = await getUserCredentialsByEmail(email);
  const valid = credentials
    ? await verifyPassword(credentials.passwordHash, password)
    : await verifyAgainstDummy(password);
  if (!credentials || !valid) {
    await recordFailedSignIn(email, context.clientAddress);
    return formFailure(form.values, { form: ["errors.invalidLogin"] });
  }
  await clearFailedSignIns(email);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await startSession(credentials.id) } });
}

export default function Login() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const values = result?.values ?? {};
  const fieldErrors = result?.fieldErrors ?? {};
  const throttledMinutes = result && "minutes" in result ? result.minutes : undefined;
  return (
    <>
      <h1>{t("login.title")}</h1>
      {throttledMinutes ? (
        <div className="error-summary" role="alert">
          <p>{t("errors.throttled", { minutes: throttledMinutes })}</p>
        </div>
      ) : (
        <ErrorSummary errors={result} fieldLabels={{ email: t("login.email"), password: t("login.password") }} />
      )}
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={values.redirectTo ?? searchParams.get("redirectTo") ?? "/"} />
        <TextField
          name="email"
          type="email"
          label={t("login.email")}
          autoComplete="email"
          defaultValue={values.email}
          errors={fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          clearOn={result}
          label={t("login.password")}
          autoComplete="current-password"
          errors={fieldErrors.password}
        />
        <div>
          <button type="submit">{t("login.submit")}</button>
        </div>
      </Form>
      <p>
        {t("login.noAccount")} <Link to="/signup">{t("login.signupLink")}</Link>
      </p>
    </>
  );
}
