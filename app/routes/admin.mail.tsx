import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { ErrorSummary, RowActionForm } from "../components/forms";
import { useTranslation } from "../i18n/use-translation";
import { smtpConfigured } from "../mail/smtp.server";
import { listMail, retryMail } from "../models/mail.server";
import { retryMailSchema } from "../schemas/admin.server";
import { formatDate } from "../utils/dates";
import { formAction, parseForm } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.adminMail");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:settings:any");
  const mail = await listMail({ limit: 200 });
  return {
    smtp: smtpConfigured(),
    mail: mail.map((m) => ({ ...m, id: String(m.id), createdAt: m.createdAt.toISOString(), sentAt: m.sentAt?.toISOString() ?? null })),
  };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:settings:any");
  const form = await parseForm(request, retryMailSchema);
  if (!form.ok) return form;
  // A mail that is gone or already sent is the 404 page (NotFoundError, answered by formAction).
  await retryMail({ actorUserId: admin.id, mailId: form.data.mailId });
  return { ok: true as const };
}

export default function AdminMail() {
  const { t, locale } = useTranslation();
  const { smtp, mail } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("admin.mail.title")}</h1>
      <p>{t("admin.mail.intro")}</p>
      {smtp ? null : <p className="notice">{t("admin.mail.smtpOff")}</p>}
      {result?.ok ? <StatusNotice>{t("admin.mail.retried")}</StatusNotice> : null}
      <ErrorSummary errors={result && !result.ok ? result : undefined} fieldLabels={{}} />
      {mail.length === 0 ? (
        <p>{t("admin.mail.none")}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t("admin.mail.table")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.mail.created")}</th>
              <th scope="col">{t("admin.mail.to")}</th>
              <th scope="col">{t("admin.mail.subject")}</th>
              <th scope="col">{t("admin.mail.status")}</th>
            </tr>
          </thead>
          <tbody>
            {mail.map((m) => (
              <tr key={m.id}>
                <td>{formatDate(m.createdAt, locale, "dateTime")}</td>
                <td>{m.to}</td>
                <td>
                  <details>
                    <summary>{m.subject}</summary>
                    <pre className="mail-body">{m.text}</pre>
                  </details>
                </td>
                <td>
                  {t(`admin.mail.status.${m.status}`)}
                  {m.attempts > 0 && m.status !== "sent" ? (
                    <>
                      <br />
                      {t("admin.mail.attempts", { count: m.attempts })}
                    </>
                  ) : null}
                  {m.lastError && m.status !== "sent" ? (
                    <>
                      <br />
                      {t("admin.mail.error", { error: m.lastError })}
                    </>
                  ) : null}
                  {m.status === "failed" ? (
                    <RowActionForm intent="retry" name="mailId" value={m.id} className="link-button">
                      {t("admin.mail.retry")}
                    </RowActionForm>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
