import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/seed/index";
import { freePort } from "../setup/free-port";
import { startPortal, type RunningPortal } from "../support/portal";

// A data directory inside the project: PostgreSQL runs as the `postgres` user, which must be able
// to enter every parent directory (a mode-700 temp dir would not do).
const dataDir = path.resolve(".data", `start-test-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
const started: RunningPortal[] = [];

afterAll(async () => {
  for (const portal of started) await portal.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("npm start on a machine without a database", () => {
  it("starts an embedded PostgreSQL, migrates, seeds demo data, serves, survives a crash and stops cleanly", async () => {
    const env = { DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) };

    const first = await startPortal(env);
    started.push(first);
    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { status: "ok" } });

    // The demo requester can sign in: the seed ran.
    const signIn = await fetch(`${first.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: first.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "requester@demo.fragaengang.test", password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.get("set-cookie")).toMatch(/fraga_session=.*HttpOnly.*Secure.*SameSite=Lax/i);

    // Security headers on every page.
    const page = await fetch(first.url);
    expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-/);
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(await page.text()).toContain("Fråga en gång");

    // A crash (kill -9) leaves PostgreSQL running; the next start must recover from it.
    const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
    const orphan = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    first.process.kill("SIGKILL");
    await first.stop();
    expect(isAlive(orphan)).toBe(true);

    const second = await startPortal(env);
    started.push(second);
    expect(second.output()).toMatch(/left running by an earlier crash/);
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);

    // SIGTERM stops the server and PostgreSQL cleanly.
    const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    expect(await second.stop()).toBe(0);
    expect(second.output()).toMatch(/Stopped\./);
    expect(isAlive(postmaster)).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  }, 120_000);
});
