import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requirePermission, toActor } from "../auth/guard.server";
import { ErrorSummary, TextAreaField, TextField } from "../components/forms";
import { pageTitle } from "../i18n/page-title";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import {
  getWorklistRequestDraft,
  requestFromLacking,
  reviewRequestFromLacking,
  WorklistAlreadySentError,
  WorklistLackingChangedError,
  type LackingOrganisation,
  type SentFromWorklist,
} from "../models/specification-worklist.server";
import { DeadlineInputError } from "../models/task-deadline.server";
import { worklistRequestFormSchema, worklistRequestIntents, worklistRequestParamsSchema } from "../schemas/specification-worklist.server";
import { conflictFailure, formAction, formFailure, parseForm, parseIntent } from "../utils/form.server";
import { formatDate } from "../utils/dates";
import { invariantResponse } from "../utils/http.server";
import { specificationName } from "../domain/specifications";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.specificationWorklistRequest");

function specificationIdOf(params: Record<string, string | undefined>) {
  const parsed = worklistRequestParamsSchema.safeParse(params);
  return invariantResponse(parsed.success ? parsed.data.specificationId : null, 404);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const specificationId = specificationIdOf(params);
  return invariantResponse(await getWorklistRequestDraft({ actor: toActor(user), specificationId, includeSameKind: true }), 404);
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const specificationId = specificationIdOf(params);
  const intent = await parseIntent(request, worklistRequestIntents);
  const form = await parseForm(request, worklistRequestFormSchema, { lists: ["organisationIds"] });
  if (!form.ok) return form;
  if (intent === "edit") return { ok: true as const, stage: "edit" as const, values: form.values };
  const command = { actor: toActor(user), specificationId, ...form.data };
  try {
    if (intent === "review") {
      const review = await reviewRequestFromLacking(command);
      return { ok: true as const, stage: "confirm" as const, values: form.values, ...review };
    }
    const sent = await requestFromLacking(command);
    return { ok: true as const, stage: "sent" as const, values: form.values, ...sent };
  } catch (error) {
    if (error instanceof DeadlineInputError && error.field === "dueDate") {
      return formFailure(form.values, { fields: { dueDate: [error.messageKey] } });
    }
    // The coverage moved under the confirmation: the new recipients are shown to confirm again.
    if (error instanceof WorklistLackingChangedError) {
      return { ...formFailure(form.values, { form: [error.messageKey] }), lacking: error.lacking, dueDate: form.data.dueDate };
    }
    // A request went out since the confirmation (a second click, a colleague): it is shown, with the recipients to confirm again.
    if (error instanceof WorklistAlreadySentError) {
      return {
        ...formFailure(form.values, { form: [error.messageKey] }),
        lacking: error.lacking,
        dueDate: form.data.dueDate,
        lastRequest: error.lastRequest,
      };
    }
    return conflictFailure(error, form.values);
  }
}

export default function WorklistRequestPage() {
  const { t, tc, locale } = useTranslation();
  const { specification, lacking, defaultDueDate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = result?.values ?? {};
  const name = specificationName(specification);
  // The confirmation, or the changed recipients sent back to confirm again: both carry the list and the date.
  const confirming =
    result && "lacking" in result
      ? (result as unknown as { lacking: LackingOrganisation[]; dueDate: string; lastRequest?: SentFromWorklist | null })
      : null;
  const sent = result?.ok && result.stage === "sent" ? result : null;
  return (
    <>
      <p>
        <Link to="/specifikationer/arbetslista">{t("worklistRequest.back")}</Link>
      </p>
      <h1>{t("worklistRequest.title", { name })}</h1>
      {sent ? (
        <StatusNotice>
          {tc("worklistRequest.sent", sent.organisations, { number: sent.number, date: formatDate(sent.dueDate, locale) })}{" "}
          <Link to={`/requests/${sent.number}`}>{t("worklistRequest.openRequest", { number: sent.number })}</Link>
        </StatusNotice>
      ) : confirming ? (
        <Confirm
          values={values}
          lacking={confirming.lacking}
          dueDate={confirming.dueDate}
          lastRequest={confirming.lastRequest ?? null}
          failure={failure}
        />
      ) : (
        <EditForm
          specification={specification}
          noneCount={lacking.filter((organisation) => organisation.kind === "none").length}
          sameKindCount={lacking.filter((organisation) => organisation.kind === "same_kind").length}
          defaultDueDate={defaultDueDate}
          values={values}
          failure={failure}
        />
      )}
    </>
  );
}

type Failure = { formErrors: MessageKey[]; fieldErrors: Partial<Record<string, MessageKey[]>> };

function EditForm({
  specification,
  noneCount,
  sameKindCount,
  defaultDueDate,
  values,
  failure,
}: {
  specification: { name: string; version: string; uri: string | null };
  noneCount: number;
  sameKindCount: number;
  defaultDueDate: string;
  values: Record<string, string>;
  failure: Failure | undefined;
}) {
  const { t, tc } = useTranslation();
  // The name with its version when it has one, so a specification without one leaves no stray space.
  const params = { name: specificationName(specification), uri: specification.uri ? ` (${specification.uri})` : "" };
  return (
    <>
      <p>{t("worklistRequest.intro")}</p>
      <p>
        {tc("worklistRequest.lackingCount", noneCount)}
        {sameKindCount > 0 ? ` ${tc("worklistRequest.sameKindCount", sameKindCount)}` : null}
      </p>
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          title: t("worklistRequest.requestTitle"),
          body: t("worklistRequest.body"),
          purpose: t("worklistRequest.purpose"),
          dueDate: t("worklistRequest.dueDate"),
        }}
      />
      <Form method="post" className="stack" noValidate>
        <TextField
          name="title"
          label={t("worklistRequest.requestTitle")}
          defaultValue={values.title ?? t("worklistRequest.defaultTitle", params)}
          errors={failure?.fieldErrors.title}
        />
        <TextAreaField
          name="body"
          label={t("worklistRequest.body")}
          defaultValue={values.body ?? t("worklistRequest.defaultBody", params)}
          errors={failure?.fieldErrors.body}
        />
        <TextAreaField
          name="purpose"
          label={t("worklistRequest.purpose")}
          rows={3}
          defaultValue={values.purpose ?? t("worklistRequest.defaultPurpose")}
          errors={failure?.fieldErrors.purpose}
        />
        <label className="choice">
          <input type="checkbox" name="includeSameKind" value="1" defaultChecked={values.includeSameKind === "1"} />{" "}
          {t("worklistRequest.includeSameKind")}
        </label>
        <TextField
          type="date"
          name="dueDate"
          label={t("worklistRequest.dueDate")}
          hint={t("worklistRequest.dueDateHint")}
          defaultValue={values.dueDate ?? defaultDueDate}
          errors={failure?.fieldErrors.dueDate}
        />
        <div>
          <button type="submit" name="intent" value="review">
            {t("worklistRequest.review")}
          </button>
        </div>
      </Form>
    </>
  );
}

