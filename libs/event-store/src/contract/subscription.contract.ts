import type { LogEvent, RecordedEvent } from '../event-store.port.js';
import { collect, expectStrictlyIncreasing, newEvents, within, type ContractContext } from './contract-fixture.js';

/** Catch-up subscriptions to `$all`: history, then live, without gaps or repeats. */
export function describeSubscriptionContract(ctx: ContractContext): void {
  describe('subscribeToAll', () => {
    const mine = (event: RecordedEvent): boolean => event.stream.startsWith(ctx.prefix);

    it('catches up, then goes live while appends run concurrently, with no gap and no duplicate', async () => {
      const store = ctx.store();
      const from = await store.headPosition();
      const written: string[] = [];
      const history = ctx.newStream('history');
      for (let i = 0; i < 30; i += 1) {
        const events = newEvents(10, 'Past', i * 10);
        await store.append(history, events, { expectedRevision: 'any' });
        written.push(...events.map((e) => e.id as string));
      }
      const live = Array.from({ length: 8 }, () => ctx.newStream('live'));
      const total = written.length + live.length * 25 * 2;

      const subscription = store.subscribeToAll({ fromPosition: from });
      const received: RecordedEvent[] = [];
      const consuming = (async () => {
        for await (const event of subscription) {
          if (!mine(event)) continue;
          received.push(event);
          if (received.length === total) break;
        }
      })();
      const writing = live.map(async (stream) => {
        for (let i = 0; i < 25; i += 1) {
          const events = newEvents(2, 'Live', i * 2);
          await store.append(stream, events, { expectedRevision: i === 0 ? 'no-stream' : BigInt(i * 2 - 1) });
          written.push(...events.map((e) => e.id as string));
        }
      });
      await within(20_000, 'concurrent appends', Promise.all(writing));
      await within(20_000, `subscription (got ${received.length} of ${total})`, consuming);

      expect(received).toHaveLength(total);
      expect(new Set(received.map((e) => e.id)).size).toBe(total);
      expect(new Set(received.map((e) => e.id))).toEqual(new Set(written));
      expectStrictlyIncreasing(received);
      expect(received[0]?.stream).toBe(history);
    });

    it('delivers only events after fromPosition', async () => {
      const store = ctx.store();
      const stream = ctx.newStream('from');
      const first = await store.append(stream, newEvents(3, 'Early'), { expectedRevision: 'no-stream' });
      const subscription = store.subscribeToAll({ fromPosition: first.position });
      const later = newEvents(2, 'Late');
      await store.append(stream, later, { expectedRevision: 2n });
      const received: RecordedEvent[] = [];
      for await (const event of subscription) {
        if (event.stream === stream) received.push(event);
        if (received.length === 2) break;
      }
      expect(received.map((e) => e.id)).toEqual(later.map((e) => e.id));
      expect(received.map((e) => e.revision)).toEqual([3n, 4n]);
    });

    it('ends a waiting loop on close()', async () => {
      const store = ctx.store();
      const subscription = store.subscribeToAll({ fromPosition: await store.headPosition() });
      const seen: RecordedEvent[] = [];
      const consuming = (async () => {
        for await (const event of subscription) seen.push(event);
      })();
      const stream = ctx.newStream('close');
      await store.append(stream, newEvents(1), { expectedRevision: 'no-stream' });
      await within(10_000, 'first live event', waitUntil(() => seen.some((e) => e.stream === stream)));
      await subscription.close();
      await within(10_000, 'loop end after close', consuming);
    });
  });

  describe('subscribeToAllPages', () => {
    const mine = (event: LogEvent): boolean => event.stream.startsWith(ctx.prefix);
    /** What a page consumer may rely on: positions, streams, types and data. */
    const logEvent = ({ position, stream, type, data }: LogEvent): LogEvent => ({ position, stream, type, data });

    it('delivers, in non-empty pages, exactly the events the log holds, catching up and then live under concurrent appends', async () => {
      const store = ctx.store();
      const from = await store.headPosition();
      const history = ctx.newStream('paged-history');
      for (let i = 0; i < 12; i += 1) await store.append(history, newEvents(100, 'Past', i * 100), { expectedRevision: 'any' });
      const live = Array.from({ length: 6 }, () => ctx.newStream('paged-live'));
      const total = 1_200 + live.length * 20 * 3;

      const subscription = store.subscribeToAllPages({ fromPosition: from });
      const received: LogEvent[] = [];
      const pageSizes: number[] = [];
      const consuming = (async () => {
        for await (const page of subscription) {
          pageSizes.push(page.length);
          received.push(...page.filter(mine));
          if (received.length >= total) break;
        }
      })();
      const writing = live.map(async (stream) => {
        for (let i = 0; i < 20; i += 1) {
          await store.append(stream, newEvents(3, 'Live', i * 3), { expectedRevision: i === 0 ? 'no-stream' : BigInt(i * 3 - 1) });
        }
      });
      await within(20_000, 'concurrent appends', Promise.all(writing));
      await within(20_000, `paged subscription (got ${received.length} of ${total})`, consuming);

      expect(pageSizes.every((size) => size > 0)).toBe(true);
      const logged = (await collect(store.readAll({ fromPosition: from }))).filter(mine);
      expect(logged).toHaveLength(total);
      expect(received.map(logEvent)).toEqual(logged.map(logEvent));
    });

    it('delivers only events after fromPosition and ends a waiting loop on close()', async () => {
      const store = ctx.store();
      const stream = ctx.newStream('paged-from');
      const first = await store.append(stream, newEvents(3, 'Early'), { expectedRevision: 'no-stream' });
      const subscription = store.subscribeToAllPages({ fromPosition: first.position });
      const seen: LogEvent[] = [];
      const consuming = (async () => {
        for await (const page of subscription) seen.push(...page.filter((event) => event.stream === stream));
      })();
      await store.append(stream, newEvents(2, 'Late', 3), { expectedRevision: 2n });
      await within(10_000, 'the later events', waitUntil(() => seen.length === 2));
      await subscription.close();
      await within(10_000, 'loop end after close', consuming);
      expect(seen.map((event) => [event.type, event.data])).toEqual([
        ['Late', { seq: 3 }],
        ['Late', { seq: 4 }],
      ]);
      expect(seen[0]!.position > first.position).toBe(true);
    });
  });
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
