import type { BrowserContext } from "playwright-core";
import { sessionCookieFor } from "../factories/user";

/** Signs the browser in as the user by inserting a session directly, as the Epic Stack does. */
export async function loginAs(context: BrowserContext, baseUrl: string, userId: string) {
  const [name, value] = (await sessionCookieFor(userId)).split(/=(.*)/s);
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
}
