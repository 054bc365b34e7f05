import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requireAnonymous } from "../auth/guard.server";
import { signUpServerSchema } from "../auth/password-policy.server";
import { startSignUp } from "../auth/sign-up.server";
import { consumeSignUp } from "../auth/throttle.server";
import { ErrorSummary, TextField } from "../components/forms";
import { getLocale } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { formAction, formFailure, parseForm } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";

export const meta: MetaFunction = (args) => pageTitle(args, "title.signup");

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
  const form = await parseForm(request, signUpServerSchema);
  if (!form.ok) return form;
  const minutes = await consumeSignUp(context.clientAddress);
  if (minutes > 0) return { ...formFailure(form.values, { form: ["errors.rateLimited"] }), minutes };
  // Both answers are the same redirect, with no cookie, after the same work (hashing, one
  // transaction): the page does not tell whether the e-mail has an account. The mail does.
  await startSignUp({
    name: form.data.name,
    email: form.data.email,
    password: form.data.password,
    locale: await getLocale(request, null),
  });
  return redirect("/signup/check-email");
}

export default function SignUp() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  const fieldErrors = result?.fieldErrors ?? {};
  const minutes = result && "minutes" in result ? result.minutes : undefined;
  return (
    <>
      <h1>{t("signup.title")}</h1>
      {minutes ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t("errors.rateLimited", { wait: t("time.minutes", { count: minutes }) })}</p>
        </div>
      ) : null}
      <ErrorSummary
        errors={minutes ? undefined : result}
        fieldLabels={{ name: t("signup.name"), email: t("signup.email"), password: t("signup.password") }}
      />
      <Form method="post" className="stack" noValidate>
        <TextField
          name="name"
          label={t("signup.name")}
          hint={t("signup.nameHint")}
          autoComplete="name"
          defaultValue={values.name}
          errors={fieldErrors.name}
        />
        <TextField
          name="email"
          type="email"
          label={t("signup.email")}
          autoComplete="email"
          defaultValue={values.email}
          errors={fieldErrors.email}
        />
        <TextField
          name="password"
          type="password"
          clearOn={result}
          label={t("signup.password")}
          hint={t("signup.passwordHint")}
          autoComplete="new-password"
          errors={fieldErrors.password}
        />
        <div>
          <button type="submit">{t("signup.submit")}</button>
        </div>
      </Form>
      <p>
        {t("signup.haveAccount")} <Link to="/login">{t("login.submit")}</Link>
      </p>
    </>
  );
}
