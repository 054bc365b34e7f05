import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiAlternatives, apiMessage } from "../../app/i18n/api-message";

/** The APIs' messages come from the message catalogue like every other text (issue 8). */
describe("API messages", () => {
  it("are the catalogue's Swedish text with its English one in brackets", () => {
    expect(apiMessage("api.limit", { max: 50 })).toBe(
      "limit måste vara ett heltal från 1 till 50 (limit must be a whole number from 1 to 50)",
    );
    expect(apiAlternatives("api.kind", ["data", "survey"])).toBe("kind måste vara data eller survey (kind must be data or survey)");
  });

  it("are written in no API route of its own", () => {
    const apiRoutes = readdirSync(path.resolve("app/routes")).filter((file) => file.startsWith("api."));
    expect(apiRoutes.length).toBeGreaterThan(1);
    for (const file of apiRoutes) {
      const source = readFileSync(path.resolve("app/routes", file), "utf8");
      // Swedish words of the old inline texts: a message written here instead of in app/i18n.
      expect(source, file).not.toMatch(/måste|saknas|högst|ogiltiga|\bboth\(/);
    }
  });
});
