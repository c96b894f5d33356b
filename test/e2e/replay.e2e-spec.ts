import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { READ_STORE, type ReadStore } from '@behorighet/read-models';
import { appendHistory, realisticHistory, startTestApp, type TestApp } from '@behorighet/testing';
import { ProjectionRunners } from '../../apps/api/src/read-side/projection-runners.js';
import { PROJECTIONS } from '../../apps/api/src/read-side/projections.js';

const run = promisify(execFile);

/** `npm run replay -- <args>`, as a user would run it (the script through the project's TypeScript loader). */
async function replay(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', './scripts/ts-register.mjs', 'scripts/replay.ts', ...args], { maxBuffer: 64 * 2 ** 20 });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe('npm run replay (R-READ-6)', () => {
  let t: TestApp;
  let head: bigint;
  const scratch = mkdtempSync(join(tmpdir(), 'replay-cli-'));

  beforeAll(async () => {
    t = await startTestApp();
    const events = t.app.get<EventStore>(EVENT_STORE);
    head = await appendHistory(events, realisticHistory({ events: 1500, seed: 21 }));
    // The application's own jobs may react to the history (e.g. due expiries): wait until the log is still.
    for (let still = 0, tries = 0; still < 3; tries += 1) {
      if (tries > 100) throw new Error(`the log kept growing (at position ${head})`);
      await sleep(100);
      const next = await events.headPosition();
      still = next === head ? still + 1 : 0;
      head = next;
    }
    const runners = t.app.get(ProjectionRunners);
    await Promise.all(PROJECTIONS.map((projection) => runners.waitFor(projection.name, head, 20_000)));
  }, 60_000);
  afterAll(async () => {
    await t.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('R-READ-6 two replays give the same digests, equal to the running application’s read models', async () => {
    const live = await t.app.get<ReadStore>(READ_STORE).digest();
    const [first, second] = await Promise.all([replay('--data-dir', t.dataDir, '--json'), replay('--data-dir', t.dataDir, '--json')]);
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout);
    const b = JSON.parse(second.stdout);
    expect(a.position).toBe(String(head));
    expect(Object.keys(a.digests).sort()).toEqual(PROJECTIONS.map((p) => p.name).sort());
    expect(b.digests).toEqual(a.digests);
    expect(a.digests).toEqual(live);
    expect(Object.values(a.eventCounts as Record<string, number>).reduce((x, y) => x + y, 0)).toBe(Number(head));
  }, 60_000);

  it('R-READ-6 rebuilds as of a log position, and tells a reader what it did', async () => {
    const until = head / 3n;
    const { stdout, code } = await replay('--data-dir', t.dataDir, '--to-position', String(until));
    expect(code).toBe(0);
    expect(stdout).toContain(`up to position ${Number(until).toLocaleString('en-US')} of ${Number(head).toLocaleString('en-US')}`);
    expect(stdout).toMatch(/Events read, by type\n {2}event type +events\n/);
    expect(stdout).toMatch(/\n {2}total +[\d,]+\n/);
    for (const projection of PROJECTIONS) expect(stdout).toMatch(new RegExp(`\\n  ${projection.name} +[\\d,]+ (documents|lists) +[0-9a-f]{64}`));
  }, 60_000);

  it('R-READ-6 as of an instant: the organizations, their members’ access and the access intervals then, and an export file', async () => {
    const file = join(scratch, 'intervals.csv');
    const { stdout, code } = await replay('--data-dir', t.dataDir, '--as-of', '2022-06-30T23:59:59Z', '--export', file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/as of 2022-06-30T23:59:59\.000Z: up to position [\d,]+ of [\d,]+, the last event that had occurred by then/);
    expect(stdout).toContain('Organizations as of 2022-06-30T23:59:59.000Z');
    expect(stdout).toMatch(/Organization 1 AB \(org\. no\. \d{6}-\d{4}, id [0-9a-f-]{36}\)\n {2}(working|nobody can log in: .+); \d+ members, \d+ with access/);
    expect(stdout).toMatch(/member +type +standing +could use/);
    expect(stdout).toMatch(/Access intervals up to 2022-06-30T23:59:59\.000Z \(the compliance export's rows then\): [\d,]+/);
    const csv = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('member,service,role,from,to,granted_by,ended_by,reason');
    expect(csv.length).toBeGreaterThan(10);
    expect(csv.slice(1).every((line) => line.split(',')[3]! < '2022-06-30T23:59:59.000Z')).toBe(true);
  }, 60_000);

  it('explains a wrong call instead of failing with a stack trace', async () => {
    const missing = await replay('--data-dir', join(scratch, 'nothing-here'));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^replay: there is no event log at .+events\.sqlite \(give --data-dir, or set DATA_DIR\)\n$/) });
    expect(existsSync(join(scratch, 'nothing-here'))).toBe(false);
    const both = await replay('--data-dir', t.dataDir, '--as-of', '2022-01-01T00:00:00Z', '--to-position', '5');
    expect(both).toMatchObject({ code: 1, stderr: 'replay: give --as-of or --to-position, not both\n' });
    const past = await replay('--data-dir', t.dataDir, '--to-position', String(head + 10n));
    expect(past.stderr).toContain('lies past the end of the log');
  }, 60_000);
});
