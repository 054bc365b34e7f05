import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { useTranslation } from "../i18n/use-translation";
import { ErrorSummary } from "../components/forms";
import { SURVEY_DEFAULT_WORKING_DAYS } from "../domain/surveys";
import { pageTitle } from "../i18n/page-title";
import { createSurvey } from "../models/survey.server";
import { surveyDetailsSchema } from "../schemas/survey.server";
import { formAction, parseForm } from "../utils/form.server";
import { SurveyDetailsFields, surveyDetailsLabels } from "./enkater.$surveyId.redigera/details-form";

export const meta: MetaFunction = (args) => pageTitle(args, "title.newSurvey");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "submit:request:own");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "submit:request:own");
  const form = await parseForm(request, surveyDetailsSchema);
  if (!form.ok) return form;
  const { surveyId } = await createSurvey({ actor: toActor(user), details: form.data });
  return redirect(`/enkater/${surveyId}/redigera`);
}

export default function NewSurvey() {
  const { t } = useTranslation();
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>{t("survey.newTitle")}</h1>
      <p>{t("survey.draftNotice")}</p>
      <ErrorSummary errors={failure} fieldLabels={surveyDetailsLabels(t)} />
      <Form method="post" className="stack" noValidate>
        <SurveyDetailsFields
          values={failure?.values ?? { deadlineWorkingDays: String(SURVEY_DEFAULT_WORKING_DAYS) }}
          errors={failure?.fieldErrors}
        />
        <div>
          <button type="submit">{t("survey.create")}</button>
        </div>
      </Form>
    </>
  );
}
