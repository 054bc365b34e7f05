import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../../auth/guard.server";
import { canTransition, isRejectable } from "../../domain/lifecycle";
import { awaitsPublishing } from "../../domain/moderation";
import { isRequestOpenToTasks } from "../../domain/tasks";
import { isTargetableOrganisation } from "../../domain/requests";
import { ErrorSummary } from "../../components/forms";
import { specificationSelectId } from "../../components/specification-choice";
import type { CountKey, MessageKey } from "../../i18n/translate";
import { requestStatusLabel } from "../../i18n/status.messages";
import { useTranslation } from "../../i18n/use-translation";
import {
  getRequestForTriage,
  getRequestIdByNumber,
  markDuplicate,
  NotHeldError,
  NotTargetableError,
  OriginalHeldError,
  publishHeldRequest,
  rejectRequest,
  RequestNotFoundError,
  routeRequest,
  updateRequestTriage,
} from "../../models/request.server";
import { TransitionError } from "../../models/lifecycle.server";
import { listOrganisations } from "../../models/organisation.server";
import { closeRequest } from "../../models/task.server";
import { changeRequestDeadline, DeadlineInputError, getDeadlineSettings } from "../../models/task-deadline.server";
import { changeDeadlineSchema } from "../../schemas/deadline.server";
import { emptyFormSchema } from "../../schemas/form.server";
import {
  closeRequestSchema,
  duplicateRequestSchema,
  editRequestSchema,
  rejectRequestSchema,
  routeRequestSchema,
  triageParamsSchema,
} from "../../schemas/request.server";
import { formAction, formFailure, parseForm, parseIntent, submittedValues } from "../../utils/form.server";
import { invariantResponse } from "../../utils/http.server";
import { pageTitle } from "../../i18n/page-title";
import { dueDateCalendar } from "../../utils/due-date-calendar.server";
import { getRequestSpecificationChoice } from "../../models/specification-choice.server";
import { linkRequestToSpecification, SpecificationNotFoundError, SpecificationRetiredError } from "../../models/specification.server";
import {
  linkSpecificationSchema,
  specificationLinkIntents,
  specificationQuerySchema,
  unlinkSpecificationSchema,
} from "../../schemas/specification-link.server";
import { SPECIFICATION_ID_PREFIX, SpecificationForm } from "./specification-form";
import { CloseForm } from "./close-form";
import { DeadlineForm } from "./deadline-form";
import { EditForm } from "./edit-form";
import { SubmittedForms } from "./submitted-forms";
import { PublishForm } from "./publish-form";
import { RejectForm } from "./reject-form";
import { sentReasonField } from "./page-data";
import { StatusNotice } from "../../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.triageRequest");

async function requestOr404(raw: Record<string, string | undefined>) {
  const parsed = triageParamsSchema.safeParse(raw);
  return invariantResponse(parsed.success ? await getRequestForTriage(parsed.data.number) : undefined, 404);
}

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  await requirePermission(request, "triage:request:any");
  const [target, organisations, deadlines] = await Promise.all([requestOr404(raw), listOrganisations(), getDeadlineSettings()]);
  // A request may be routed to any organisation it may ask (app/domain), not only to those it named.
  const routable = organisations.filter(isTargetableOrganisation);
  const { specifikation: query } = specificationQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const specification = await getRequestSpecificationChoice({ requestId: target.id, query });
  // The due-date picker counts working days in the browser from the server's own days off.
  return {
    request: target,
    organisations: routable,
    defaultWorkingDays: deadlines.defaultWorkingDays,
    calendar: dueDateCalendar(),
    specification,
  };
}

