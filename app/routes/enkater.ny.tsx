import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { getLocale } from "../i18n/locale.server";
import { surveyTexts } from "../i18n/survey-texts.server";
import { ErrorSummary } from "../components/forms";
import { SURVEY_DEFAULT_WORKING_DAYS } from "../domain/surveys";
import { pageTitle } from "../i18n/page-title";
import { useSurveyText } from "../i18n/use-survey-text";
import { createSurvey } from "../models/survey.server";
import { surveyDetailsSchema } from "../schemas/survey.server";
import { formAction, parseForm } from "../utils/form.server";
import { SurveyDetailsFields } from "./enkater.$surveyId.redigera/details-form";

export const meta: MetaFunction = (args) => pageTitle(args, "title.newSurvey");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "submit:request:own");
  return { surveyTexts: surveyTexts(await getLocale(request, user)) };
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
  const st = useSurveyText();
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>{st("survey.newTitle")}</h1>
      <p>{st("survey.draftNotice")}</p>
      <ErrorSummary
        errors={failure}
        fieldLabels={{ title: st("survey.titleLabel"), purpose: st("survey.purpose"), deadlineWorkingDays: st("survey.deadline") }}
      />
      <Form method="post" className="stack" noValidate>
        <SurveyDetailsFields
          values={failure?.values ?? { deadlineWorkingDays: String(SURVEY_DEFAULT_WORKING_DAYS) }}
          errors={failure?.fieldErrors}
        />
        <div>
          <button type="submit">{st("survey.create")}</button>
        </div>
      </Form>
    </>
  );
}
