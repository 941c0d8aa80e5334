/** Timing shared by the benchmarks: a median, and repeated calls measured in wall and CPU time. */

export const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Median wall time of `runs` calls after one warm-up, with the median CPU time of this process (less moved by
 * other work on the machine), the fastest and slowest call, and the warm-up call's own time (`first`: the code
 * not yet optimised by V8, as a coordinator's first visit after starting the app).
 */
export async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<{ ms: number; cpuMs: number; min: number; max: number; first: number }> {
  const start = performance.now();
  await fn();
  const first = performance.now() - start;
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu), min: Math.min(...times), max: Math.max(...times), first };
}
