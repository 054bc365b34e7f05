import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import type { Locale } from "../../db/schema";

/**
 * Server-renders a component as the only page under a root whose loader chose the reader's
 * language, as Remix would; React's text separators (`<!-- -->`) left out, so a test can read the
 * text as a reader does.
 */
export async function renderInRoot(Component: ComponentType, locale: Locale = "sv") {
  const routes = [{ id: "root", path: "/", loader: () => ({ locale }), Component }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const html = renderToString(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
  return html.replace(/<!-- -->/g, "");
}
