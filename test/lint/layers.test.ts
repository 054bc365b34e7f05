import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of eslint.config.js (ADR 019) fire: each forbidden import, linted as if it were
 * a file in the layer, is an error, and the allowed ones beside it are not. The probe files do not
 * exist; the imports they name do, because the rule resolves them before it judges.
 */
const eslint = new ESLint();

async function layerErrors(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === "import-x/no-restricted-paths").map((message) => message.message);
}

describe("the layers", () => {
  it("db/ imports nothing from app/ or search/, however deep the file", async () => {
    expect(
      await layerErrors("db/probe.ts", `import { recordEvent } from "../app/models/event.server";\nexport { recordEvent };\n`),
    ).toEqual([expect.stringContaining("db/ is the bottom layer")]);
    expect(await layerErrors("db/seed/probe.ts", `export { documentFor } from "../../search/indexing/documents.server";\n`)).toEqual([
      expect.stringContaining("db/ is the bottom layer"),
    ]);
    expect(
      await layerErrors("db/seed/probe.ts", `export async function f() {\n  return import("../../app/domain/requests");\n}\n`),
    ).toEqual([expect.stringContaining("db/ is the bottom layer")]);
    expect(await layerErrors("db/seed/probe.ts", `export { organisationTypes } from "../schema";\n`)).toEqual([]);
  });

  it("search/ imports only db/ and itself", async () => {
    expect(await layerErrors("search/probe.ts", `export { requestStatuses } from "../app/domain/requests";\n`)).toEqual([
      expect.stringContaining("search/ imports only db/"),
    ]);
    expect(
      await layerErrors(
        "search/engines/probe.ts",
        `export { db } from "../../db/client.server";\nexport * from "../indexing/documents.server";\n`,
      ),
    ).toEqual([]);
  });

  it("components import no .server module", async () => {
    expect(await layerErrors("app/components/probe.tsx", `export { db } from "../../db/client.server";\n`)).toEqual([
      expect.stringContaining("Components reach the browser"),
    ]);
    expect(await layerErrors("app/components/probe.tsx", `export { recordEvent } from "../models/event.server";\n`)).toEqual([
      expect.stringContaining("Components reach the browser"),
    ]);
    expect(await layerErrors("app/components/probe.tsx", `export { requestStatuses } from "../domain/requests";\n`)).toEqual([]);
  });

  it("routes import nothing from db/, not even a type; models are how they reach it", async () => {
    expect(await layerErrors("app/routes/probe.tsx", `export { organisationTypes } from "../../db/schema";\n`)).toEqual([
      expect.stringContaining("Routes do not reach into db/"),
    ]);
    expect(
      await layerErrors("app/routes/probe.tsx", `import type { Database } from "../../db/schema";\nexport type D = Database;\n`),
    ).toEqual([expect.stringContaining("Routes do not reach into db/")]);
    expect(await layerErrors("app/routes/probe/route.tsx", `export { db } from "../../../db/client.server";\n`)).toEqual([
      expect.stringContaining("Routes do not reach into db/"),
    ]);
    expect(await layerErrors("app/routes/probe.tsx", `export { recordEvent } from "../models/event.server";\n`)).toEqual([]);
  });

  it("test/ may import anything", async () => {
    expect(
      await layerErrors(
        "test/probe.test.ts",
        `export { db } from "../db/client.server";\nexport * from "../search/indexing/documents.server";\nexport { recordEvent } from "../app/models/event.server";\n`,
      ),
    ).toEqual([]);
  });

  it("an import the resolver cannot find is an error, so it cannot slip past the layers", async () => {
    const [result] = await eslint.lintText(`export { x } from "../app/no-such-module";\n`, { filePath: "db/probe.ts" });
    expect(result.messages.map((message) => message.ruleId)).toContain("import-x/no-unresolved");
  });
});
