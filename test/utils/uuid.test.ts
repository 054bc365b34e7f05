import { describe, expect, it } from "vitest";
import { specificationName } from "../../app/domain/specifications";
import { isUuid } from "../../app/utils/uuid";

describe("isUuid", () => {
  it("accepts what PostgreSQL reads as a uuid, in either case and any version, and nothing else", () => {
    expect(isUuid("00000000-0000-4000-8000-000000000000")).toBe(true);
    expect(isUuid("A56DF228-6EF1-11EE-B962-0242AC120002")).toBe(true);
    for (const value of ["", "inte-ett-id", "00000000-0000-4000-8000-00000000000", "00000000-0000-4000-8000-000000000000 ", "1; DROP"]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});

describe("specificationName", () => {
  it("names a specification by name and version, by name alone without a version", () => {
    expect(specificationName({ name: "Laddplatser", version: "1.0" })).toBe("Laddplatser 1.0");
    expect(specificationName({ name: "Laddplatser", version: "" })).toBe("Laddplatser");
  });
});
