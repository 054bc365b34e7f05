import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { requireAnonymous, safeRedirect } from "../auth/guard.server";
import { attemptSignIn } from "../auth/sign-in.server";
import { ErrorSummary, TextField } from "../components/forms";
import { useTranslation } from "../i18n/use-translation";
import { signInSchema } from "../schemas/account.server";
import { formAction, formFailure, parseForm } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";

export const meta: MetaFunction = (args) => pageTitle(args, "title.login");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

// Wrapped when called, not when the module loads: the browser bundle gets an empty form.server
// module, so a call at module level throws there and the page's route module fails to load.
export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await parseForm(request, signInSchema);
  if (!form.ok) return form;
  const { email, password, redirectTo } = form.data;

  const attempt = await attemptSignIn({ request, email, password, clientAddress: context.clientAddress });
  if (!attempt.ok && attempt.reason === "wait") {
    return { ...formFailure(form.values, { form: ["errors.signInWait"] }), waitSeconds: attempt.seconds };
  }
  if (!attempt.ok) return formFailure(form.values, { form: ["errors.invalidLogin"] });
  const headers = new Headers();
  for (const cookie of attempt.setCookies) headers.append("Set-Cookie", cookie);
  return redirect(safeRedirect(redirectTo), { headers });
}

/** A wait in whole seconds up to two minutes, else in minutes. */
function waitText(t: ReturnType<typeof useTranslation>["t"], seconds: number) {
  return seconds < 120
    ? t("errors.signInWait", { wait: t("time.seconds", { count: seconds }) })
    : t("errors.signInWait", { wait: t("time.minutes", { count: Math.ceil(seconds / 60) }) });
}

export default function Login() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const values = result?.values ?? {};
  const fieldErrors = result?.fieldErrors ?? {};
  const waitSeconds = result && "waitSeconds" in result ? result.waitSeconds : undefined;
  return (
    <>
      <h1>{t("login.title")}</h1>
      {waitSeconds ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{waitText(t, waitSeconds)}</p>
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
