import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "../auth/guard.server";
import { HarvestRunStatus, ScheduleChoice } from "../components/harvest-run";
import { useTranslation } from "../i18n/use-translation";
import { enqueueHarvest } from "../jobs/queue.server";
import { getCatalogueSource, updateCatalogueSourceSchedule } from "../models/catalogue-source.server";
import { listHarvestRuns } from "../models/harvest.server";
import { scheduleSourceSchema } from "../schemas/catalogue";
import { parseForm } from "../utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.source.name ?? "Katalogkälla"} – Fråga en gång` }];

const params = z.object({ sourceId: z.uuid() });

async function sourceOr404(sourceIdParam: string | undefined) {
  const parsed = params.safeParse({ sourceId: sourceIdParam });
  const source = parsed.success ? await getCatalogueSource(parsed.data.sourceId) : undefined;
  if (!source) throw new Response("Not Found", { status: 404 });
  return source;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:catalogue:any");
  const source = await sourceOr404(params.sourceId);
  return { source, runs: await listHarvestRuns({ sourceId: source.id, limit: 20 }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:catalogue:any");
  const source = await sourceOr404(params.sourceId);
  const intent = (await request.clone().formData()).get("intent");
  if (intent === "run") {
    const form = await parseForm(request, z.object({ intent: z.literal("run") }));
    if (!form.ok) return form;
    await enqueueHarvest(source.id);
    return { ok: true as const, message: "sources.queued" as const, values: {} };
  }
  if (intent !== "schedule") throw new Response("Bad Request", { status: 400 });
  const form = await parseForm(request, scheduleSourceSchema);
  if (!form.ok) return form;
  await updateCatalogueSourceSchedule({ actorUserId: user.id, sourceId: source.id, schedule: form.data.schedule });
  return { ok: true as const, message: "sources.scheduleSaved" as const, values: {} };
}

export default function CatalogueSource() {
  const { t } = useTranslation();
  const { source, runs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/admin/sources">{t("sources.back")}</Link>
      </p>
      <h1>{source.name}</h1>
      {result?.ok ? (
        <p className="notice" role="status">
          {t(result.message, { name: source.name })}
        </p>
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
      <Form method="post">
        <input type="hidden" name="intent" value="run" />
        <p>
          <button type="submit">{t("sources.runNow")}</button>
        </p>
      </Form>

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
                      <span className="break">{e.identity}</span>: {e.message}
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
