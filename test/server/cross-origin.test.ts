import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localeCookie } from "../../app/i18n/locale.server";
import { refuseCrossOriginWrites } from "../../app/utils/cross-origin.server";

// Issue 7, point 14: a cross-origin POST was blocked by Remix's own check, but as a bare 500.

let server: Server;
let base = "";
beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => void refuseCrossOriginWrites(req, res, next));
  app.all("*", (_req, res) => res.status(200).send("reached the app"));
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

const post = (headers: Record<string, string>) =>
  fetch(`${base}/requests/new`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body: "intent=submit&title=x",
  });

describe("writes from another site", () => {
  it.each(["http://evil.example", "null", "https://127.0.0.1.evil.example", "not a url"])(
    "answers Origin: %s with 403 and a Swedish page",
    async (origin) => {
      const response = await post({ Origin: origin });
      expect(response.status).toBe(403);
      const html = await response.text();
      expect(html).toContain('lang="sv"');
      expect(html).toContain("Formuläret kom inte från den här webbplatsen");
      expect(html).not.toContain("reached the app");
    },
  );

  it("speaks English to a visitor who chose it", async () => {
    const cookie = (await localeCookie.serialize("en")).split(";")[0];
    const response = await post({ Origin: "http://evil.example", Cookie: cookie });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("The form did not come from this website");
  });

  it("lets same-origin writes, writes without Origin and reads from anywhere through", async () => {
    expect((await post({ Origin: base })).status).toBe(200);
    expect((await post({})).status).toBe(200);
    expect((await fetch(`${base}/requests`, { headers: { Origin: "http://evil.example" } })).status).toBe(200);
  });
});
