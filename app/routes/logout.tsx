import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "../auth/session.server";
import { formAction, isSameOrigin } from "../utils/form.server";
import { forbidden } from "../utils/http.server";

export async function loader() {
  return redirect("/");
}

export async function action(args: ActionFunctionArgs) {
  return formAction(runAction)(args);
}

async function runAction({ request }: ActionFunctionArgs) {
  // A cross-site form must not be able to sign the user out either.
  if (!isSameOrigin(request)) forbidden();
  return redirect("/", { headers: { "Set-Cookie": await endSession(request) } });
}
