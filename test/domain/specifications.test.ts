import { describe, expect, it } from "vitest";
import { specificationName } from "../../app/domain/specifications";

describe("specificationName", () => {
  it("names a specification by name and version, by name alone without a version", () => {
    expect(specificationName({ name: "Laddplatser", version: "1.0" })).toBe("Laddplatser 1.0");
    expect(specificationName({ name: "Laddplatser", version: "" })).toBe("Laddplatser");
  });
});
