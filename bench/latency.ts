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
 * Runs `check(i)` for i < `count`. A check that answers a promise is awaited (what an async query path costs);
 * a plain boolean is measured without any await.
 */
export async function measureChecks(count: number, check: (i: number) => boolean | Promise<boolean>): Promise<CheckFigures> {
  const async = check(0) instanceof Promise;
  const run = async (i: number) => (async ? await check(i) : (check(i) as boolean));
  for (let i = 0; i < Math.min(count, 20_000); i += 1) await run(i); // warm the JIT
  const samples = new Float64Array(count);
  let allowed = 0;
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    const ok = async ? await check(i) : (check(i) as boolean);
    samples[i] = performance.now() - t0;
    if (ok) allowed += 1;
  }
  const start = performance.now();
  if (async) for (let i = 0; i < count; i += 1) await check(i);
  else for (let i = 0; i < count; i += 1) check(i);
  const checksPerSecond = count / ((performance.now() - start) / 1000);
  return { checks: count, allowed, checksPerSecond, ...percentilesMicros(samples) };
}
