import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { finishSignUp, pendingSignUpEmail } from "../auth/sign-up.server";
import { ErrorSummary } from "../components/forms";
import { useTranslation } from "../i18n/use-translation";
import { emptyFormSchema } from "../schemas/form.server";
import { formFailure, parseForm } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";

export const meta: MetaFunction = (args) => pageTitle(args, "title.confirmAccount");

// The token is in this page's address: it must not travel on to any other site as a Referer.
// ("no-referrer" would also make the browser post the form with `Origin: null`, which the CSRF
// check refuses.)
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin" });

/**
 * The link from the sign-up mail. Opening it changes nothing (mail scanners open links to check
 * them); the button posts, and that creates the account once (docs/decisions/008).
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const email = await pendingSignUpEmail(params.token ?? "");
  return email ? { valid: true as const, email } : { valid: false as const, email: null };
}

// A form sent back with a message is a 400, as every form's is (the page still renders it).
export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, emptyFormSchema);
  if (!form.ok) return data(form, { status: 400 });
  const done = await finishSignUp(request, params.token ?? "");
  if (!done) return data(formFailure({}, { form: ["errors.signUpLinkInvalid"] }), { status: 400 });
  const headers = new Headers();
  for (const cookie of done.setCookies) headers.append("Set-Cookie", cookie);
  return redirect("/", { headers });
}

export default function SignUpConfirm() {
  const { t } = useTranslation();
  const { valid, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("signup.confirm.title")}</h1>
      <ErrorSummary errors={result} fieldLabels={{}} />
      {valid && !result ? (
        <Form method="post" className="stack">
          <p>{t("signup.confirm.text", { email })}</p>
          <div>
            <button type="submit">{t("signup.confirm.submit")}</button>
          </div>
        </Form>
      ) : !result ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t("errors.signUpLinkInvalid")}</p>
        </div>
      ) : null}
      <p>
        <Link to="/signup">{t("signup.title")}</Link> · <Link to="/login">{t("login.submit")}</Link>
      </p>
    </>
  );
}
