import { afterEach, describe, expect, it, vi } from "vitest";
import type { TestModule } from "vitest/node";
import SummaryReporter from "./summary-reporter";

type State = "passed" | "failed" | "skipped";

/** A test file as the reporter reads it: its tests' states and its own. */
function testFile(moduleState: State, tests: State[]) {
  return {
    state: () => moduleState,
    children: { size: tests.length, allTests: () => tests.map((state) => ({ result: () => ({ state }) })) },
  } as unknown as TestModule;
}

function summaryLine(modules: TestModule[], unhandledErrors: unknown[] = []) {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  new SummaryReporter().onTestRunEnd(modules, unhandledErrors as never);
  return String(log.mock.calls.at(-1)?.[0]).trim();
}

afterEach(() => vi.restoreAllMocks());

// CI reads only this line: a run that failed must never read "0 failed".
describe("the run's one-line summary", () => {
  it("counts tests by state", () => {
    expect(summaryLine([testFile("failed", ["passed", "failed", "skipped"])])).toBe("1 passed, 1 failed, 1 skipped");
  });

  it("counts a file whose setup failed (its tests skipped) as a failure", () => {
    expect(summaryLine([testFile("failed", ["passed", "passed", "passed", "skipped"]), testFile("passed", ["passed"])])).toBe(
      "4 passed, 1 failed, 1 skipped",
    );
  });

  it("counts a file that failed to load as a failure, and every error outside a test", () => {
    expect(summaryLine([testFile("failed", [])], [new Error("unhandled rejection")])).toBe("0 passed, 2 failed, 0 skipped");
  });
});
