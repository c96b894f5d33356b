// Per-operation latency of in-process checks: each call timed on its own (p50/p99/p99.9), then an untimed loop
// over the same calls for throughput (timing every call costs ~0.1 µs, which throughput should not pay).

export interface CheckFigures {
  checks: number;
  allowed: number;
  checksPerSecond: number;
  p50Micros: number;
  p99Micros: number;
  p999Micros: number;
}

/** Percentiles in µs of durations in ms. */
export function percentilesMicros(samples: Float64Array) {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 1000;
  return { p50Micros: at(0.5), p99Micros: at(0.99), p999Micros: at(0.999) };
}

/**
 * Runs `check(i)` for i < `count`, each phase stopping early after `budgetSeconds`. A check that answers a promise
 * is awaited (what an async query path costs); a plain boolean is measured without any await.
 */
export async function measureChecks(count: number, check: (i: number) => boolean | Promise<boolean>, budgetSeconds = Infinity): Promise<CheckFigures> {
  const async = check(0) instanceof Promise;
  const run = async (i: number) => (async ? await check(i) : (check(i) as boolean));
  const warmEnd = performance.now() + Math.min(budgetSeconds, 2) * 1000;
  for (let i = 0; i < Math.min(count, 20_000) && performance.now() < warmEnd; i += 1) await run(i); // warm the JIT
  const samplesEnd = performance.now() + budgetSeconds * 1000;
  const all = new Float64Array(count);
  let allowed = 0;
  for (let i = 0; i < count; i += 1) {
    if (performance.now() > samplesEnd) {
      count = i;
      break;
    }
    const t0 = performance.now();
    const ok = async ? await check(i) : (check(i) as boolean);
    all[i] = performance.now() - t0;
    if (ok) allowed += 1;
  }
  const samples = all.subarray(0, count);
  const start = performance.now();
  if (async) for (let i = 0; i < count; i += 1) await check(i);
  else for (let i = 0; i < count; i += 1) check(i);
  const checksPerSecond = count / ((performance.now() - start) / 1000);
  return { checks: count, allowed, checksPerSecond, ...percentilesMicros(samples) };
}
