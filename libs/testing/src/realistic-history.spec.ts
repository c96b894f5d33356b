import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { realisticHistory } from './realistic-history.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The digest of the first 20,000 events of realisticHistory({ events: 1_000_000, seed: 1 }), the replay bench's cached log. */
const SEED_1_FIRST_20000 = 'ab4f80131a1cefc7ae5f83257eb18f2ab6847b2210e84ed31212342286d38e58';

/** sha256 over the first `limit` events of a history, each as the JSON of its stream and event. */
function digest(history: Iterable<{ stream: string; events: Array<{ type: string; data: unknown }> }>, limit: number): string {
  const hash = createHash('sha256');
  let count = 0;
  for (const { stream, events } of history) {
    for (const event of events) {
      if (count === limit) return hash.digest('hex');
      hash.update(`${JSON.stringify({ stream, event })}\n`);
      count += 1;
    }
  }
  return hash.digest('hex');
}

describe('realisticHistory', () => {
  it('generates every history it is asked for: random seeds and sizes, each within a CPU-time limit (in a child process it can kill)', async () => {
    const args = ['--import', './scripts/ts-register.mjs', 'libs/testing/src/realistic-history.termination.ts', '40', '2000'];
    const child = run(process.execPath, args, { cwd: root, timeout: 30_000, killSignal: 'SIGKILL' });
    const outcome = await child.then(
      ({ stdout }) => ({ ok: true, stdout, stderr: '' }),
      (error: { stdout: string; stderr: string; killed?: boolean }) => {
        // A killed child is a history that never ended: the last run it announced.
        const last = error.stderr.split('\n').findLast((line) => line.startsWith('run '));
        return { ok: false, stdout: error.stdout, stderr: error.killed ? `killed while generating ${last?.slice('run '.length)}` : error.stderr };
      },
    );
    expect(outcome.stderr.split('\n').filter((line) => !line.startsWith('run ')).join('\n').trim()).toBe('');
    expect(outcome).toMatchObject({ ok: true, stdout: expect.stringMatching(/^\d+ histories generated/) });
  }, 40_000);

  it('even one smaller than the catalog: its events are yielded, not dropped', () => {
    const events = [...realisticHistory({ events: 1, seed: 0 })].flatMap((append) => append.events);
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events[0]?.type).toBe('ServiceRegistered');
  });

  it('is the history the 1M replay bench cached: seed 1 begins with the same 20,000 events', () => {
    // The bench's log (realisticHistory({ events: 1_000_000, seed: 1 })) is generated once and reused; a change here
    // means the generator no longer gives that log, and the cache must be renewed with the bench's results.
    expect(digest(realisticHistory({ events: 1_000_000, seed: 1 }), 20_000)).toBe(SEED_1_FIRST_20000);
  });
});
