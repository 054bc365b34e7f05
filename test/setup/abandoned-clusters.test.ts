import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isAlive } from "../../db/embedded.server";
import { removeAbandonedTestClusters } from "./abandoned-clusters";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A pid no process has: past the kernel's largest. */
const GONE = 4_194_305;

function cluster(name: string, serverPid?: number) {
  mkdirSync(path.join(root, name, "base"), { recursive: true });
  writeFileSync(path.join(root, name, "base", "1"), "x");
  if (serverPid !== undefined) writeFileSync(path.join(root, name, "postmaster.pid"), `${serverPid}\n${path.join(root, name)}\n`);
  writeFileSync(path.join(root, `${name}.owner.json`), "{}");
}

describe("clusters of test runs that were killed", () => {
  it("are removed at the next run; this run's, a live server's and other folders are kept", async () => {
    root = mkdtempSync(path.join(tmpdir(), "fraga-clusters-"));
    cluster(`test-postgres-${GONE}`);
    cluster(`test-postgres-${GONE - 1}`, GONE);
    cluster(`test-postgres-${process.pid}`);
    // A live process that is not a server of its folder (a reused pid): neither it nor the folder is touched.
    cluster(`test-postgres-${GONE - 2}`, process.pid);
    mkdirSync(path.join(root, "bench-match-latency"));

    expect((await removeAbandonedTestClusters(root)).sort()).toEqual([`test-postgres-${GONE - 1}`, `test-postgres-${GONE}`]);
    expect(readdirSync(root).sort()).toEqual(
      [
        "bench-match-latency",
        `test-postgres-${GONE - 2}`,
        `test-postgres-${GONE - 2}.owner.json`,
        `test-postgres-${process.pid}`,
        `test-postgres-${process.pid}.owner.json`,
      ].sort(),
    );
    expect(existsSync(path.join(root, `test-postgres-${process.pid}`, "base", "1"))).toBe(true);
  });

  // After `kill -9` of a test run its PostgreSQL keeps running on the folder; it is stopped, then the folder goes.
  it("stop a server still running on an abandoned cluster before removing it", async () => {
    root = mkdtempSync(path.join(tmpdir(), "fraga-clusters-"));
    const name = `test-postgres-${GONE - 3}`;
    const directory = path.join(root, name);
    mkdirSync(directory);
    const server = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", directory], { stdio: "ignore" });
    try {
      cluster(name, server.pid!);
      expect(await removeAbandonedTestClusters(root)).toEqual([name]);
      expect(isAlive(server.pid!)).toBe(false);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      server.kill("SIGKILL");
    }
  });
});
