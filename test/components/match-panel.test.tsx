import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { MatchPanel, type MatchPanelData } from "../../app/components/match-panel";

/** Server-renders the live match panel as the new-request page shows it, with what /api/match answered. */
async function renderPanel(data: unknown) {
  const routes = [{ id: "page", path: "/", Component: () => <MatchPanel data={data as MatchPanelData} query="badplatser" busy={false} /> }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request("http://localhost/"));
  if (context instanceof Response) throw new Error("unexpected redirect");
  return renderToString(
    <StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />,
  );
}

describe("the live match panel", () => {
  it("says nothing matches when the matcher found nothing", async () => {
    expect(await renderPanel({ datasets: [], requests: [], threshold: 0.4 })).toContain("Inget som redan finns stämmer bra");
  });

  // /api/match answers 503 when too many matches are in flight, or 400 for a text it refuses: that is
  // not "nothing exists", and the requester should not be told so.
  it("says the suggestions could not be fetched, not that nothing exists, when the matcher answered with an error", async () => {
    const html = await renderPanel({ error: "Upptaget, försök igen om en stund." });
    expect(html).not.toContain("Inget som redan finns stämmer bra");
    expect(html).toContain("Förslagen kunde inte hämtas just nu");
  });
});
