import {
  NO_STREAM,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import { EsdbEventStore } from './esdb.event-store.js';
import { RecordingEsdbClient, esdbEvent } from './esdb.recording-client.js';
import { EventNotFoundError, StreamNotFoundError, WrongExpectedVersionError, type ExpectedRevision } from './event-store.port.js';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function setup() {
  const client = new RecordingEsdbClient();
  return { client, store: new EsdbEventStore(client) };
}

const ID = '3f1c7b7e-54a1-4c57-9d0e-2b1a4f6c8d10';

describe('EsdbEventStore append', () => {
  it.each<[ExpectedRevision, AppendExpectedRevision]>([
    ['any', 'any'],
    ['no-stream', 'no_stream'],
    ['stream-exists', 'stream_exists'],
    [7n, 7n],
  ])('maps expected revision %p to the client’s %p and sends JSON events', async (expected, sent) => {
    const { client, store } = setup();
    client.appendAnswers.push({ success: true, nextExpectedRevision: 8n, position: { commit: 4096n, prepare: 4000n } });

    const result = await store.append(
      'grant-1',
      [{ id: ID, type: 'GrantIssued', data: { level: 'read' }, metadata: { actor: 'u1' } }],
      { expectedRevision: expected },
    );

    expect(result).toEqual({ nextRevision: 8n, position: 4096n });
    expect(client.calls).toEqual([
      {
        method: 'appendToStream',
        stream: 'grant-1',
        events: [
          { id: ID, contentType: 'application/json', type: 'GrantIssued', data: { level: 'read' }, metadata: { actor: 'u1' } },
        ],
        options: { expectedRevision: sent },
      },
    ]);
  });

  it('generates an id when the caller gives none and stores data as its JSON value', async () => {
    const { client, store } = setup();
    client.appendAnswers.push({ success: true, nextExpectedRevision: 0n, position: { commit: 10n, prepare: 10n } });
    await store.append('s', [{ type: 'T', data: { at: new Date(Date.UTC(2025, 0, 2)) } }], { expectedRevision: 'any' });
    const call = client.calls[0];
    if (call?.method !== 'appendToStream') throw new Error('expected an append');
    expect(call.events[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.events[0]?.data).toEqual({ at: '2025-01-02T00:00:00.000Z' });
    expect(call.events[0]?.metadata).toEqual({});
  });

  it('maps the client’s WrongExpectedVersionError onto the port’s, with the actual revision', async () => {
    const { client, store } = setup();
    client.appendAnswers.push(
      new EsdbWrongExpectedVersionError(undefined, { streamName: 'grant-1', expected: 3n, current: 5n }),
      new EsdbWrongExpectedVersionError(undefined, { streamName: 'grant-2', expected: 'stream_exists', current: NO_STREAM }),
    );
    const first = store.append('grant-1', [{ type: 'T', data: {} }], { expectedRevision: 3n });
    await expect(first).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(first).rejects.toMatchObject({ stream: 'grant-1', expected: 3n, actual: 5n, code: 'CONCURRENT_MODIFICATION' });
    const second = store.append('grant-2', [{ type: 'T', data: {} }], { expectedRevision: 'stream-exists' });
    await expect(second).rejects.toMatchObject({ stream: 'grant-2', expected: 'stream-exists', actual: 'no-stream' });
  });

  it('treats an unsuccessful result (throwOnAppendFailure=false) as a wrong expected version', async () => {
    const { client, store } = setup();
    client.appendAnswers.push({ success: false, nextExpectedRevision: 2n, position: undefined });
    await expect(store.append('s', [{ type: 'T', data: {} }], { expectedRevision: 0n })).rejects.toMatchObject({
      name: 'WrongExpectedVersionError',
      actual: 2n,
    });
  });

  it('finds the position of an idempotent retry that the server answers without one', async () => {
    const { client, store } = setup();
    client.publish(
      esdbEvent({ stream: 's', revision: 0n, position: 300n, type: 'A' }),
      esdbEvent({ stream: 's', revision: 1n, position: 520n, type: 'B' }),
    );
    client.appendAnswers.push({ success: true, nextExpectedRevision: 1n, position: undefined });
    const result = await store.append('s', [{ id: ID, type: 'B', data: {} }], { expectedRevision: 0n });
    expect(result).toEqual({ nextRevision: 1n, position: 520n });
    expect(client.calls[1]).toEqual({
      method: 'readStream',
      stream: 's',
      options: { direction: 'forwards', fromRevision: 1n, maxCount: 1 },
    });
  });

  it('lets other client errors through unchanged', async () => {
    const { client, store } = setup();
    const failure = new Error('deadline exceeded');
    client.appendAnswers.push(failure);
    await expect(store.append('s', [{ type: 'T', data: {} }], { expectedRevision: 'any' })).rejects.toBe(failure);
  });
});

describe('EsdbEventStore readStream', () => {
  function seeded() {
    const ctx = setup();
    const created = new Date(Date.UTC(2025, 5, 1, 12));
    ctx.client.publish(
      esdbEvent({ stream: 'g', revision: 0n, position: 100n, type: 'A', data: { n: 0 }, metadata: { actor: 'u1' }, created }),
      esdbEvent({ stream: 'other', revision: 0n, position: 180n, type: 'X' }),
      esdbEvent({ stream: 'g', revision: 1n, position: 260n, type: 'B', data: { n: 1 } }),
      esdbEvent({ stream: 'g', revision: 2n, position: 390n, type: 'C', data: { n: 2 }, metadata: Buffer.from('{"actor":"u2"}') }),
    );
    return { ...ctx, created };
  }

  it('reads forwards from the start and maps every field', async () => {
    const { client, store, created } = seeded();
    const events = await collect(store.readStream('g'));
    expect(client.calls).toEqual([{ method: 'readStream', stream: 'g', options: { direction: 'forwards', fromRevision: 'start' } }]);
    expect(events.map((e) => [e.revision, e.position, e.type, e.data])).toEqual([
      [0n, 100n, 'A', { n: 0 }],
      [1n, 260n, 'B', { n: 1 }],
      [2n, 390n, 'C', { n: 2 }],
    ]);
    expect(events[0]).toMatchObject({ stream: 'g', metadata: { actor: 'u1' }, recordedAt: created });
    expect(events[1]?.metadata).toEqual({});
    expect(events[2]?.metadata).toEqual({ actor: 'u2' });
  });

  it('reads backwards from the end, or from a revision with a limit', async () => {
    const { client, store } = seeded();
    expect((await collect(store.readStream('g', { direction: 'backwards' }))).map((e) => e.revision)).toEqual([2n, 1n, 0n]);
    const limited = await collect(store.readStream('g', { direction: 'backwards', from: 1n, limit: 1 }));
    expect(limited.map((e) => e.revision)).toEqual([1n]);
    expect(client.calls.map((c) => (c.method === 'readStream' ? c.options : undefined))).toEqual([
      { direction: 'backwards', fromRevision: 'end' },
      { direction: 'backwards', fromRevision: 1n, maxCount: 1 },
    ]);
  });

  it('maps the client’s StreamNotFoundError onto the port’s', async () => {
    const { client, store } = seeded();
    const read = collect(store.readStream('missing'));
    await expect(read).rejects.toBeInstanceOf(StreamNotFoundError);
    await expect(read).rejects.toMatchObject({ stream: 'missing', code: 'STREAM_NOT_FOUND' });
    expect(client.calls).toHaveLength(1);
  });

  it('refuses metadata that is not a JSON object instead of inventing one', async () => {
    const { client, store } = setup();
    client.publish(esdbEvent({ stream: 'g', revision: 0n, position: 5n, type: 'A', metadata: Buffer.from('not json') }));
    await expect(collect(store.readStream('g'))).rejects.toThrow(/metadata is not JSON/);
  });
});

describe('EsdbEventStore readAll and headPosition', () => {
  function withSystemEvents() {
    const ctx = setup();
    ctx.client.publish(
      esdbEvent({ stream: '$stats-127.0.0.1:2113', revision: 0n, position: 40n, type: '$statsCollected' }),
      esdbEvent({ stream: 'a', revision: 0n, position: 120n, type: 'A' }),
      esdbEvent({ stream: '$$a', revision: 0n, position: 200n, type: '$metadata' }),
      esdbEvent({ stream: 'b', revision: 0n, position: 310n, type: 'B' }),
      esdbEvent({ stream: '$projections-x', revision: 0n, position: 350n, type: 'Unprefixed' }),
      esdbEvent({ stream: 'a', revision: 1n, position: 480n, type: 'C' }),
      esdbEvent({ stream: '$scavenges', revision: 0n, position: 600n, type: '$scavengeStarted' }),
    );
    return ctx;
  }

  it('reads $all forwards without system events ($ types or $ streams)', async () => {
    const { client, store } = withSystemEvents();
    const events = await collect(store.readAll());
    expect(events.map((e) => [e.stream, e.position])).toEqual([
      ['a', 120n],
      ['b', 310n],
      ['a', 480n],
    ]);
    expect(client.calls).toEqual([{ method: 'readAll', options: { direction: 'forwards', fromPosition: 'start' } }]);
  });

  it('reads strictly after a position (the server starts at it) and stops at the limit, cancelling the read', async () => {
    const { client, store } = withSystemEvents();
    const events = await collect(store.readAll({ fromPosition: 120n, limit: 1 }));
    expect(events.map((e) => e.position)).toEqual([310n]);
    expect(client.calls).toEqual([
      { method: 'readAll', options: { direction: 'forwards', fromPosition: { commit: 120n, prepare: 120n } } },
    ]);
    expect(client.cancelledReads).toBe(1);
  });

  it('reads an event at its position with one read of $all from there, and refuses a position without one', async () => {
    const { client, store } = withSystemEvents();
    const events = await store.readAt([480n, 120n]);
    expect(events.map((e) => [e.stream, e.position])).toEqual([
      ['a', 480n],
      ['a', 120n],
    ]);
    expect(client.calls).toEqual([
      { method: 'readAll', options: { direction: 'forwards', fromPosition: { commit: 480n, prepare: 480n } } },
      { method: 'readAll', options: { direction: 'forwards', fromPosition: { commit: 120n, prepare: 120n } } },
    ]);
    await expect(store.readAt([200n])).rejects.toBeInstanceOf(EventNotFoundError);
  });

  it('gives the head as the position of the last event that is not a system event', async () => {
    const { client, store } = withSystemEvents();
    await expect(store.headPosition()).resolves.toBe(480n);
    expect(client.calls).toEqual([{ method: 'readAll', options: { direction: 'backwards', fromPosition: 'end' } }]);
    expect(client.cancelledReads).toBe(1);
  });

  it('gives 0 as the head of a log with only system events', async () => {
    const { client, store } = setup();
    client.publish(esdbEvent({ stream: '$settings', revision: 0n, position: 10n, type: '$settings' }));
    await expect(store.headPosition()).resolves.toBe(0n);
  });

  it('disposes of the client on close', async () => {
    const { client, store } = setup();
    await store.close();
    expect(client.calls).toEqual([{ method: 'dispose' }]);
  });
});
