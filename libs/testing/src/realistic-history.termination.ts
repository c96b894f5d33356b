// The child process of realistic-history.spec.ts: generates realistic histories for random seeds and sizes, each
// within a CPU-time limit. A generator that spins forever cannot be interrupted in its own thread, so the spec runs
// this in a process it can kill; every run is announced on stderr first, so a killed run is still named.
// Usage: node --import ./scripts/ts-register.mjs libs/testing/src/realistic-history.termination.ts <runs> <ms per run>
import fc from 'fast-check';
import { realisticHistory, type HistoryOptions } from './realistic-history.js';

const runs = Number(process.argv[2] ?? 40);
const limitMs = Number(process.argv[3] ?? 2000);

const options: fc.Arbitrary<HistoryOptions> = fc.record(
  { events: fc.integer({ min: 1, max: 1500 }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), organizations: fc.integer({ min: 1, max: 4 }) },
  { requiredKeys: ['events', 'seed'] },
);

// Seeds that spun forever before the generator repaired stuck organizations.
const examples: Array<[HistoryOptions]> = [[{ events: 1500, seed: 285096, organizations: 2 }], [{ events: 1500, seed: 593373, organizations: 2 }], [{ events: 1500, seed: 1 }]];

let generated = 0;
fc.assert(
  fc.property(options, (history) => {
    generated += 1;
    process.stderr.write(`run ${JSON.stringify(history)}\n`);
    const start = process.cpuUsage();
    let events = 0;
    for (const append of realisticHistory(history)) events += append.events.length;
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    if (events < history.events) throw new Error(`${events} events, fewer than the ${history.events} asked for`);
    if (ms > limitMs) throw new Error(`took ${Math.round(ms)} ms of CPU, more than ${limitMs} ms`);
  }),
  { numRuns: runs, examples },
);
process.stdout.write(`${generated} histories generated\n`);
