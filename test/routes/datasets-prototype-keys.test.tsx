import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import DatasetsPage, { loader } from "../../app/routes/datasets._index";
import { pageRequest } from "../support/route-request";

/** Server-renders the dataset search with its real loader, as Remix would (Swedish interface). */
async function renderDatasets(search: string) {
  const routes = [
    {
      id: "datasets",
      path: "/datasets",
      loader: ({ request }: { request: Request }) => loader(pageRequest(`/datasets${new URL(request.url).search}`)),
      Component: DatasetsPage,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost/datasets${search}`));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

describe("the dataset search with filter values that are the names of an object's own properties", () => {
  it("shows the page, the value as typed, for __proto__, constructor and toString", async () => {
    for (const value of ["__proto__", "constructor", "toString"]) {
      const html = await renderDatasets(`?specification=${value}&theme=${value}&format=${value}`);
      expect(html).toContain(value);
    }
  });
});
