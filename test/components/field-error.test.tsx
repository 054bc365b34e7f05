import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { TextField } from "../../app/components/forms";
import type { Locale } from "../../db/schema";

/** Server-renders a field with a message under a root whose loader chose the reader's language. */
async function renderFieldWithError(locale: Locale) {
  const routes = [
    {
      id: "root",
      path: "/",
      loader: () => ({ locale }),
      Component: () => <TextField id="title" name="title" label="Rubrik" errors={["errors.titleRequired"]} />,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const html = renderToString(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
  return html.replace(/<!-- -->/g, "");
}

describe("a field's message", () => {
  // A screen reader reaching the field hears that this is an error before the message itself.
  it("begins with a hidden 'Fel:' in Swedish and 'Error:' in English", async () => {
    const swedish = await renderFieldWithError("sv");
    expect(swedish).toMatch(/<span class="visually-hidden">Fel: <\/span>Skriv en rubrik/);
    const english = await renderFieldWithError("en");
    expect(english).toMatch(/<span class="visually-hidden">Error: <\/span>[A-Z]/);
    expect(english).not.toContain("Fel:");
  });
});
