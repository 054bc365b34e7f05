import { readFileSync } from "node:fs";
import type { Kysely } from "kysely";
import type { Database } from "../schema";

const file = new URL("./data/specifications.csv", import.meta.url);

/**
 * Kinds of row in specifications.csv that specify a kind of dataset a municipality publishes, and
 * so have a coverage to show. The metadata profile and harvesting rules (DCAT-AP-SE) describe
 * catalogues, the topp-100 list is a list, the Mina ärenden standard an API, and the row of
 * specifications "in progress" names several with no identifier: none of them is a column of the
 * grid (db/seed/data/SOURCES.md).
 */
const DATASET_KINDS = new Set([
  "dataset specification",
  "dataset specification (CSV)",
  "national geodata specification",
  "guide (vägledning)",
]);

/** RFC 4180 fields: the file quotes fields that hold commas. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      if (row.some((value) => value !== "")) rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  row.push(cell);
  if (row.some((value) => value !== "")) rows.push(row);
  return rows;
}

export interface NationalSpecification {
  seedKey: string;
  name: string;
  version: string;
  uri: string | null;
  schemaUrl: string | null;
  maintainer: string;
  sourceUrl: string | null;
}

/** The national specifications of kinds of dataset, as the register seeds them. */
export function nationalSpecifications(): NationalSpecification[] {
  const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
  const records = rows.map((cells) => Object.fromEntries(header.map((column, i) => [column, (cells[i] ?? "").trim()])));
  // An address two rows share is a page about several (Lantmäteriet's list of the geodata
  // platform's datasets), not what a dataset names in dct:conformsTo: it stays their source.
  const shared = new Set(records.map((r) => r.spec_url).filter((url, i, all) => url !== "" && all.indexOf(url) !== i));
  return records
    .filter((r) => r.identifier !== "" && DATASET_KINDS.has(r.kind))
    .map((r) => {
      // dataportal.se's identifiers read <name>/<version>.
      const version = /\/(\d+(?:\.\d+)*)$/.exec(r.identifier)?.[1] ?? "";
      const link = (value: string) => (/^https?:\/\//i.test(value) ? value : null);
      return {
        seedKey: r.identifier,
        name: r.name,
        version,
        uri: shared.has(r.spec_url) ? null : link(r.spec_url),
        schemaUrl: link(r.schema_url),
        maintainer: r.maintainer,
        // The first address named as the source (some rows name two, separated by " ; ").
        sourceUrl: shared.has(r.spec_url) ? r.spec_url : link(r.source.split(" ; ")[0] ?? ""),
      };
    });
}

/**
 * Upserts the national specifications by their identifier on every start. A restart refreshes
 * what the national register says (name, address, maintainer) and never a coordinator's status:
 * the forum may have retired one. A new row is adopted, with its first event.
 */
export async function seedSpecifications(db: Kysely<Database>) {
  const specifications = nationalSpecifications();
  const known = new Set(
    (await db.selectFrom("specifications").select("seed_key").where("seed_key", "is not", null).execute()).map((r) => r.seed_key),
  );
  for (const spec of specifications) {
    const values = {
      name: spec.name,
      version: spec.version,
      uri: spec.uri,
      schema_url: spec.schemaUrl,
      maintainer: spec.maintainer,
      source_url: spec.sourceUrl,
    };
    if (known.has(spec.seedKey)) {
      await db.updateTable("specifications").set(values).where("seed_key", "=", spec.seedKey).execute();
      continue;
    }
    const created = await db
      .insertInto("specifications")
      .values({ ...values, seed_key: spec.seedKey, origin: "national", status: "adopted" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("events")
      .values({
        actor_user_id: null,
        entity_type: "specification",
        entity_id: created.id,
        action: "seed",
        to_state: "adopted",
        data: JSON.stringify({ source: "specifications.csv", identifier: spec.seedKey }),
      })
      .execute();
  }
}
