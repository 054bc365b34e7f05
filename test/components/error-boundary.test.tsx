import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { GeneralErrorBoundary } from "../../app/components/error-boundary";

/** Server-renders the shared error page for what a route's loader threw, as Remix would. */
async function renderErrorPage(thrown: unknown) {
  const routes = [
    {
      id: "page",
      path: "/",
      loader: () => {
        throw thrown;
      },
      Component: () => null,
      errorElement: <GeneralErrorBoundary />,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

const response = (status: number) => new Response("", { status });

describe("the shared error page", () => {
  it("says in Swedish that the user lacks permission (403)", async () => {
    const html = await renderErrorPage(response(403));
    expect(html).toContain("Du har inte behörighet");
  });

  it("says in Swedish that the page does not exist (404)", async () => {
    expect(await renderErrorPage(response(404))).toContain("Sidan finns inte");
  });

  it("says the search is not answering and to try again shortly when a page answers 503 for it", async () => {
    const html = await renderErrorPage(new Response("datasets.searchUnavailable", { status: 503 }));
    expect(html).toContain("Tillfälligt avbrott");
    expect(html).toContain("Sökningen fungerar inte just nu. Försök igen om en stund.");
    expect(html).not.toContain("Något gick fel");
  });

  it("says in Swedish that something went wrong for an unexpected error, without its details", async () => {
    const html = await renderErrorPage(new Error("connection string postgres://secret@db"));
    expect(html).toContain("Något gick fel");
    expect(html).not.toContain("secret");
  });

  it("says in Swedish that the page takes no form (405), never the router's own English text", async () => {
    const thrown = new Response(
      'You made a POST request to "/datasets" but did not provide an `action` for route "routes/datasets._index"',
      {
        status: 405,
        statusText: "Method Not Allowed",
      },
    );
    const html = await renderErrorPage(thrown);
    expect(html).toContain("Sidan tar inte emot formulär");
    expect(html).not.toContain("routes/datasets._index");
  });

  it("shows a 4xx's own text only when it is one of the portal's messages", async () => {
    expect(await renderErrorPage(new Response("errors.malformedQuery", { status: 400 }))).toContain("ogiltiga tecken");
    const html = await renderErrorPage(new Response("Invalid request at internal/module.ts:12", { status: 422 }));
    expect(html).not.toContain("internal/module.ts");
    expect(html).toContain("Begäran gick inte att förstå");
  });

  it("says in Swedish that a form over the size limit was too large (413), as a script's submit shows it", async () => {
    const html = await renderErrorPage(new Response("The request is too large", { status: 413 }));
    expect(html).toContain("Formuläret var för stort");
    expect(html).not.toContain("Begäran gick inte att förstå");
  });
});
