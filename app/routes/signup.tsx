import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { requireAnonymous } from "../auth/guard.server";
import { hashPassword } from "../auth/password.server";
import { startSession } from "../auth/session.server";
import { ErrorSummary, TextField } from "../components/forms";
import { getLocale } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { createUser, EmailTakenError } from "../models/user.server";
import { signUpSchema } from "../schemas/account";
import { formFailure, parseForm } from "../utils/form.server";

export const meta: MetaFunction = () => [{ title: "Skapa konto – Fråga en gång" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const form = await parseForm(request, signUpSchema);
  if (!form.ok) return form;
  try {
    const user = await createUser({
      name: form.data.name,
      email: form.data.email,
      passwordHash: await hashPassword(form.data.password),
      locale: await getLocale(request, null),
    });
    return redirect("/", { headers: { "Set-Cookie": await startSession(user.id) } });
  } catch (error) {
    if (error instanceof EmailTakenError) return formFailure(form.values, { fields: { email: ["errors.emailTaken"] } });
    throw error;
  }
}

export default function SignUp() {
  const { t } = useTranslation();
  const result = useActionData<typeof action>();
  const values = result?.values ?? {};
  const fieldErrors = result?.fieldErrors ?? {};
  return (
    <>
      <h1>{t("signup.title")}</h1>
      <ErrorSummary
        errors={result}
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
