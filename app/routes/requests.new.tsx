import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { acceptOfferedDataset, DatasetNotOfferedError, findExistingAnswers } from "../models/match.server";
import { requirePermission } from "../auth/guard.server";
import { consumeUserLimit } from "../auth/rate-limit.server";
import { ErrorSummary, RadioGroup, SelectField, TextAreaField, TextField } from "../components/forms";
import { MatchPanel, type MatchPanelData } from "../components/match-panel";
import { MunicipalityPicker } from "../components/municipality-picker";
import { targetScopes, updateFrequencies } from "../domain/requests";
import type { MessageKey } from "../i18n/translate";
import { useTranslation } from "../i18n/use-translation";
import { TransitionError } from "../models/lifecycle.server";
import { listOrganisations } from "../models/organisation.server";
import { createRequest, DatasetNotFoundError, NotTargetableError, type NewRequest } from "../models/request.server";
import { supportRequest } from "../models/support.server";
import {
  acceptDatasetSchema,
  checkMatchesSchema,
  parseRequestFormIntent,
  requestFormSchema,
  type AcceptDatasetForm,
  type RequestForm,
} from "../schemas/request.server";
import { emptyFormSchema } from "../schemas/form.server";
import { formAction, formFailure, parseForm, readFormData } from "../utils/form.server";
import { badRequest } from "../utils/http.server";
import { pageTitle } from "../i18n/page-title";
import { keptList } from "../utils/kept-values";
import { MATCHED_TEXT_LENGTH, SearchUnavailableError } from "../../search/engines/engine";

export const meta: MetaFunction = (args) => pageTitle(args, "title.newRequest");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "submit:request:own");
  const organisations = await listOrganisations();
  return { municipalities: organisations.filter((o) => o.type === "municipality").map((o) => ({ id: o.id, name: o.name })) };
}

function toNewRequest(form: RequestForm | AcceptDatasetForm): NewRequest {
  // An accepted match may come with only a title or only a description: the request keeps both.
  const title = form.title || form.body.split("\n")[0].slice(0, 200).trim();
  return {
    kind: "data",
    title,
    body: form.body || form.title,
    purpose: form.purpose,
    requesterType: form.requesterType,
    shownAs: form.shownAs === "organisation" && !form.requesterOrganisationName ? "anonymous" : form.shownAs,
    requesterOrganisationName: form.shownAs === "organisation" ? form.requesterOrganisationName : null,
    targetScope: form.targetScope,
    targetOrganisationIds: form.targetScope === "chosen" ? form.targetOrganisationIds : [],
    wishedFormat: form.wishedFormat,
    updateFrequency: form.updateFrequency,
  };
}

const lists = ["targetOrganisationIds"] as const;

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "submit:request:own");
  const intent = parseRequestFormIntent((await readFormData(request)).get("intent"));
  if (!intent) badRequest();

  // Each button reads only the fields it uses: checking and accepting never wait for the purpose.
  if (intent.kind === "check") {
    const form = await parseForm(request, checkMatchesSchema, { lists });
    if (!form.ok) return form;
    try {
      const matches = await findExistingAnswers(form.data.text, { limit: 10 });
      return { ok: false as const, formErrors: [], fieldErrors: {}, values: form.values, matches };
    } catch (error) {
      if (error instanceof SearchUnavailableError) return formFailure(form.values, { form: ["datasets.searchUnavailable"] });
      throw error;
    }
  }
  if (intent.kind === "support") {
    const form = await parseForm(request, emptyFormSchema, { lists });
    if (!form.ok) return form;
    try {
      const supported = await supportRequest({ userId: user.id, requestId: intent.requestId });
      return redirect(`/requests/${supported.number}`);
    } catch (error) {
      if (error instanceof TransitionError) return formFailure(form.values, { form: ["errors.requestClosed"] });
      throw error;
    }
  }

  const form =
    intent.kind === "accept"
      ? await parseForm(request, acceptDatasetSchema, { lists })
      : await parseForm(request, requestFormSchema, { lists });
  if (!form.ok) return form;
  const waitMinutes = await consumeUserLimit("request", user.id);
  if (waitMinutes > 0) return { ...formFailure(form.values, { form: ["errors.rateLimited"] }), minutes: waitMinutes };
  if (intent.kind === "accept") {
    try {
      const created = await acceptOfferedDataset({
        requesterUserId: user.id,
        request: toNewRequest(form.data),
        datasetUri: intent.datasetUri,
        matchedText: `${form.data.title}\n${form.data.body}`.trim(),
      });
      return redirect(`/requests/${created.number}`);
    } catch (error) {
      if (error instanceof DatasetNotFoundError) return formFailure(form.values, { form: ["errors.datasetGone"] });
      if (error instanceof DatasetNotOfferedError) return formFailure(form.values, { form: ["errors.datasetNotOffered"] });
      if (error instanceof SearchUnavailableError) return formFailure(form.values, { form: ["datasets.searchUnavailable"] });
      return chosenTargetsFailure(error, form.values);
    }
  }
  try {
    const created = await createRequest({ requesterUserId: user.id, request: toNewRequest(form.data) });
    return redirect(`/requests/${created.number}`);
  } catch (error) {
    return chosenTargetsFailure(error, form.values);
  }
}

