import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/forms";
import { DIGEST_MAIL_KIND } from "../domain/mail";
import { mailKindLabel } from "../i18n/mail.messages";
import type { MessageKey } from "../i18n/translate";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { checkUnsubscribeToken, unsubscribeWithToken, type UnsubscribeCheck } from "../models/mail-preference.server";
import { formAction, formFailure } from "../utils/form.server";

export const meta: MetaFunction = (args) => pageTitle(args, "title.unsubscribe");

// The token is in this page's address: it must not travel on to any other site as a Referer.
export const headers: HeadersFunction = () => ({ "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" });

const refusal: Record<"invalid" | "expired", MessageKey> = {
  invalid: "errors.unsubscribeInvalid",
  expired: "errors.unsubscribeExpired",
};

/**
 * The link at the foot of every mail to a user, and its List-Unsubscribe header (RFC 8058, ADR
 * 021). Opening it changes nothing (mail scanners open links to check them): it asks. The POST —
 * this page's button, or a mail program's one-click POST without cookies — unsubscribes. The
 * signed token is the only credential, so neither a session nor the forms' Origin check applies.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const check = await checkUnsubscribeToken(params.token ?? "");
  if (!check.ok) return data({ valid: false as const, error: refusal[check.reason], scope: null, kinds: [] }, { status: 400 });
  return { valid: true as const, error: null, scope: check.scope, kinds: check.kinds };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ params }: ActionFunctionArgs) {
  const result: UnsubscribeCheck = await unsubscribeWithToken({ token: params.token ?? "" });
  if (!result.ok) return formFailure({}, { form: [refusal[result.reason]] });
  return { ok: true as const, scope: result.scope, kinds: result.kinds };
}

export default function Unsubscribe() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const done = result && result.ok ? result : undefined;
  const kinds = done?.kinds ?? page.kinds;
  const kindList =
    kinds.length > 0 ? (
      <ul>
        {kinds.map((kind) => (
          <li key={kind}>{t(mailKindLabel(kind))}</li>
        ))}
      </ul>
    ) : (
      <p>{t("unsubscribe.nothingLeft")}</p>
    );
  return (
    <>
      <h1>{t("unsubscribe.title")}</h1>
      <ErrorSummary errors={failure} fieldLabels={{}} />
      {done ? (
        <div role="status">
          {kinds.length > 0 ? <p>{t("unsubscribe.done")}</p> : null}
          {kindList}
        </div>
      ) : page.valid && !failure ? (
        <Form method="post" className="stack">
          <p>{t(page.scope === DIGEST_MAIL_KIND ? "unsubscribe.confirmDigest" : "unsubscribe.confirm")}</p>
          {kindList}
          {kinds.length > 0 ? (
            <div>
              <button type="submit">{t("unsubscribe.submit")}</button>
            </div>
          ) : null}
        </Form>
      ) : !failure && page.error ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <p>{t(page.error)}</p>
        </div>
      ) : null}
      <p>
        {t("unsubscribe.preferences")} <Link to="/account">{t("nav.account")}</Link>
      </p>
    </>
  );
}
