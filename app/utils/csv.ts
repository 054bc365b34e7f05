/**
 * CSV as Excel in Sweden opens it by a double click (ADR 024): UTF-8 with a byte-order mark (or
 * Excel reads å, ä and ö as Latin-1), semicolons between fields (the Swedish list separator, since
 * the comma is the decimal sign), CRLF line ends, and fields quoted when they hold a separator,
 * a quote or a line break (RFC 4180).
 */
const BOM = "\uFEFF";
const SEPARATOR = ";";

/**
 * A text cell Excel would read as a formula (OWASP's CSV injection: =, +, -, @, tab, carriage
 * return first) gets an apostrophe in front, so a title like `=HYPERLINK(…)` stays text. Only text:
 * the portal's own figures come as numbers, and a negative one must stay a number; so does one
 * written as text (a survey's number answer in Swedish decimals, "-3,5"), which no formula can be.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-\d+([.,]\d+)?$/;

function field(value: string | number | null) {
  const text =
    value === null
      ? ""
      : typeof value === "number"
        ? String(value)
        : FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)
          ? `'${value}`
          : value;
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

type Row = readonly (string | number | null)[];

/**
 * A CSV file written a batch of rows at a time (a register or a ledger of any length): the
 * byte-order mark and the header first, then each batch as it is read, so the server holds one
 * batch and the first bytes leave at once. Closing the download stops the reading.
 */
export function csvStreamResponse(
  filename: string,
  header: readonly string[],
  batches: AsyncGenerator<readonly Row[]>,
  /** More headers: an API's validators (ETag, Last-Modified), CORS. */
  headers: Record<string, string> = {},
) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(toCsv(header, [])));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) {
        controller.close();
        return;
      }
      if (next.value.length > 0)
        controller.enqueue(encoder.encode(next.value.map((row) => row.map(field).join(SEPARATOR)).join("\r\n") + "\r\n"));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
