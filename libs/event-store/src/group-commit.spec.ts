import { GroupCommit, type Settled } from './group-commit.js';

describe('GroupCommit', () => {
  const doubling = (batches: number[][]) => (jobs: number[]): Settled<number>[] => {
    batches.push([...jobs]);
    return jobs.map((job) => (job < 0 ? { ok: false, error: new RangeError(`job ${job}`) } : { ok: true, value: job * 2 }));
  };

  it('commits what was submitted in one tick as one batch, each job with its own outcome', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit(doubling(batches), 100);
    const outcomes = await Promise.allSettled([1, -2, 3].map((job) => commit.submit(job)));
    expect(batches).toEqual([[1, -2, 3]]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([2, 'job -2', 6]);
  });

  it('queues what arrives during a commit for the next batch', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit(doubling(batches), 100);
    const first = commit.submit(1).then(() => Promise.all([commit.submit(2), commit.submit(3)]));
    await expect(first).resolves.toEqual([4, 6]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('splits a long queue into batches of at most maxBatchSize', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit(doubling(batches), 4);
    await Promise.all(Array.from({ length: 10 }, (_, i) => commit.submit(i)));
    expect(batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
  });

  it('rejects every job of a batch whose transaction failed, and goes on with the next', async () => {
    let calls = 0;
    const commit = new GroupCommit<number, number>((jobs) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      return jobs.map((job) => ({ ok: true, value: job }));
    }, 100);
    const failed = await Promise.allSettled([commit.submit(1), commit.submit(2)]);
    expect(failed.map((o) => o.status === 'rejected' && (o.reason as Error).message)).toEqual(['disk full', 'disk full']);
    await expect(commit.submit(3)).resolves.toBe(3);
  });

  it('flushAll commits the queue synchronously', () => {
    const batches: number[][] = [];
    const commit = new GroupCommit(doubling(batches), 2);
    void commit.submit(1);
    void commit.submit(2);
    void commit.submit(3);
    commit.flushAll();
    expect(batches).toEqual([[1, 2], [3]]);
  });
});
