import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    globalSetup: ["test/setup/global-setup.ts"],
    setupFiles: ["test/setup/database.ts"],
    // Each test file gets its own database, so files may run in parallel; browser tests start a
    // server and a Chromium each, which a 2-core machine feels.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A condition a test waits for (expect.poll) gets 10 s, not Vitest's 1 s: a server round trip
    // or a debounced search on a loaded 2-core machine can take longer than a second.
    expect: { poll: { timeout: 10_000 } },
    pool: "forks",
    reporters: ["default", "./test/setup/summary-reporter.ts"],
  },
});
