import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { can } from "../auth/permissions";
import { requirePermission, toActor } from "../auth/guard.server";
import { DataTable } from "../components/data-table";
import { ErrorSummary } from "../components/forms";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { listLearnedDatasets, removeLearningEvidence } from "../models/match-learning.server";
import { matchLearningIntents, removeEvidenceSchema } from "../schemas/match-learning.server";
import { formatDate } from "../utils/dates";
import { conflictFailure, formAction, parseForm, parseIntent } from "../utils/form.server";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.matchLearning");

/** What the matcher learned from use, per dataset, with the words (ADR 032): coordinators only. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:match-learning:any");
  const datasets = await listLearnedDatasets();
  return {
    canRemove: can(toActor(user), "manage:match-learning:any"),
    datasets: datasets.map((d) => ({
      ...d,
      latestAt: d.latestAt.toISOString(),
      pieces: d.pieces.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

/** A coordinator removes a piece of evidence they judge wrong (ADR 032), with its audit event. */
async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:match-learning:any");
  await parseIntent(request, matchLearningIntents);
  const form = await parseForm(request, removeEvidenceSchema);
  if (!form.ok) return form;
  return removeLearningEvidence({ actor: toActor(user), evidenceId: form.data.evidenceId })
    .then(() => ({ ok: true as const, message: "matchLearning.removed" as const }))
    .catch((error) => conflictFailure(error, form.values));
}

export default function AdminMatchLearning() {
  const { t, tc, locale } = useTranslation();
  const { datasets, canRemove } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  type Row = (typeof datasets)[number];
  return (
    <>
      <h1>{t("matchLearning.title")}</h1>
      <p>{t("matchLearning.intro")}</p>
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      <ErrorSummary
        errors={result && !result.ok ? result : undefined}
        fieldLabels={{ evidenceId: t("matchLearning.pieces", { count: 1 }) }}
      />
      <h2 id="learned-datasets">{t("matchLearning.tableTitle")}</h2>
      {datasets.length === 0 ? (
        <p>{t("matchLearning.none")}</p>
      ) : (
        <DataTable<Row>
          labelledBy="learned-datasets"
          rows={datasets}
          rowKey={(row) => row.datasetId}
          columns={[
            {
              key: "dataset",
              header: t("matchLearning.dataset"),
              rowHeader: true,
              cell: (row) => <Link to={`/datasets/${row.datasetId}`}>{row.title}</Link>,
            },
            { key: "publisher", header: t("matchLearning.publisher"), cell: (row) => row.publisher ?? "–" },
            {
              key: "learnedFrom",
              header: t("matchLearning.learnedFrom"),
              cell: (row) => (
                <>
                  {tc("matchLearning.answers", row.answers)}, {tc("matchLearning.people", row.users)}
                  <br />
                  <small>
                    {t("matchLearning.sources")}{" "}
                    {(["accepted_match", "task_link", "duplicate_merged"] as const)
                      .filter((source) => row.bySource[source] > 0)
                      .map((source) => t(`matchLearning.source.${source}`, { count: row.bySource[source] }))
                      .join(", ")}
                  </small>
                </>
              ),
            },
            {
              key: "words",
              header: t("matchLearning.words"),
              cell: (row) =>
                row.words.length ? row.words.map((w) => `${w.word} (${w.users})`).join(", ") : <i>{t("matchLearning.noWords")}</i>,
            },
            {
              key: "pieces",
              header: t("matchLearning.piecesHeader"),
              cell: (row) => (
                <details>
                  <summary>{t("matchLearning.pieces", { count: row.answers })}</summary>
                  <ul>
                    {row.pieces.map((piece) => (
                      <li key={piece.id}>
                        <Link to={`/requests/${piece.requestNumber}`}>
                          #{piece.requestNumber} {piece.requestTitle}
                        </Link>{" "}
                        ({t(`matchLearning.pieceSource.${piece.source}`)},{" "}
                        <time dateTime={piece.createdAt}>{formatDate(piece.createdAt, locale, "date")}</time>)
                        {canRemove ? (
                          <Form method="post">
                            <input type="hidden" name="evidenceId" value={piece.id} />
                            <button
                              type="submit"
                              name="intent"
                              value="remove"
                              aria-label={t("matchLearning.removeLabel", { number: piece.requestNumber })}
                            >
                              {t("matchLearning.remove")}
                            </button>
                          </Form>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </details>
              ),
            },
            {
              key: "latest",
              header: t("matchLearning.latest"),
              cell: (row) => <time dateTime={row.latestAt}>{formatDate(row.latestAt, locale, "date")}</time>,
            },
          ]}
        />
      )}
    </>
  );
}
