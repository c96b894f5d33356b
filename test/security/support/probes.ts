/** One attempt to use a power, and whether the system let it through. */
export interface ProbeResult {
  succeeded: boolean;
  status: number;
  code?: string;
}

export type Probe = () => Promise<ProbeResult>;

/** Runs `count` probes, cycling through `probes`, at most `concurrency` at a time; answers every result. */
export async function runProbes(probes: Probe[], count: number, concurrency: number): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await probes[i % probes.length]!();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** Samples a value every `intervalMs` until stopped; answers the samples. */
export function sampleEvery<T>(intervalMs: number, sample: () => Promise<T>): { stop(): Promise<T[]> } {
  const samples: T[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await sample());
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return samples;
    },
  };
}

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
