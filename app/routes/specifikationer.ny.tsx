import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requirePermission, toActor } from "../auth/guard.server";
import { SpecificationForm } from "../components/specification-form";
import { pageTitle } from "../i18n/page-title";
import { useTranslation } from "../i18n/use-translation";
import { enqueueSameKindJudgement } from "../jobs/specification-coverage.server";
import { createSpecification } from "../models/specification.server";
import { specificationFormSchema } from "../schemas/specification.server";
import { conflictFailure, formAction, parseForm } from "../utils/form.server";

export const meta: MetaFunction = (args) => pageTitle(args, "title.specificationNew");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:specification:any");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:specification:any");
  const form = await parseForm(request, specificationFormSchema);
  if (!form.ok) return form;
  return createSpecification({ actor: toActor(user), ...form.data })
    .then(async ({ id }) => {
      await enqueueSameKindJudgement();
      return redirect(`/specifikationer/${id}`);
    })
    .catch((error) => conflictFailure(error, form.values));
}

const empty = { name: "", version: "", uri: "", schemaUrl: "", description: "", fields: "", maintainer: "" };

export default function NewSpecificationPage() {
  const { t } = useTranslation();
  const failure = useActionData<typeof action>();
  return (
    <>
      <h1>{t("title.specificationNew")}</h1>
      <SpecificationForm values={empty} failure={failure ?? undefined} submitLabel={t("specifications.create")} />
    </>
  );
}