/** A chosen organisation the portal does not have (a hand-made form, or removed meanwhile): shown at the list. */
function chosenTargetsFailure(error: unknown, values: Record<string, string>) {
  if (error instanceof NotTargetableError) return formFailure(values, { fields: { targetOrganisationIds: ["errors.targetsInvalid"] } });
  throw error;
}

/** Asks /api/match as the requester writes, a moment after they stop typing. */
function useLiveMatches() {
  const fetcher = useFetcher<MatchPanelData>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [query, setQuery] = useState("");
  useEffect(() => () => clearTimeout(timer.current), []);
  const update = (form: HTMLFormElement | null) => {
    if (!form) return;
    const data = new FormData(form);
    const text = `${data.get("title") ?? ""}\n${data.get("body") ?? ""}`.trim();
    clearTimeout(timer.current);
    if (text.length < 4) return;
    timer.current = setTimeout(() => {
      setQuery(text);
      fetcher.load(`/api/match?${new URLSearchParams({ q: text.slice(0, MATCHED_TEXT_LENGTH), limit: "10" })}`);
    }, 400);
  };
  return { data: fetcher.data, busy: fetcher.state === "loading", query, update };
}

export default function NewRequest() {
  const { t } = useTranslation();
  const { municipalities } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const live = useLiveMatches();
  const formRef = useRef<HTMLFormElement>(null);
  const values: Record<string, string> = result?.values ?? {};
  const fieldErrors: Partial<Record<string, MessageKey[]>> = result?.fieldErrors ?? {};
  const checked = result && "matches" in result ? result.matches : undefined;
  const chosen = new Set(keptList(values, "targetOrganisationIds") ?? []);
  const minutes = result && "minutes" in result ? result.minutes : undefined;
  const fieldLabels = {
    title: t("newRequest.requestTitle"),
    body: t("newRequest.body"),
    purpose: t("newRequest.purpose"),
    requesterOrganisationName: t("newRequest.organisationName"),
    targetOrganisationIds: t("newRequest.municipalities"),
  };
  return (
    <>
      <h1>{t("newRequest.title")}</h1>
      <p>{t("newRequest.intro")}</p>
      {minutes ? (
        <div className="error-summary" role="alert">
          <p>{t("errors.rateLimited", { wait: t("time.minutes", { count: minutes }) })}</p>
        </div>
      ) : (
        <ErrorSummary errors={result} fieldLabels={fieldLabels} />
      )}
      <Form method="post" className="request-form" noValidate ref={formRef} onInput={() => live.update(formRef.current)}>
        <section className="form-section form-section--with-matches" aria-labelledby="step-what">
          <h2 id="step-what">{t("newRequest.step.what")}</h2>
          <div className="stack">
            <TextField
              name="title"
              label={t("newRequest.requestTitle")}
              hint={t("newRequest.requestTitleHint")}
              defaultValue={values.title}
              errors={fieldErrors.title}
            />
            <TextAreaField
              name="body"
              label={t("newRequest.body")}
              hint={t("newRequest.bodyHint")}
              defaultValue={values.body}
              errors={fieldErrors.body}
              maxLength={10_000}
              rows={8}
            />
            <div>
              <button type="submit" name="intent" value="check" className="button--secondary">
                {t("newRequest.check")}
              </button>
            </div>
          </div>
          {/* Beside the text it matches on a wide screen (and kept in view while writing); below it on a narrow one. */}
          <div className="form-section__aside">
            <MatchPanel
              data={live.data ?? checked}
              query={live.query || `${values.title ?? ""} ${values.body ?? ""}`}
              busy={live.busy || navigation.state === "submitting"}
            />
          </div>
        </section>

        <section className="form-section stack" aria-labelledby="step-why">
          <h2 id="step-why">{t("newRequest.step.why")}</h2>
          <TextAreaField
            name="purpose"
            label={t("newRequest.purpose")}
            hint={t("newRequest.purposeHint")}
            defaultValue={values.purpose}
            errors={fieldErrors.purpose}
            maxLength={3_000}
            rows={4}
          />
          <RadioGroup
            name="requesterType"
            legend={t("newRequest.requesterType")}
            defaultValue={values.requesterType ?? "company"}
            options={(["company", "research", "authority", "citizen"] as const).map((type) => ({
              value: type,
              label: t(`newRequest.requesterType.${type}`),
            }))}
          />
          <RadioGroup
            name="shownAs"
            legend={t("newRequest.shownAs")}
            hint={t("newRequest.shownAsHint")}
            defaultValue={values.shownAs ?? "name"}
            options={(["name", "organisation", "anonymous"] as const).map((shownAs) => ({
              value: shownAs,
              label: t(`newRequest.shownAs.${shownAs}`),
            }))}
          />
          {/* Asked for only while "my organisation" is chosen (CSS, so also without JavaScript). */}
          <div className="organisation-name">
            <TextField
              name="requesterOrganisationName"
              label={t("newRequest.organisationName")}
              defaultValue={values.requesterOrganisationName}
              errors={fieldErrors.requesterOrganisationName}
              required={false}
            />
          </div>
        </section>

        <section className="form-section stack" aria-labelledby="step-whom">
          <h2 id="step-whom">{t("newRequest.step.whom")}</h2>
          <RadioGroup
            name="targetScope"
            legend={t("newRequest.target")}
            defaultValue={values.targetScope ?? "all"}
            options={targetScopes.map((scope) => ({ value: scope, label: t(`newRequest.target.${scope}`) }))}
          />
          <MunicipalityPicker municipalities={municipalities} chosen={chosen} errors={fieldErrors.targetOrganisationIds} />
        </section>

        <section className="form-section stack" aria-labelledby="step-how">
          <h2 id="step-how">{t("newRequest.step.how")}</h2>
          <TextField
            name="wishedFormat"
            label={t("newRequest.wishedFormat")}
            hint={t("newRequest.wishedFormatHint")}
            defaultValue={values.wishedFormat}
            errors={fieldErrors.wishedFormat}
            required={false}
          />
          <SelectField name="updateFrequency" label={t("newRequest.updateFrequency")} defaultValue={values.updateFrequency ?? ""}>
            <option value="">{t("newRequest.updateFrequency.none")}</option>
            {updateFrequencies.map((frequency) => (
              <option key={frequency} value={frequency}>
                {t(`newRequest.updateFrequency.${frequency}`)}
              </option>
            ))}
          </SelectField>
        </section>
        <div>
          <button type="submit" name="intent" value="submit">
            {t("newRequest.submit")}
          </button>
        </div>
      </Form>
    </>
  );
}
