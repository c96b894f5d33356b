import { EventNotFoundError, StreamNotFoundError, type LogEvent, type RecordedEvent } from '../event-store.port.js';
import { collect, expectStrictlyIncreasing, newEvents, seqs, type ContractContext } from './contract-fixture.js';

const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

/** Reading one stream in both directions and reading `$all` page by page. */
export function describeReadContract(ctx: ContractContext): void {
  describe('readStream', () => {
    const streamOf = async (count: number): Promise<string> => {
      const stream = ctx.newStream('read');
      for (let from = 0; from < count; from += 200) {
        const size = Math.min(200, count - from);
        await ctx.store().append(stream, newEvents(size, 'Step', from), { expectedRevision: 'any' });
      }
      return stream;
    };

    it('reads forwards from a revision, with and without a limit', async () => {
      const stream = await streamOf(10);
      expect(seqs(await collect(ctx.store().readStream(stream)))).toEqual(range(0, 9));
      expect(seqs(await collect(ctx.store().readStream(stream, { from: 4n })))).toEqual(range(4, 9));
      expect(seqs(await collect(ctx.store().readStream(stream, { from: 4n, limit: 3 })))).toEqual([4, 5, 6]);
      expect(seqs(await collect(ctx.store().readStream(stream, { limit: 2 })))).toEqual([0, 1]);
      expect(await collect(ctx.store().readStream(stream, { from: 10n }))).toEqual([]);
    });

    it('reads backwards from the end or from a revision, with and without a limit', async () => {
      const stream = await streamOf(10);
      const backwards = { direction: 'backwards' } as const;
      expect(seqs(await collect(ctx.store().readStream(stream, backwards)))).toEqual(range(0, 9).reverse());
      expect(seqs(await collect(ctx.store().readStream(stream, { ...backwards, from: 4n })))).toEqual([4, 3, 2, 1, 0]);
      expect(seqs(await collect(ctx.store().readStream(stream, { ...backwards, limit: 3 })))).toEqual([9, 8, 7]);
      expect(seqs(await collect(ctx.store().readStream(stream, { ...backwards, from: 5n, limit: 2 })))).toEqual([5, 4]);
    });

    it('reads a stream longer than any page completely, both ways', async () => {
      const stream = await streamOf(700);
      const forwards = await collect(ctx.store().readStream(stream));
      expect(forwards.map((e) => e.revision)).toEqual(range(0, 699).map(BigInt));
      const backwards = await collect(ctx.store().readStream(stream, { direction: 'backwards' }));
      expect(seqs(backwards)).toEqual(range(0, 699).reverse());
      expect(seqs(await collect(ctx.store().readStream(stream, { from: 650n, direction: 'backwards', limit: 600 })))).toEqual(
        range(51, 650).reverse(),
      );
    });

    it('throws StreamNotFoundError for a stream without events', async () => {
      const missing = ctx.newStream('missing');
      const error = await collect(ctx.store().readStream(missing)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect((error as StreamNotFoundError).stream).toBe(missing);
      await expect(collect(ctx.store().readStream(missing, { direction: 'backwards' }))).rejects.toBeInstanceOf(
        StreamNotFoundError,
      );
    });
  });

  describe('readAll', () => {
    it('reads every event after a position in order, across pages, and honours a limit', async () => {
      const before = await ctx.store().headPosition();
      const streams = [ctx.newStream('all'), ctx.newStream('all'), ctx.newStream('all')];
      for (let i = 0; i < 11; i += 1) {
        await ctx.store().append(streams[i % 3] as string, newEvents(100, 'Bulk', i * 100), { expectedRevision: 'any' });
      }
      const mine = (await collect(ctx.store().readAll({ fromPosition: before }))).filter((e) => streams.includes(e.stream));
      expect(seqs(mine)).toEqual(range(0, 1099));
      expectStrictlyIncreasing(mine);

      const middle = mine[499]?.position ?? 0n;
      const after = (await collect(ctx.store().readAll({ fromPosition: middle }))).filter((e) => streams.includes(e.stream));
      expect(seqs(after)).toEqual(range(500, 1099));
      const limited = await collect(ctx.store().readAll({ fromPosition: middle, limit: 300 }));
      expect(limited).toHaveLength(300);
      expect(limited.every((e) => e.position > middle)).toBe(true);
      expectStrictlyIncreasing(limited);
      if (ctx.options.isolated) {
        expect(limited[0]?.position).toBe(mine[500]?.position);
        expect(mine.map((e) => e.position)).toEqual(range(1, 1100).map((p) => before + BigInt(p)));
        expect(seqs(limited)).toEqual(range(500, 799));
      }
    });
  });

  // readLogAt is readAt for log events: the same events, as position, stream, type and data.
  const readers = [
    ['readAt', (positions: readonly bigint[]) => ctx.store().readAt(positions), (event: RecordedEvent): LogEvent | RecordedEvent => event],
    ['readLogAt', (positions: readonly bigint[]) => ctx.store().readLogAt(positions), ({ position, stream, type, data }: RecordedEvent): LogEvent => ({ position, stream, type, data })],
  ] as const;

  describe.each(readers)('%s', (_name, readAt, expected) => {
    it('reads the events at the positions asked, in the order asked, and refuses a position without one', async () => {
      const stream = ctx.newStream('at');
      await ctx.store().append(stream, newEvents(5, 'Point', 0), { expectedRevision: 'any' });
      const written = await collect(ctx.store().readStream(stream));
      const [a, , c, , e] = written.map((event) => event.position);
      const read = await readAt([e as bigint, a as bigint, c as bigint]);
      expect(seqs(read)).toEqual([4, 0, 2]);
      expect(read.map((event) => event.stream)).toEqual([stream, stream, stream]);
      expect(read[0]).toEqual(expected(written[4] as RecordedEvent));
      expect(await readAt([])).toEqual([]);
      const beyond = (await ctx.store().headPosition()) + 1_000_000n;
      await expect(readAt([a as bigint, beyond])).rejects.toBeInstanceOf(EventNotFoundError);
    });

    it('reads a long list of positions, ascending or not and with repeats, as asked', async () => {
      const stream = ctx.newStream('at-many');
      await ctx.store().append(stream, newEvents(1200, 'Point', 0), { expectedRevision: 'any' });
      const positions = (await collect(ctx.store().readStream(stream))).map((event) => event.position);
      const ascending = positions.filter((_, i) => i % 2 === 0);
      expect(seqs(await readAt(ascending))).toEqual(range(0, 1199).filter((seq) => seq % 2 === 0));
      const mixed = [...positions.slice(600).reverse(), positions[3] as bigint, positions[3] as bigint, ...positions.slice(0, 600)];
      expect(seqs(await readAt(mixed))).toEqual([...range(600, 1199).reverse(), 3, 3, ...range(0, 599)]);
    });
  });
}
