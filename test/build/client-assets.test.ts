import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allClientChunks, pageAssets, readChunk } from "../support/client-assets";
import { browserCatalogue, catalogues, SERVER_ONLY_PREFIXES } from "../../app/i18n/catalogue.server";

/*
 * What reaches the browser (issue 8, ADR 018), read from the built assets: `npm test` runs
 * `remix build` first; alone, run `npx remix build` before this file.
 */

/** Gzipped JavaScript one page may load: its route, the routes above it, the entry, all their imports. */
const PAGE_BUDGET_BYTES = 120 * 1024;

/** A string in zod's own code (its error class), which no other library here ships. */
const ZOD_MARKER = "ZodError";

/** A name in date-holidays' rule parser, which only the holiday library ships. */
const HOLIDAYS_MARKER = "rule_if_holiday";

describe("the JavaScript a page sends", () => {
  it(`is at most ${PAGE_BUDGET_BYTES / 1024} KB gzipped on every page`, () => {
    const pages = pageAssets();
    expect(pages.length).toBeGreaterThan(10);
    const over = pages
      .filter((page) => page.gzipBytes > PAGE_BUDGET_BYTES)
      .map((page) => `${page.route}: ${(page.gzipBytes / 1024).toFixed(1)} KB`);
    expect(over).toEqual([]);
  });

  it("carries no zod: validation stays on the server", () => {
    const chunks = allClientChunks();
    expect(chunks.some((url) => url.includes("/entry.client-"))).toBe(true);
    expect(chunks.filter((url) => readChunk(url).includes(ZOD_MARKER))).toEqual([]);
  });

  // Issue 13: the triage page's due-date picker imported the holiday calendar and grew to 326 KB.
  it("carries no holiday library: the server sends the due-date picker the days off", () => {
    expect(allClientChunks().filter((url) => readChunk(url).includes(HOLIDAYS_MARKER))).toEqual([]);
  });
});

describe("the message catalogue", () => {
  // ADR 027: the catalogue grows with every page; shipped as JavaScript it pushed every page over budget.
  it("never ships as JavaScript: the root loader sends the reader's language instead", () => {
    const texts = [catalogues.sv["account.currentPassword"], catalogues.en["account.currentPassword"], catalogues.sv["nav.skip"]];
    const chunks = allClientChunks();
    expect(chunks.filter((url) => texts.some((text) => readChunk(url).includes(text)))).toEqual([]);
  });

  it("sends the browser one language without the server's own texts (mail, OpenAPI, feeds, DCAT), and every other text of it", () => {
    expect(SERVER_ONLY_PREFIXES).toEqual(expect.arrayContaining(["mail.", "apiDoc."]));
    const serverOnly = (key: string) => SERVER_ONLY_PREFIXES.some((prefix) => key.startsWith(prefix));
    for (const locale of ["sv", "en"] as const) {
      const sent = browserCatalogue(locale);
      const keys = Object.keys(catalogues[locale]);
      expect(Object.keys(sent).filter(serverOnly)).toEqual([]);
      expect(Object.keys(sent).sort()).toEqual(keys.filter((key) => !serverOnly(key)).sort());
      expect(sent["nav.skip"]).toBe(catalogues[locale]["nav.skip"]);
    }
  });
});

describe("the source", () => {
  // The bundle check above finds zod once it has shipped; this one names the file that would ship it.
  it("imports zod only in .server modules", () => {
    const files = readdirSync("app", { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => path.join("app", file));
    const importsZod = (file: string) => /^import\s+(?!type\b)[^;]*?from\s+["']zod(?:\/[^"']*)?["']/m.test(readFileSync(file, "utf8"));
    expect(files.filter((file) => importsZod(file) && !/\.server\.tsx?$/.test(file))).toEqual([]);
  });
});
