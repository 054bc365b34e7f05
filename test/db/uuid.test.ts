import { describe, expect, it } from "vitest";
import { isUuid } from "../../db/uuid";

describe("isUuid", () => {
  it("accepts what PostgreSQL reads as a uuid, in either case and any version, and nothing else", () => {
    expect(isUuid("00000000-0000-4000-8000-000000000000")).toBe(true);
    expect(isUuid("A56DF228-6EF1-11EE-B962-0242AC120002")).toBe(true);
    for (const value of ["", "inte-ett-id", "00000000-0000-4000-8000-00000000000", "00000000-0000-4000-8000-000000000000 ", "1; DROP"]) {
      expect(isUuid(value)).toBe(false);
    }
  });
});
