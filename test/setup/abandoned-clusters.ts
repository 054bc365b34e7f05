import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const CLUSTER = /^test-postgres-(\d+)$/;

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Each test run makes its PostgreSQL cluster in `.data/test-postgres-<pid>` and removes it at the
 * end; a run that was killed (a time limit, Ctrl-C twice) leaves it, some 100 MB each. Those of
 * runs no longer alive, whose server is not running either, are removed; returns their names.
 */
export function removeAbandonedTestClusters(dataRoot: string): string[] {
  if (!existsSync(dataRoot)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dataRoot)) {
    const run = CLUSTER.exec(name);
    if (!run || isAlive(Number(run[1]))) continue;
    const directory = path.join(dataRoot, name);
    const postmaster = path.join(directory, "postmaster.pid");
    const serverPid = existsSync(postmaster) ? Number(readFileSync(postmaster, "utf8").split("\n")[0]) : NaN;
    if (Number.isInteger(serverPid) && serverPid > 0 && isAlive(serverPid)) continue;
    rmSync(directory, { recursive: true, force: true });
    rmSync(`${directory}.owner.json`, { force: true });
    removed.push(name);
  }
  return removed;
}
