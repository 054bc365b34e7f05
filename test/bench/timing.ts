/** The p-th percentile (nearest rank) of ascending times. */
export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One bench line: the name, then p50, p95 and the slowest time in milliseconds. */
export function timingLine(name: string, times: number[], width = 38) {
  const sorted = [...times].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(8);
  return `${name.padEnd(width)} ${ms(percentile(sorted, 50))} ${ms(percentile(sorted, 95))} ${ms(sorted.at(-1)!)}`;
}