type Outcome = { ok: true; message: MessageKey | CountKey; params?: Record<string, string | number>; values: Record<string, string> };
const outcome = (message: MessageKey | CountKey, params?: Record<string, string | number>): Outcome => ({
  ok: true,
  message,
  params,
  values: {},
});

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request, params: raw }: ActionFunctionArgs) {
  const user = await requirePermission(request, "triage:request:any");
  const target = await requestOr404(raw);
  const intent = await parseIntent(request, [
    "route",
    "duplicate",
    "reject",
    "publish",
    "close",
    "deadline",
    "edit",
    ...specificationLinkIntents,
  ]);
  try {
    if (intent === "link_specification" || intent === "unlink_specification") {
      const form =
        intent === "link_specification"
          ? await parseForm(request, linkSpecificationSchema)
          : await parseForm(request, unlinkSpecificationSchema).then((f) => (f.ok ? { ...f, data: { specificationId: null } } : f));
      if (!form.ok) return form;
      const { specificationId } = form.data;
      try {
        const { changed } = await linkRequestToSpecification({ actor: toActor(user), requestId: target.id, specificationId });
        return outcome(
          !changed
            ? "specificationLink.unchangedNotice"
            : specificationId
              ? "specificationLink.linkedNotice"
              : "specificationLink.removedNotice",
        );
      } catch (error) {
        if (error instanceof SpecificationNotFoundError)
          return formFailure(form.values, { fields: { specificationId: ["errors.specificationUnknown"] } });
        if (error instanceof SpecificationRetiredError)
          return formFailure(form.values, { fields: { specificationId: [error.messageKey] } });
        throw error;
      }
    }
    if (intent === "route") {
      const form = await parseForm(request, routeRequestSchema, { lists: ["organisationIds"] });
      if (!form.ok) return form;
      const organisationIds = form.data.organisationIds;
      const { dueDate } = await routeRequest({
        actorUserId: user.id,
        requestId: target.id,
        organisationIds,
        workingDays: form.data.workingDays,
      });
      return outcome("triage.routed", { count: organisationIds.length, date: dueDate });
    }
    if (intent === "duplicate") {
      const form = await parseForm(request, duplicateRequestSchema);
      if (!form.ok) return form;
      const originalId = await getRequestIdByNumber(form.data.originalNumber);
      if (!originalId || originalId === target.id)
        return formFailure(form.values, { fields: { originalNumber: ["errors.originalNotFound"] } });
      try {
        const merged = await markDuplicate({ actorUserId: user.id, requestId: target.id, originalId, reason: form.data.reason });
        return outcome("triage.merged", { number: merged.originalNumber });
      } catch (error) {
        // Shown at the number, with what the coordinator wrote kept (ADR 040).
        if (error instanceof OriginalHeldError) return formFailure(form.values, { fields: { originalNumber: [error.messageKey] } });
        throw error;
      }
    }
    if (intent === "close") {
      const form = await parseForm(request, closeRequestSchema);
      if (!form.ok) return form;
      await closeRequest({ actor: toActor(user), requestId: target.id, reason: form.data.reason });
      return outcome("triage.closed");
    }
    if (intent === "deadline") {
      const form = await parseForm(request, changeDeadlineSchema);
      if (!form.ok) return form;
      try {
        const changed = await changeRequestDeadline({
          actor: toActor(user),
          requestId: target.id,
          dueDate: form.data.dueDate,
          workingDays: form.data.dueWorkingDays,
          reason: form.data.deadlineReason,
        });
        return outcome("triage.deadlineChanged", { date: changed.dueDate, count: changed.taskCount });
      } catch (error) {
        if (!(error instanceof DeadlineInputError)) throw error;
        const field = error.field === "reason" ? "deadlineReason" : error.field;
        return formFailure(form.values, field ? { fields: { [field]: [error.messageKey] } } : { form: [error.messageKey] });
      }
    }
    if (intent === "publish") {
      const form = await parseForm(request, emptyFormSchema);
      if (!form.ok) return form;
      await publishHeldRequest({ actor: toActor(user), requestId: target.id });
      return outcome("moderation.published");
    }
    if (intent === "reject") {
      const form = await parseForm(request, rejectRequestSchema);
      if (!form.ok) return form;
      await rejectRequest({ actorUserId: user.id, requestId: target.id, reason: form.data.reason });
      return outcome("triage.rejected");
    }
    const form = await parseForm(request, editRequestSchema);
    if (!form.ok) return form;
    await updateRequestTriage({ actorUserId: user.id, requestId: target.id, title: form.data.title, tags: form.data.tags });
    return outcome("triage.edited");
  } catch (error) {
    // The request moved on meanwhile (a colleague routed it, the requester withdrew): what was written is kept.
    const values = () => submittedValues(request, { lists: ["organisationIds"] });
    if (error instanceof TransitionError) return formFailure(await values(), { form: ["errors.transitionNotAllowed"] });
    if (error instanceof NotHeldError) return formFailure(await values(), { form: [error.messageKey] });
    if (error instanceof NotTargetableError) return formFailure(await values(), { fields: { organisationIds: ["errors.targetsInvalid"] } });
    if (error instanceof RequestNotFoundError)
      return formFailure(await values(), { fields: { originalNumber: ["errors.originalNotFound"] } });
    throw error;
  }
}

