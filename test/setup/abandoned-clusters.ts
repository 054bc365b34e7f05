import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { isAlive, stopStalePostmaster } from "../../db/embedded.server";

const CLUSTER = /^test-postgres-(\d+)$/;

/** The server named in a cluster's postmaster.pid, or null; its pid only if that process serves this folder. */
function serverOf(directory: string): { pid: number; ours: boolean } | null {
  const postmaster = path.join(directory, "postmaster.pid");
  if (!existsSync(postmaster)) return null;
  const pid = Number(readFileSync(postmaster, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  // A pid is reused after a reboot: only a process started on this folder is stopped.
  const commandLine = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, "utf8") : "";
  return { pid, ours: commandLine.includes(directory) };
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
    const server = serverOf(directory);
    if (server && !server.ours) continue;
    if (server) await stopStalePostmaster(directory, () => {});
    rmSync(directory, { recursive: true, force: true });
    rmSync(`${directory}.owner.json`, { force: true });
    removed.push(name);
  }
  return removed;
}
