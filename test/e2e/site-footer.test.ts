import { describe, expect, it } from "vitest";
import { chromiumMissing, expectAccessible } from "../support/browser";
import { usePortalAndBrowser } from "../support/e2e";

const e2e = usePortalAndBrowser();

/** The footer's links read as the portal's own links on one row, not as a bare bulleted list (issue 13). */
describe.skipIf(chromiumMissing)("the site footer", () => {
  for (const width of [1280, 390]) {
    it(`shows its links side by side without bullets, set off from the page, at ${width} px`, async () => {
      const context = await e2e.browser.newContext({ baseURL: e2e.portal.url, viewport: { width, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(8_000);
      await page.goto("/requests");
      const footer = page.getByRole("contentinfo");
      const links = footer.getByRole("link");
      expect(await links.allInnerTexts()).toEqual(["Öppet API", "Specifikationer"]);

      const look = await footer.evaluate((element) => {
        const list = element.querySelector("ul")!;
        const items = [...list.querySelectorAll("li")];
        return {
          bullets: items.map((item) => getComputedStyle(item).listStyleType),
          rows: new Set(items.map((item) => Math.round(item.getBoundingClientRect().top))).size,
          background: getComputedStyle(element).backgroundColor,
          border: getComputedStyle(element).borderTopStyle,
          // The links start where the page's text starts, not indented as a list is.
          listLeft: Math.round(items[0].getBoundingClientRect().left),
          mainLeft: Math.round(document.querySelector("main h1")!.getBoundingClientRect().left),
          right: Math.max(...items.map((item) => item.getBoundingClientRect().right)),
        };
      });
      expect(look.bullets.every((type) => type === "none")).toBe(true);
      expect(look.rows).toBe(1);
      expect(look.background !== "rgba(0, 0, 0, 0)" || look.border !== "none").toBe(true);
      expect(Math.abs(look.listLeft - look.mainLeft)).toBeLessThanOrEqual(2);
      expect(look.right).toBeLessThanOrEqual(width);
      for (const box of await links.evaluateAll((all) => all.map((link) => link.getBoundingClientRect().height))) {
        expect(box).toBeGreaterThanOrEqual(24);
      }
      await expectAccessible(page);
      if (process.env.SCREENSHOTS) await page.screenshot({ path: `${process.env.SCREENSHOTS}/footer-${width}.png`, fullPage: true });
      await context.close();
    });
  }
});
