import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { isAlive, livePostmasterPid, stopStalePostmaster } from "../../db/embedded.server";

const CLUSTER = /^test-postgres-(\d+)$/;

/** Whether the live server a cluster's postmaster.pid names runs on this folder; null for no live server. */
function serverRunsOn(directory: string): boolean | null {
  const pid = livePostmasterPid(directory);
  if (pid === null) return null;
  // A pid is reused after a reboot: only a process started on this folder counts as its server.
  const commandLine = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
  return commandLine.includes(directory);
}

/**
 * Each test run makes its PostgreSQL cluster in `.data/test-postgres-<pid>` and removes it at the
 * end; a run that was killed (a time limit, Ctrl-C twice, `kill -9`) leaves it, some 100 MB, and
 * after `kill -9` its server still running. The clusters of runs no longer alive are removed, their
 * servers stopped first; a server that is not on its folder's command line is left alone, and so is
 * its folder. Returns the names removed.
 */
export async function removeAbandonedTestClusters(dataRoot: string): Promise<string[]> {
  if (!existsSync(dataRoot)) return [];
  const removed: string[] = [];
  for (const name of readdirSync(dataRoot)) {
    const run = CLUSTER.exec(name);
    if (!run || isAlive(Number(run[1]))) continue;
    const directory = path.join(dataRoot, name);
    const server = serverRunsOn(directory);
    if (server === false) continue;
    if (server) await stopStalePostmaster(directory, () => {});
    rmSync(directory, { recursive: true, force: true });
    rmSync(`${directory}.owner.json`, { force: true });
    removed.push(name);
  }
  return removed;
}
