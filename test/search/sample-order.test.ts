import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client.server";

/**
 * A common word's documents are read as a sample: the first few hundred in the table's order
 * (ADR 029). When PostgreSQL reads them by a sequential scan (it does at 100,000 datasets for a
 * word in one document of twelve), a synchronized scan starts wherever another scan of the table
 * happens to be, so the same request found other candidates from one time to the next: measured,
 * the same request at 100,000 datasets listed other datasets on two runs in a row (issue 11).
 */
describe("the database connections the matcher reads through", () => {
  it("read a table from its first page, so a sample of a common word's documents is the same every time", async () => {
    // Every connection of the pool, not only the first: matches run on several at once.
    const settings = await Promise.all(
      Array.from({ length: 4 }, () => sql<{ synchronize_seqscans: string }>`SHOW synchronize_seqscans`.execute(db)),
    );
    for (const { rows } of settings) expect(rows[0]!.synchronize_seqscans).toBe("off");
  });
});
