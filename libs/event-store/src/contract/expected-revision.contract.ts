import { WrongExpectedVersionError, type AppendResult } from '../event-store.port.js';
import { collect, expectWrongVersion, newEvents, type ContractContext } from './contract-fixture.js';

/** Optimistic concurrency: every expected-revision case, and appends racing for one revision. */
export function describeExpectedRevisionContract(ctx: ContractContext): void {
  describe('expected revision', () => {
    const existingStream = async (events: number): Promise<string> => {
      const stream = ctx.newStream('existing');
      await ctx.store().append(stream, newEvents(events), { expectedRevision: 'no-stream' });
      return stream;
    };
    const length = async (stream: string): Promise<number> => (await collect(ctx.store().readStream(stream))).length;

    it('any: appends to a new and to an existing stream', async () => {
      const stream = ctx.newStream('any');
      expect((await ctx.store().append(stream, newEvents(2), { expectedRevision: 'any' })).nextRevision).toBe(1n);
      expect((await ctx.store().append(stream, newEvents(1), { expectedRevision: 'any' })).nextRevision).toBe(2n);
    });

    it('no-stream: appends only to a stream without events, else reports the actual revision', async () => {
      const stream = await existingStream(3);
      const wrong = await expectWrongVersion(ctx.store().append(stream, newEvents(1), { expectedRevision: 'no-stream' }), 2n);
      expect(wrong.stream).toBe(stream);
      expect(wrong.expected).toBe('no-stream');
      expect(await length(stream)).toBe(3);
    });

    it('stream-exists: appends only to a stream with events, else reports no-stream', async () => {
      const missing = ctx.newStream('missing');
      await expectWrongVersion(ctx.store().append(missing, newEvents(1), { expectedRevision: 'stream-exists' }), 'no-stream');
      await expect(collect(ctx.store().readStream(missing))).rejects.toMatchObject({ code: 'STREAM_NOT_FOUND' });
      const stream = await existingStream(1);
      const result = await ctx.store().append(stream, newEvents(2), { expectedRevision: 'stream-exists' });
      expect(result.nextRevision).toBe(2n);
    });

    it('exact: appends only when the stream is at that revision, else reports the actual one', async () => {
      const stream = await existingStream(3);
      await expectWrongVersion(ctx.store().append(stream, newEvents(1), { expectedRevision: 1n }), 2n);
      await expectWrongVersion(ctx.store().append(stream, newEvents(1), { expectedRevision: 3n }), 2n);
      const missing = ctx.newStream('missing');
      await expectWrongVersion(ctx.store().append(missing, newEvents(1), { expectedRevision: 0n }), 'no-stream');
      expect(await length(stream)).toBe(3);
      expect((await ctx.store().append(stream, newEvents(2), { expectedRevision: 2n })).nextRevision).toBe(4n);
      expect(await length(stream)).toBe(5);
    });

    it('rejects the same ids appended again at another (stale) revision', async () => {
      const stream = await existingStream(1);
      const events = newEvents(2);
      await ctx.store().append(stream, events, { expectedRevision: 0n });
      await ctx.store().append(stream, newEvents(1), { expectedRevision: 2n });
      await expectWrongVersion(ctx.store().append(stream, events, { expectedRevision: 1n }), 3n);
      await expectWrongVersion(ctx.store().append(stream, events, { expectedRevision: 'no-stream' }), 3n);
      expect(await length(stream)).toBe(4);
    });

    it('lets exactly one of 50 concurrent appends at the same revision win', async () => {
      const stream = await existingStream(1);
      const attempts = Array.from({ length: 50 }, (_, i) =>
        ctx.store().append(stream, newEvents(1, 'Racer', i), { expectedRevision: 0n }),
      );
      const outcomes = await Promise.allSettled(attempts);
      const won = outcomes.filter((o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(won[0]?.value.nextRevision).toBe(1n);
      expect(lost).toHaveLength(49);
      for (const { reason } of lost) {
        expect(reason).toBeInstanceOf(WrongExpectedVersionError);
        expect((reason as WrongExpectedVersionError).actual).toBe(1n);
      }
      expect(await length(stream)).toBe(2);
    });
  });
}
