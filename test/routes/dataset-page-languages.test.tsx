import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../../db/client.server";
import { getOrCreateCatalogueSource } from "../../app/models/catalogue-source.server";
import { harvestCatalogueSource } from "../../app/models/harvest.server";
import DatasetPage, { loader } from "../../app/routes/datasets.$datasetId";
import { pageRequest } from "../support/route-request";

const scratch = path.resolve(".data", `dataset-page-languages-${process.pid}`);
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Server-renders the dataset page with its real loader, as Remix would (Swedish interface). */
async function renderDatasetPage(uri: string) {
  const { id } = await db.selectFrom("datasets").select("id").where("uri", "=", uri).executeTakeFirstOrThrow();
  const routes = [
    {
      id: "dataset",
      path: "/datasets/:datasetId",
      loader: ({ request, params }: { request: Request; params: Record<string, string | undefined> }) =>
        loader({ ...pageRequest(new URL(request.url).pathname), params }),
      Component: DatasetPage,
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost/datasets/${id}`));
  if (context instanceof Response) throw new Error("unexpected response");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

async function harvest(name: string, content: string) {
  const location = path.join(scratch, name);
  writeFileSync(location, content);
  const summary = await harvestCatalogueSource(await getOrCreateCatalogueSource({ location }));
  expect(summary.status).toBe("succeeded");
}

describe("the dataset page shows harvested text in its own language and vocabulary IRIs by name", () => {
  it("marks untagged French text lang=fr from the catalogue's dct:language and shows a licence written as text", async () => {
    await harvest("french.rdf", readFileSync(path.resolve("test/fixtures/hardening/untagged-french-catalogue.rdf"), "utf8"));
    const html = await renderDatasetPage("https://donnees.exemple-commune.fr/jeux/qualite-eau");
    expect(html).toContain(`<h1 lang="fr">Qualité de l&#x27;eau de baignade</h1>`);
    expect(html).toContain(`<p lang="fr">Résultats des prélèvements`);
    expect(html).toMatch(/<dd lang="fr">baignade, eau<\/dd>/);
    expect(html).toContain(`<span lang="fr">Licence ouverte</span>`);
    expect(html).toContain("Miljö");
    expect(html).not.toContain("data-theme/ENVI<");
    expect(html).toContain(`<span class="badge">CSV</span>`);
  });

  it("names an EU licence IRI", async () => {
    const html = await renderDatasetPage("https://donnees.exemple-commune.fr/jeux/arbres");
    expect(html).toContain(">Creative Commons Erkännande 4.0 Internationell</a>");
    expect(html).toContain(`<h1 lang="fr">Arbres d&#x27;alignement</h1>`);
  });

  it('marks untagged text of unknown language lang="" instead of leaving it to the page\'s Swedish', async () => {
    await harvest(
      "unknown.ttl",
      `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/d/1> a dcat:Dataset ; dct:title "Water quality" ; dct:description "Samples from the beaches." ; dcat:keyword "water" .`,
    );
    const html = await renderDatasetPage("https://example.org/d/1");
    expect(html).toContain(`<h1 lang="">Water quality</h1>`);
    expect(html).toContain(`<p lang="">Samples from the beaches.</p>`);
    expect(html).toContain(`<dd lang="">water</dd>`);
  });

  it("keeps tagged text's own tag", async () => {
    await harvest(
      "tagged.ttl",
      `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> .
<https://example.org/d/2> a dcat:Dataset ; dct:title "Badplatser"@sv ; dct:language <http://publications.europa.eu/resource/authority/language/ENG> .`,
    );
    expect(await renderDatasetPage("https://example.org/d/2")).toContain(`<h1 lang="sv">Badplatser</h1>`);
  });
});
