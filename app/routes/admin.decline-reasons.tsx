import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { DECLINE_REASON_MAX_LENGTH } from "../domain/tasks";
import { ErrorSummary, FieldError, TextField } from "../components/forms";
import type { MessageKey } from "../i18n/translate";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { addDeclineReason, listDeclineReasonsForAdmin, renameDeclineReason, setDeclineReasonActive } from "../models/decline-reason.server";
import {
  addDeclineReasonSchema,
  declineReasonIdSchema,
  declineReasonIntents,
  renameDeclineReasonSchema,
} from "../schemas/decline-reason.server";
import { conflictFailure, formAction, parseForm, parseIntent } from "../utils/form.server";
import { StatusNotice } from "../components/status-notice";

export const meta: MetaFunction = (args) => pageTitle(args, "title.adminDeclineReasons");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:decline-reason:any");
  return { reasons: await listDeclineReasonsForAdmin({ actor: toActor(user) }) };
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

const done = (message: MessageKey) => ({ ok: true as const, message });

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:decline-reason:any");
  const actor = toActor(user);
  const intent = await parseIntent(request, declineReasonIntents);
  if (intent === "add") {
    const form = await parseForm(request, addDeclineReasonSchema);
    if (!form.ok) return form;
    return addDeclineReason({ actor, ...form.data })
      .then(() => done("admin.declineReasons.added"))
      .catch((error) => conflictFailure(error, form.values));
  }
  if (intent === "rename") {
    const form = await parseForm(request, renameDeclineReasonSchema);
    if (!form.ok) return form;
    return renameDeclineReason({ actor, ...form.data })
      .then(() => done("admin.declineReasons.renamed"))
      .catch((error) => conflictFailure(error, form.values));
  }
  const form = await parseForm(request, declineReasonIdSchema);
  if (!form.ok) return form;
  return setDeclineReasonActive({ actor, reasonId: form.data.reasonId, active: intent === "restore" })
    .then(() => done(intent === "restore" ? "admin.declineReasons.restored" : "admin.declineReasons.retired"))
    .catch((error) => conflictFailure(error, form.values));
}

export default function AdminDeclineReasons() {
  const { t } = useTranslation();
  const { reasons } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : undefined;
  const values: Record<string, string> = failure?.values ?? {};
  // What was typed comes back into the row (or the new-reason form) it was typed in.
  const typed = (reasonId: string, field: "labelSv" | "labelEn", saved: string) =>
    failure && values.intent === "rename" && values.reasonId === reasonId ? (values[field] ?? saved) : saved;
  const typedNew = (field: "labelSv" | "labelEn") => (failure && values.intent === "add" ? (values[field] ?? "") : "");
  const addErrors = (field: "labelSv" | "labelEn") => (values.intent === "add" ? failure?.fieldErrors[field] : undefined);
  const renamed = values.intent === "rename" ? values.reasonId : undefined;
  // A refused rename's messages stand in its row, beside the inputs the summary links to.
  const rowErrors = (reasonId: string, field: "labelSv" | "labelEn") =>
    renamed === reasonId ? failure?.fieldErrors[field]?.[0] : undefined;

  return (
    <>
      <h1>{t("admin.declineReasons.title")}</h1>
      <p>{t("admin.declineReasons.intro")}</p>
      {result?.ok ? <StatusNotice>{t(result.message)}</StatusNotice> : null}
      <ErrorSummary
        errors={failure}
        fieldLabels={{
          labelSv: t("admin.declineReasons.sv"),
          labelEn: t("admin.declineReasons.en"),
        }}
        fieldIds={
          renamed ? { labelSv: rowField(rowFormId(renamed), "labelSv"), labelEn: rowField(rowFormId(renamed), "labelEn") } : undefined
        }
      />
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("admin.declineReasons.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.declineReasons.sv")}</th>
              <th scope="col">{t("admin.declineReasons.en")}</th>
              <th scope="col">{t("admin.declineReasons.state")}</th>
              <th scope="col">{t("admin.declineReasons.uses")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.declineReasons.rename")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((reason) => {
              // One form per row; the inputs in the other cells belong to it by its id.
              const formId = rowFormId(reason.id);
              return (
                <tr key={reason.id}>
                  {(["labelSv", "labelEn"] as const).map((field) => (
                    <td key={field}>
                      <ReasonTextInput
                        formId={formId}
                        field={field}
                        label={`${t(field === "labelSv" ? "admin.declineReasons.sv" : "admin.declineReasons.en")}: ${field === "labelSv" ? reason.sv : reason.en}`}
                        defaultValue={typed(reason.id, field, field === "labelSv" ? reason.sv : reason.en)}
                        error={rowErrors(reason.id, field)}
                      />
                    </td>
                  ))}
                  <td>{reason.active ? t("admin.declineReasons.active") : t("admin.declineReasons.retiredState")}</td>
                  <td>{reason.uses}</td>
                  <td>
                    <Form method="post" id={formId} noValidate>
                      <input type="hidden" name="reasonId" value={reason.id} />
                      <button type="submit" name="intent" value="rename">
                        {t("admin.declineReasons.rename")}
                      </button>{" "}
                      <button type="submit" name="intent" value={reason.active ? "retire" : "restore"} formNoValidate>
                        {reason.active ? t("admin.declineReasons.retire") : t("admin.declineReasons.restore")}
                      </button>
                    </Form>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t("admin.declineReasons.addTitle")}</h2>
      <Form method="post" className="stack" noValidate>
        <TextField
          name="labelSv"
          label={t("admin.declineReasons.sv")}
          maxLength={DECLINE_REASON_MAX_LENGTH}
          defaultValue={typedNew("labelSv")}
          errors={addErrors("labelSv")}
        />
        <TextField
          name="labelEn"
          lang="en"
          label={t("admin.declineReasons.en")}
          maxLength={DECLINE_REASON_MAX_LENGTH}
          defaultValue={typedNew("labelEn")}
          errors={addErrors("labelEn")}
        />
        <div>
          <button type="submit" name="intent" value="add">
            {t("admin.declineReasons.add")}
          </button>
        </div>
      </Form>
    </>
  );
}

const rowFormId = (reasonId: string) => `reason-${reasonId}`;
const rowField = (formId: string, field: "labelSv" | "labelEn") => `${formId}-${field}`;

/** One of a row's two texts: an input of the row's form, with its message beside it when its rename was refused. */
function ReasonTextInput({
  formId,
  field,
  label,
  defaultValue,
  error,
}: {
  formId: string;
  field: "labelSv" | "labelEn";
  label: string;
  defaultValue: string;
  error: MessageKey | undefined;
}) {
  const { t } = useTranslation();
  const id = rowField(formId, field);
  return (
    <>
      <input
        form={formId}
        id={id}
        name={field}
        lang={field === "labelEn" ? "en" : undefined}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        defaultValue={defaultValue}
        maxLength={DECLINE_REASON_MAX_LENGTH}
        required
      />
      {error ? <FieldError id={`${id}-error`}>{t(error)}</FieldError> : null}
    </>
  );
}
