import type { Server } from "node:http";
import { createReadableStreamFromReadable } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limitRequestBodies, MAX_REQUEST_BODY_BYTES, refusedBodyErrors } from "../../app/utils/body-limit.server";

// Remix reads a form's whole body into memory: a body over the limit is refused before that.

let server: Server;
let base = "";
/** Forms the app read in full: a refused body must never reach it cut short. */
let formsRead = 0;
beforeAll(async () => {
  const app = express();
  app.use(limitRequestBodies);
  // Reads the body as Remix's Express adapter does: a web stream over the Node request, and a
  // failure passed on to Express.
  app.post("*", (req, res, next) => void readForm(req, res).catch(next));
  app.use(refusedBodyErrors);
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function readForm(req: express.Request, res: express.Response) {
  const request = new Request("http://localhost/", {
    method: "POST",
    headers: { "Content-Type": req.get("content-type") ?? "" },
    body: createReadableStreamFromReadable(req),
    duplex: "half",
  } as RequestInit);
  const form = await request.formData();
  formsRead += 1;
  res.status(200).send(`title=${String(form.get("title"))} (${String(form.get("body")).length})`);
}

const form = (bodyLength: number) =>
  new URLSearchParams({ intent: "submit", title: "Badplatser", body: "x".repeat(bodyLength) }).toString();
const headers = { "Content-Type": "application/x-www-form-urlencoded" };

/** The same form sent in chunks without a Content-Length, as a client streaming its body does. */
function streamed(text: string) {
  const bytes = new TextEncoder().encode(text);
  const chunk = 64 * 1024;
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + chunk));
      offset += chunk;
    },
  });
}

describe("request bodies", () => {
  it("refuses a 2 MB form with 413 and a short page in Swedish and English", async () => {
    const response = await fetch(`${base}/requests/new`, { method: "POST", headers, body: form(2 * 1024 * 1024) });
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).toContain("Förfrågan är för stor");
    expect(text).toContain("The request is too large");
  });

  it("refuses a 2 MB form sent without a length", async () => {
    const init = { method: "POST", headers, body: streamed(form(2 * 1024 * 1024)), duplex: "half" } as RequestInit;
    const before = formsRead;
    const response = await fetch(`${base}/requests/new`, init);
    expect(response.status).toBe(413);
    expect(await response.text()).toContain("The request is too large");
    expect(formsRead).toBe(before);
  });

  it("lets a normal form through, with a length or without, and one just under the limit", async () => {
    const normal = await fetch(`${base}/requests/new`, { method: "POST", headers, body: form(200) });
    expect(normal.status).toBe(200);
    expect(await normal.text()).toBe("title=Badplatser (200)");

    const init = { method: "POST", headers, body: streamed(form(300_000)), duplex: "half" } as RequestInit;
    const chunked = await fetch(`${base}/requests/new`, init);
    expect(await chunked.text()).toBe("title=Badplatser (300000)");

    const justUnder = MAX_REQUEST_BODY_BYTES - form(0).length;
    const large = await fetch(`${base}/requests/new`, { method: "POST", headers, body: form(justUnder) });
    expect(await large.text()).toBe(`title=Badplatser (${justUnder})`);
  });
});
