import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "../auth/guard.server";
import { storedHarvestText } from "../catalogue/harvest-message";
import { HarvestRunStatus, ScheduleChoice } from "../components/harvest-run";
import { useTranslation } from "../i18n/use-translation";
import { enqueueHarvest } from "../jobs/queue.server";
import { getCatalogueSource, updateCatalogueSourceSchedule } from "../models/catalogue-source.server";
import { updateRemovalThreshold } from "../models/catalogue-source.server";
import {
  confirmHeldHarvestRun,
  discardHeldHarvestRun,
  getHeldHarvestRun,
  listHarvestRuns,
  listPendingRemovals,
} from "../models/harvest.server";
import { TextField } from "../components/forms";
import {
  heldRunSchema,
  removalThresholdSchema,
  runHarvestSchema,
  scheduleSourceSchema,
  sourceParamsSchema,
} from "../schemas/catalogue.server";
import { formAction, parseForm, parseIntent } from "../utils/form.server";
import { invariantResponse } from "../utils/http.server";
import { pageTitle } from "../i18n/page-title";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, { text: args.data?.source.name, fallback: "title.source" });

async function sourceOr404(sourceIdParam: string | undefined) {
  const parsed = sourceParamsSchema.safeParse({ sourceId: sourceIdParam });
  return invariantResponse(parsed.success ? await getCatalogueSource(parsed.data.sourceId) : undefined, 404);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:catalogue:any");
  const source = await sourceOr404(params.sourceId);
  const [runs, held] = await Promise.all([listHarvestRuns({ sourceId: source.id, limit: 20 }), getHeldHarvestRun(source.id)]);
  const pendingRemovals = held ? await listPendingRemovals({ runId: held.id, limit: 500 }) : [];
  return { source, runs, held: held ? { id: held.id, count: held.pending_removals } : null, pendingRemovals };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:catalogue:any");
  const source = await sourceOr404(params.sourceId);
  const intent = await parseIntent(request, ["confirm", "discard", "threshold", "run", "schedule"]);
  if (intent === "confirm" || intent === "discard") {
    const form = await parseForm(request, heldRunSchema);
    if (!form.ok) return form;
    // A run no longer held (HarvestRunNotHeldError) is the 409 page saying so: formAction answers it.
    if (form.data.intent === "confirm") {
      const { removed } = await confirmHeldHarvestRun({ actorUserId: user.id, sourceId: source.id, runId: form.data.runId });
      return { ok: true as const, message: "sources.removalsConfirmed" as const, count: removed, values: {} };
    }
    await discardHeldHarvestRun({ actorUserId: user.id, sourceId: source.id, runId: form.data.runId });
    return { ok: true as const, message: "sources.removalsDiscarded" as const, values: {} };
  }
  if (intent === "threshold") {
    const form = await parseForm(request, removalThresholdSchema);
    if (!form.ok) return form;
    await updateRemovalThreshold({ actorUserId: user.id, sourceId: source.id, percent: form.data.percent });
    return { ok: true as const, message: "sources.thresholdSaved" as const, values: {} };
  }
  if (intent === "run") {
    const form = await parseForm(request, runHarvestSchema);
    if (!form.ok) return form;
    await enqueueHarvest(source.id);
    return { ok: true as const, message: "sources.queued" as const, values: {} };
  }
  const form = await parseForm(request, scheduleSourceSchema);
  if (!form.ok) return form;
  await updateCatalogueSourceSchedule({ actorUserId: user.id, sourceId: source.id, schedule: form.data.schedule });
  return { ok: true as const, message: "sources.scheduleSaved" as const, values: {} };
}

export default function CatalogueSource() {
  const { t, locale } = useTranslation();
  const { source, runs, held, pendingRemovals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/admin/sources">{t("sources.back")}</Link>
      </p>
      <h1>{source.name}</h1>
      {result?.ok ? (
        <StatusNotice>{t(result.message, { name: source.name, count: "count" in result ? (result.count ?? 0) : 0 })}</StatusNotice>
      ) : result ? (
        <p className="error-summary" role="alert">
          {result.formErrors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
      <dl>
        <dt>{t("sources.location")}</dt>
        <dd className="break">{source.location}</dd>
        <dt>{t("sources.kind")}</dt>
        <dd>{t(`sources.kind.${source.kind}`)}</dd>
        <dt>{t("sources.publisher")}</dt>
        <dd>{source.publisherName ?? t("sources.publisherNone")}</dd>
      </dl>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="schedule" />
        <ScheduleChoice defaultValue={source.schedule} />
        <div>
          <button type="submit">{t("sources.scheduleSubmit")}</button>
        </div>
      </Form>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="threshold" />
        <TextField
          name="percent"
          label={t("sources.threshold")}
          hint={t("sources.thresholdHint")}
          defaultValue={String(source.removalThresholdPercent)}
          errors={result && !result.ok ? result.fieldErrors.percent : undefined}
        />
        <div>
          <button type="submit">{t("sources.thresholdSubmit")}</button>
        </div>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="run" />
        <p>
          <button type="submit">{t("sources.runNow")}</button>
        </p>
      </Form>

      {held ? (
        <section aria-labelledby="held-heading" className="notice">
          <h2 id="held-heading">{t("sources.heldTitle")}</h2>
          <p>{t("sources.heldIntro", { count: held.count, percent: source.removalThresholdPercent })}</p>
          <ul>
            {pendingRemovals.map((dataset) => (
              <li key={dataset.id}>
                {dataset.title.sv ?? dataset.title[""] ?? dataset.title.en ?? Object.values(dataset.title)[0]}{" "}
                <span className="muted break">{dataset.uri}</span>
              </li>
            ))}
          </ul>
          {held.count > pendingRemovals.length ? <p>{t("sources.heldMore", { count: held.count - pendingRemovals.length })}</p> : null}
          <Form method="post">
            <input type="hidden" name="runId" value={held.id} />
            <p>
              <button type="submit" name="intent" value="confirm">
                {t("sources.confirmRemovals", { count: held.count })}
              </button>{" "}
              <button type="submit" name="intent" value="discard" className="button--secondary">
                {t("sources.discardRemovals")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}

      <h2>{t("sources.runsTitle")}</h2>
      {runs.length === 0 ? <p>{t("sources.noRuns")}</p> : null}
      <ol className="runs">
        {runs.map((run) => (
          <li key={run.id}>
            <HarvestRunStatus
              run={{
                status: run.status,
                startedAt: run.started_at,
                finishedAt: run.finished_at,
                added: run.added,
                updated: run.updated,
                removed: run.removed,
                failed: run.failed,
                error: run.error,
                errorKey: run.error_key,
                errorParams: run.error_params,
              }}
            />
            {run.errors.length > 0 ? (
              <details>
                <summary>
                  {t("sources.runErrors")} ({run.errors.length})
                </summary>
                <ul>
                  {run.errors.map((e, i) => (
                    <li key={i}>
                      <span className="break">{e.identity}</span>:{" "}
                      {storedHarvestText(locale, { key: e.key, params: e.params, text: e.message })}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
            {run.warnings.length > 0 ? (
              <details>
                <summary>
                  {t("sources.runWarnings")} ({run.warnings.length})
                </summary>
                <ul>
                  {run.warnings.map((w, i) => (
                    <li key={i}>
                      <span className="break">{w.identity}</span>:{" "}
                      {storedHarvestText(locale, { key: w.key, params: w.params, text: w.message })}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
