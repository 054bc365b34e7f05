import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser, safeRedirect } from "../auth/guard.server";
import { localeCookie } from "../i18n/locale.server";
import { updateUserLocale } from "../models/user.server";
import { languageSchema } from "../schemas/account.server";
import { formAction, parseForm } from "../utils/form.server";
import { badRequest } from "../utils/http.server";

export async function loader() {
  return redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const form = await parseForm(request, languageSchema);
  if (!form.ok) badRequest();
  if (user) await updateUserLocale({ userId: user.id, locale: form.data.locale });
  return redirect(safeRedirect(form.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(form.data.locale) },
  });
}
