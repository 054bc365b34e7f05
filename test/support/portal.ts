import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "../setup/free-port";

const root = path.resolve(import.meta.dirname, "../..");

export interface RunningPortal {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** SIGTERM, as a service manager stops it; resolves with the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the portal exactly as `npm start` does, on a free port, and waits until it serves.
 * `nodeArguments`: more options for Node (a benchmark's `--cpu-prof`, which NODE_OPTIONS refuses).
 * `healthy: false`: waits only until it answers, for a portal started with a part down (its
 * /healthz is then 503).
 */
export async function startPortal(
  env: Record<string, string | undefined> = {},
  options: { nodeArguments?: string[]; healthy?: boolean } = {},
): Promise<RunningPortal> {
  const port = await freePort();
  // The same heap cap as `npm start` (package.json), so tests and benchmarks see the server users
  // run; BENCH_NO_HEAP_CAP=1 leaves it out, to measure what the cap costs or saves.
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NO_HEAP_CAP ? [] : ["--max-old-space-size=300"]),
      ...(options.nodeArguments ?? []),
      "--import",
      "tsx",
      "server.ts",
    ],
    {
      cwd: root,
      // PUBLIC_URL as production sets it: mail links (sign-up confirmation) are built from it only.
      // API_RATE_LIMIT off: benchmarks load /api/* from one address far past a visitor's limit (ADR 037); a test may set it.
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        API_RATE_LIMIT: "off",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The portal exited while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The portal did not answer within 60 s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok || options.healthy === false) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