/** The confirmation step: every recipient listed, the typed request carried in hidden fields. */
function Confirm({
  values,
  lacking,
  dueDate,
  lastRequest,
  failure,
}: {
  values: Record<string, string>;
  lacking: LackingOrganisation[];
  dueDate: string;
  lastRequest: SentFromWorklist | null;
  failure: Failure | undefined;
}) {
  const { t, tc, locale } = useTranslation();
  // Only a send already on its way is held back (the server refuses a second one anyway): while
  // the page's data is read again after the confirmation appears, the button must work, or a
  // keyboard press is swallowed without a word.
  const navigation = useNavigation();
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "send";
  const heading = useRef<HTMLHeadingElement>(null);
  // A keyboard or screen-reader user lands on what is to be confirmed, not at the top of the page.
  useEffect(() => {
    if (!failure) heading.current?.focus();
  }, [failure, lacking]);
  return (
    <section aria-labelledby="confirm-heading">
      <ErrorSummary errors={failure} fieldLabels={{}} />
      <h2 id="confirm-heading" tabIndex={-1} ref={heading}>
        {t("worklistRequest.confirmTitle")}
      </h2>
      <p>{tc("worklistRequest.confirmIntro", lacking.length, { title: values.title ?? "", date: formatDate(dueDate, locale) })}</p>
      <ul aria-label={t("worklistRequest.recipients")}>
        {lacking.map((organisation) => (
          <li key={organisation.id}>
            {organisation.name} ({t(organisation.kind === "same_kind" ? "worklist.kind.same_kind" : "worklist.kind.none")})
          </li>
        ))}
      </ul>
      {lastRequest ? (
        <p>
          {t("worklistRequest.lastSent")}{" "}
          <Link to={`/requests/${lastRequest.number}`}>
            {tc("worklist.lastRequest", lastRequest.organisations, {
              number: lastRequest.number,
              date: formatDate(lastRequest.at, locale),
            })}
          </Link>
        </p>
      ) : null}
      <Form method="post" className="stack">
        {(["title", "body", "purpose", "dueDate"] as const).map((field) => (
          <input key={field} type="hidden" name={field} value={values[field] ?? ""} />
        ))}
        {values.includeSameKind === "1" ? <input type="hidden" name="includeSameKind" value="1" /> : null}
        {lacking.map((organisation) => (
          <input key={organisation.id} type="hidden" name="organisationIds" value={organisation.id} />
        ))}
        {/* What this confirmation saw: the server refuses to send if another request went out since. */}
        {lastRequest ? <input type="hidden" name="seenRequestEventId" value={lastRequest.eventId} /> : null}
        <div>
          <button
            type="submit"
            name="intent"
            value="send"
            aria-disabled={sending || undefined}
            onClick={(event) => sending && event.preventDefault()}
          >
            {tc("worklistRequest.send", lacking.length)}
          </button>{" "}
          <button type="submit" name="intent" value="edit" className="button--secondary">
            {t("worklistRequest.change")}
          </button>
        </div>
      </Form>
    </section>
  );
}
