import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { removeAbandonedTestClusters } from "./abandoned-clusters";

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A pid no process has: past the kernel's largest. */
const GONE = 4_194_305;

function cluster(name: string, serverPid?: number) {
  mkdirSync(path.join(root, name, "base"), { recursive: true });
  writeFileSync(path.join(root, name, "base", "1"), "x");
  if (serverPid !== undefined) writeFileSync(path.join(root, name, "postmaster.pid"), `${serverPid}\n/data\n`);
  writeFileSync(path.join(root, `${name}.owner.json`), "{}");
}

describe("clusters of test runs that were killed", () => {
  it("are removed at the next run; this run's, a live server's and other folders are kept", () => {
    root = mkdtempSync(path.join(tmpdir(), "fraga-clusters-"));
    cluster(`test-postgres-${GONE}`);
    cluster(`test-postgres-${GONE - 1}`, GONE);
    cluster(`test-postgres-${process.pid}`);
    cluster(`test-postgres-${GONE - 2}`, process.pid);
    mkdirSync(path.join(root, "bench-match-latency"));

    expect(removeAbandonedTestClusters(root).sort()).toEqual([`test-postgres-${GONE - 1}`, `test-postgres-${GONE}`]);
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
});
