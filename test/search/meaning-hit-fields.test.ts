import { describe, expect, it } from "vitest";
import { HitFields } from "../../search/meaning/model.server";

/**
 * The meaning model keeps what a hit shows of every dataset as UTF-8 in buffers (issue 11): each
 * field must come back as it was stored, null as null, across the buffers' boundaries.
 */
describe("the meaning model's hit fields", () => {
  it("gives back every dataset's fields as stored, nulls and non-ASCII text included, across chunks", () => {
    const rows = Array.from({ length: HitFields.CHUNK * 2 + 3 }, (_, i) => ({
      document_id: `dataset:${i}`,
      uri: i % 3 === 0 ? null : `https://data.exempel.se/dataset/${i}`,
      title: i % 5 === 0 ? "" : `Badplatser i Borås – vattenkvalitet ${"ö".repeat(i % 7)} 🏊 ${i}`,
      publisher: i % 4 === 0 ? null : "Göteborgs Stad",
      publisher_kommunkod: i % 6 === 0 ? null : String(1400 + (i % 90)),
    }));
    const expected = rows.map((row) => ({
      id: row.document_id,
      uri: row.uri,
      title: row.title,
      publisher: row.publisher,
      publisherKommunkod: row.publisher_kommunkod,
    }));
    const fields = new HitFields([...rows]);
    expect(fields.length).toBe(rows.length);
    for (let i = 0; i < rows.length; i++) {
      expect(fields.get(i)).toEqual(expected[i]);
      expect(fields.kommunkod(i)).toBe(expected[i]!.publisherKommunkod);
    }
  });
});
