import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { ErrorSummary, RowActionForm } from "../components/forms";
import { useTranslation } from "../i18n/use-translation";
import {
  countPendingOutboxRows,
  listDeadOutboxRows,
  meaningModelState,
  retryDeadOutboxRows,
  retryMeaningRecompute,
  searchEngineName,
} from "../models/search-outbox.server";
import { retrySearchRowSchema } from "../schemas/admin.server";
import { formatDate } from "../utils/dates";
import { formAction, parseForm } from "../utils/form.server";
import { pageTitle } from "../i18n/page-title";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.adminSearch");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:settings:any");
  const [dead, pending, meaning] = await Promise.all([listDeadOutboxRows(), countPendingOutboxRows(), meaningModelState()]);
  return {
    engine: searchEngineName(),
    pending,
    meaning: {
      builtAt: meaning.builtAt?.toISOString() ?? null,
      documents: meaning.documents,
      failure: meaning.failure ? { failedAt: meaning.failure.failedAt.toISOString(), error: meaning.failure.error } : null,
    },
    dead: dead.map((row) => ({ ...row, enqueuedAt: row.enqueuedAt.toISOString(), deadAt: row.deadAt.toISOString() })),
  };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:settings:any");
  const form = await parseForm(request, retrySearchRowSchema);
  if (!form.ok) return form;
  if (form.data.intent === "retry-meaning") {
    const { queued } = await retryMeaningRecompute({ actorUserId: admin.id });
    return { ok: true as const, retried: 0, meaningQueued: queued };
  }
  const retried = await retryDeadOutboxRows({
    actorUserId: admin.id,
    ids: form.data.intent === "retry" && form.data.rowId !== undefined ? [form.data.rowId] : undefined,
  });
  return { ok: true as const, retried };
}

export default function AdminSearch() {
  const { t, locale } = useTranslation();
  const { engine, pending, dead, meaning } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("adminSearch.title")}</h1>
      <p>{t("adminSearch.intro")}</p>
      <ul>
        <li>{t("adminSearch.engine", { engine: engine === "postgres" ? "PostgreSQL" : "Meilisearch" })}</li>
        <li>{t("adminSearch.pending", { count: pending })}</li>
        <li>
          {meaning.builtAt ? (
            <>
              {t("adminSearch.meaningBuilt", { count: meaning.documents })}{" "}
              <time dateTime={meaning.builtAt}>{formatDate(meaning.builtAt, locale, "dateTime")}</time>
            </>
          ) : (
            t("adminSearch.meaningNone")
          )}
        </li>
      </ul>
      {meaning.failure ? (
        <div className="error-summary">
          <p>
            {t("adminSearch.meaningFailed")}{" "}
            <time dateTime={meaning.failure.failedAt}>{formatDate(meaning.failure.failedAt, locale, "dateTime")}</time>:{" "}
            <code>{meaning.failure.error}</code>
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="retry-meaning" />
            <button type="submit">{t("adminSearch.meaningRetry")}</button>
          </Form>
        </div>
      ) : null}

      {result?.ok ? (
        <StatusNotice>
          {"meaningQueued" in result
            ? t(result.meaningQueued ? "adminSearch.meaningQueued" : "adminSearch.meaningAlreadyQueued")
            : result.retried > 0
              ? t("adminSearch.retried", { count: result.retried })
              : t("adminSearch.nothingRetried")}
        </StatusNotice>
      ) : null}
      <ErrorSummary
        errors={result && !result.ok ? result : undefined}
        fieldLabels={{ rowId: t("adminSearch.item"), intent: t("adminSearch.item") }}
      />

      <h2>{t("adminSearch.deadTitle")}</h2>
      {dead.length === 0 ? (
        <p>{t("adminSearch.none")}</p>
      ) : (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="retry-all" />
            <button type="submit">{t("adminSearch.retryAll")}</button>
          </Form>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("adminSearch.item")}</th>
                <th scope="col">{t("adminSearch.kind")}</th>
                <th scope="col">{t("adminSearch.attempts")}</th>
                <th scope="col">{t("adminSearch.error")}</th>
                <th scope="col">{t("adminSearch.deadAt")}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {dead.map((row) => {
                const item = row.title ?? `${row.entityId} ${t("adminSearch.gone")}`;
                const kindKey = `adminSearch.kind.${row.entityType}` as const;
                return (
                  <tr key={row.id}>
                    <td>{row.entityType === "dataset" && row.title ? <a href={`/datasets/${row.entityId}`}>{item}</a> : item}</td>
                    <td>
                      {kindKey === "adminSearch.kind.dataset" ||
                      kindKey === "adminSearch.kind.request" ||
                      kindKey === "adminSearch.kind.answer"
                        ? t(kindKey)
                        : row.entityType}
                    </td>
                    <td>{row.attempts}</td>
                    <td>
                      <code>{row.lastError}</code>
                    </td>
                    <td>
                      <time dateTime={row.deadAt}>{formatDate(row.deadAt, locale, "dateTime")}</time>
                    </td>
                    <td>
                      <RowActionForm
                        intent="retry"
                        name="rowId"
                        value={row.id}
                        className="link-button"
                        label={t("adminSearch.retryLabel", { item })}
                      >
                        {t("adminSearch.retry")}
                      </RowActionForm>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
