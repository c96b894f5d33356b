import { InMemoryEventStore, type RecordedEvent } from '@behorighet/event-store';
import { LogFollower } from './log-follower.js';

const quiet = { log: () => undefined, error: () => undefined };

async function append(store: InMemoryEventStore, count: number): Promise<bigint> {
  let position = 0n;
  for (let i = 0; i < count; i += 1) ({ position } = await store.append(`s-${i % 3}`, [{ type: 'Happened', data: { i } }], { expectedRevision: 'any' }));
  return position;
}

describe('LogFollower: a checkpointed subscription with side effects', () => {
  let store: InMemoryEventStore;
  let follower: LogFollower | undefined;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  afterEach(async () => {
    await follower?.stop();
    await store.close();
  });

  it('hands every event in log order, from after its checkpoint, then follows live appends', async () => {
    await append(store, 5);
    const seen: bigint[] = [];
    follower = new LogFollower({ name: 'test', events: store, checkpoint: async () => 2n, handle: async (batch) => void seen.push(...batch.map((e) => e.position)), logger: quiet });
    await follower.start();
    await follower.catchUp(2000);
    expect(seen).toEqual([3n, 4n, 5n]);
    const head = await append(store, 2);
    await follower.waitFor(head, 2000);
    expect(seen).toEqual([3n, 4n, 5n, 6n, 7n]);
    expect(follower.status()).toMatchObject({ state: 'live', position: '7' });
  });

  it('never skips a failed batch: it waits, resumes from the recorded checkpoint and hands the events again', async () => {
    await append(store, 4);
    let recorded = 0n;
    let failures = 0;
    const handled: bigint[] = [];
    follower = new LogFollower({
      name: 'test',
      events: store,
      batchSize: 2,
      retryMs: 10,
      checkpoint: async () => recorded,
      handle: async (batch: readonly RecordedEvent[]) => {
        if (batch.some((e) => e.position === 3n) && failures++ === 0) throw new Error('the mail server is down');
        handled.push(...batch.map((e) => e.position));
        recorded = batch[batch.length - 1]!.position;
      },
      logger: quiet,
    });
    await follower.start();
    await follower.catchUp(2000);
    expect(failures).toBe(2);
    expect(handled).toEqual([1n, 2n, 3n, 4n]);
  });

  it('records its position when it stops, and answers a waiter that asks too much with a timeout', async () => {
    const head = await append(store, 3);
    let stoppedAt: bigint | undefined;
    follower = new LogFollower({ name: 'test', events: store, checkpoint: async () => 0n, handle: async () => undefined, onStop: async (p) => void (stoppedAt = p), logger: quiet });
    await follower.start();
    await follower.catchUp(2000);
    await expect(follower.waitFor(head + 10n, 20)).rejects.toMatchObject({ name: 'ReadTimeoutError' });
    await follower.stop();
    expect(stoppedAt).toBe(head);
  });
});
