/**
 * CSV as Excel in Sweden opens it by a double click (ADR 024): UTF-8 with a byte-order mark (or
 * Excel reads å, ä and ö as Latin-1), semicolons between fields (the Swedish list separator, since
 * the comma is the decimal sign), CRLF line ends, and fields quoted when they hold a separator,
 * a quote or a line break (RFC 4180).
 */
const BOM = "\uFEFF";
const SEPARATOR = ";";

function field(value: string | number | null) {
  const text = value === null ? "" : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]) {
  return BOM + [header, ...rows].map((row) => row.map(field).join(SEPARATOR)).join("\r\n") + "\r\n";
}

export function csvResponse(filename: string, body: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
