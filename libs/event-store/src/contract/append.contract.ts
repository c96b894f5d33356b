import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '../event-store.port.js';
import { collect, expectStrictlyIncreasing, newEvents, seqs, type ContractContext } from './contract-fixture.js';

/** Appending and reading back: ordering, ids, positions, payloads, metadata, head position. */
export function describeAppendContract(ctx: ContractContext): void {
  describe('append', () => {
    it('stores events in order with their ids, types, data and metadata', async () => {
      const stream = ctx.newStream('order');
      const started = Date.now();
      const events: NewEvent[] = [
        { id: randomUUID(), type: 'GrantIssued', data: { who: 'u1', level: 2 }, metadata: { actor: 'op-1', correlationId: 'c-1' } },
        { id: randomUUID(), type: 'GrantExtended', data: { until: '2030-01-01' } },
        { id: randomUUID(), type: 'GrantRevoked', data: null, metadata: { actor: 'system:expiry' } },
      ];
      const result = await ctx.store().append(stream, events, { expectedRevision: 'no-stream' });

      const read = await collect(ctx.store().readStream(stream));
      expect(result.nextRevision).toBe(2n);
      expect(read.map((e) => [e.id, e.stream, e.revision, e.type])).toEqual(
        events.map((e, i) => [e.id, stream, BigInt(i), e.type]),
      );
      expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data));
      expect(read.map((e) => e.metadata)).toEqual([events[0]?.metadata, {}, events[2]?.metadata]);
      expect(read[2]?.position).toBe(result.position);
      expectStrictlyIncreasing(read);
      for (const event of read) {
        expect(event.recordedAt).toBeInstanceOf(Date);
        expect(event.recordedAt.getTime()).toBeGreaterThanOrEqual(started - 5_000);
        expect(event.recordedAt.getTime()).toBeLessThanOrEqual(Date.now() + 5_000);
      }
    });

    it('gives an event without an id a UUID', async () => {
      const stream = ctx.newStream('generated-id');
      await ctx.store().append(stream, [{ type: 'NoId', data: {} }], { expectedRevision: 'any' });
      const [event] = await collect(ctx.store().readStream(stream));
      expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    });

    it('orders appends to several streams by global position, in append order', async () => {
      const before = await ctx.store().headPosition();
      const a = ctx.newStream('a');
      const b = ctx.newStream('b');
      const results = [];
      for (let i = 0; i < 6; i += 1) {
        results.push(await ctx.store().append(i % 2 ? b : a, newEvents(2, 'Step', i * 2), { expectedRevision: 'any' }));
      }
      const all = (await collect(ctx.store().readAll({ fromPosition: before }))).filter((e) => e.stream === a || e.stream === b);
      expect(seqs(all)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expectStrictlyIncreasing(all);
      expect(results.map((r) => r.position)).toEqual(all.filter((_, i) => i % 2 === 1).map((e) => e.position));
      if (ctx.options.isolated) expect(all.map((e) => e.position)).toEqual(all.map((_, i) => before + BigInt(i) + 1n));
    });

    it('round-trips unicode and a payload of about 1 MB', async () => {
      const stream = ctx.newStream('payload-åäö-💥');
      const text = 'Behörighet åäö ÅÄÖ — 💥👩‍💻 漢字 עברית e\u0301 \u0000 \ud800 "quoted" \\ back';
      const big = { blob: 'x'.repeat(1024 * 1024), rows: Array.from({ length: 100 }, (_, i) => ({ i, text })) };
      await ctx.store().append(stream, [{ type: 'Unicode', data: { text } }, { type: 'Large', data: big }], {
        expectedRevision: 'no-stream',
      });
      const [unicode, large] = await collect(ctx.store().readStream(stream));
      expect(unicode?.stream).toBe(stream);
      expect(unicode?.data).toEqual({ text });
      expect(large?.data).toEqual(big);
    });

    it('round-trips nested metadata', async () => {
      const stream = ctx.newStream('metadata');
      const metadata = {
        actor: 'user-7',
        correlationId: randomUUID(),
        causationId: randomUUID(),
        idempotencyKey: 'key-1',
        source: { ip: '127.0.0.1', tags: ['a', 'ö'] },
      };
      await ctx.store().append(stream, [{ type: 'WithMetadata', data: {}, metadata }], { expectedRevision: 'any' });
      const [event] = await collect(ctx.store().readStream(stream));
      expect(event?.metadata).toEqual(metadata);
    });

    it('reports the position of the last committed event as head', async () => {
      if (ctx.options.isolated) expect(await ctx.store().headPosition()).toBe(0n);
      const first = await ctx.store().append(ctx.newStream('head'), newEvents(3), { expectedRevision: 'any' });
      const second = await ctx.store().append(ctx.newStream('head'), newEvents(1), { expectedRevision: 'any' });
      const head = await ctx.store().headPosition();
      expect(second.position > first.position).toBe(true);
      if (ctx.options.isolated) expect(head).toBe(second.position);
      else expect(head >= second.position).toBe(true);
    });
  });

  describe('idempotent retries', () => {
    it.each([
      ['an exact revision', 0n],
      ['no-stream', 'no-stream'],
      ['any', 'any'],
    ] as const)('answers the first result and writes nothing when the same ids are appended again at %s', async (_, expected) => {
      const stream = ctx.newStream('retry');
      if (expected === 0n) await ctx.store().append(stream, newEvents(1), { expectedRevision: 'no-stream' });
      const events = newEvents(3);
      const first = await ctx.store().append(stream, events, { expectedRevision: expected });
      const retried = await ctx.store().append(stream, events, { expectedRevision: expected });
      expect(retried).toEqual(first);
      const read: RecordedEvent[] = await collect(ctx.store().readStream(stream));
      expect(read.map((e) => e.id).slice(-3)).toEqual(events.map((e) => e.id));
      expect(read).toHaveLength(expected === 0n ? 4 : 3);
    });
  });
}