export default function TriageRequest() {
  const { t } = useTranslation();
  const { request, organisations, defaultWorkingDays, calendar, specification } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  // Routing, rejecting and merging all leave "submitted": the page offers them while the lifecycle would.
  const submitted = canTransition("request", request.status, "open");
  const publishable = awaitsPublishing(request);
  const sentReason = sentReasonField(values.intent);
  return (
    <>
      <p>
        <Link to="/admin/triage">{t("triage.back")}</Link>
      </p>
      <h1>
        {request.number}. {request.title}
      </h1>
      <p>{t("triage.status", { status: t(requestStatusLabel(request.status)) })}</p>
      {result?.ok ? <StatusNotice>{t(result.message, result.params)}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          workingDays: t("triage.workingDays"),
          organisationIds: t("triage.routeOrganisations"),
          originalNumber: t("triage.originalNumber"),
          ...(sentReason ? { reason: t(sentReason.label) } : {}),
          title: t("newRequest.requestTitle"),
          tags: t("triage.tags"),
          dueDate: t("triage.deadlineDate"),
          dueWorkingDays: t("triage.deadlineWorkingDays"),
          deadlineReason: t("triage.deadlineReason"),
          specificationId: t("specificationLink.choose"),
        }}
        fieldIds={{
          specificationId: specificationSelectId(SPECIFICATION_ID_PREFIX),
          ...(sentReason ? { reason: sentReason.id } : {}),
        }}
      />
      <p>
        <Link to={`/requests/${request.number}`}>{request.title}</Link>
      </p>
      <p className="prewrap">{request.body}</p>
      <p className="prewrap">
        <strong>{t("newRequest.purpose")}</strong> {request.purpose}
      </p>

      {submitted ? (
        <SubmittedForms
          organisations={organisations}
          targetIds={new Set(request.targets.map((o) => o.id))}
          defaultWorkingDays={defaultWorkingDays}
          calendar={calendar}
          failure={failure}
          values={values}
        />
      ) : publishable ? null : (
        // Not done with: the publish form below says what is left.
        <p>{t("triage.notSubmitted")}</p>
      )}
      {isRequestOpenToTasks(request.status) ? <DeadlineForm dueDate={request.dueDate} failure={failure} values={values} /> : null}
      {!submitted && canTransition("request", request.status, "closed") ? <CloseForm failure={failure} values={values} /> : null}
      {publishable ? <PublishForm /> : null}
      {!submitted && isRejectable(request) ? <RejectForm failure={failure} values={values} /> : null}
      <SpecificationForm choice={specification} failure={failure} values={values} />
      <EditForm title={request.title} tags={request.tags} failure={failure} values={values} />
    </>
  );
}
