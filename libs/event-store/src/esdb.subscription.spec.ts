import { AccessDeniedError, excludeSystemEvents, type AllStreamResolvedEvent } from '@eventstore/db-client';
import { EsdbEventStore } from './esdb.event-store.js';
import { RecordingEsdbClient, esdbEvent } from './esdb.recording-client.js';
import type { RecordedEvent } from './event-store.port.js';

/** User events at uneven positions (EventStoreDB's are not gap-free), with system events between them. */
function history(from: number, count: number): AllStreamResolvedEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const position = BigInt(n * 137 + 11);
    return i % 3 === 2
      ? esdbEvent({ stream: `$stats-node`, revision: BigInt(n), position, type: '$statsCollected' })
      : esdbEvent({ stream: `grant-${n % 4}`, revision: BigInt(n), position, type: 'GrantIssued', data: { n } });
  });
}

function userPositions(answers: AllStreamResolvedEvent[]): bigint[] {
  return answers.filter((a) => !a.event!.type.startsWith('$')).map((a) => a.event!.position.commit);
}

function setup(duringOutage: () => void = () => {}) {
  const client = new RecordingEsdbClient();
  const retries: Array<{ error: unknown; attempt: number; lastDelivered?: bigint }> = [];
  const delivered: RecordedEvent[] = [];
  const store = new EsdbEventStore(client, {
    resubscribe: {
      initialDelayMs: 1,
      maxDelayMs: 4,
      maxAttempts: 3,
      onRetry: (error, attempt) => {
        retries.push({ error, attempt, lastDelivered: delivered.at(-1)?.position });
        duringOutage();
      },
    },
  });
  return { client, store, retries, delivered };
}

function subscribeCalls(client: RecordingEsdbClient) {
  return client.calls.flatMap((c) => (c.method === 'subscribeToAll' ? [c.options] : []));
}

describe('EsdbEventStore subscribeToAll', () => {
  it('subscribes to $all with the server-side system-event filter, catches up, then goes live', async () => {
    const { client, store, delivered } = setup();
    client.publish(...history(0, 6));
    const subscription = store.subscribeToAll();
    for await (const event of subscription) {
      delivered.push(event);
      if (delivered.length === 4) client.publish(...history(6, 3));
      if (delivered.length === 6) break;
    }
    expect(delivered.map((e) => e.position)).toEqual(userPositions(client.log));
    expect(delivered.every((e) => e.type === 'GrantIssued')).toBe(true);
    expect(subscribeCalls(client)).toEqual([{ fromPosition: 'start', filter: excludeSystemEvents() }]);
    expect(client.unsubscribed).toBe(1);
  });

  it('starts strictly after the given position', async () => {
    const { client, store, delivered } = setup();
    client.publish(...history(0, 6));
    const from = userPositions(client.log)[1]!;
    for await (const event of store.subscribeToAll({ fromPosition: from })) {
      delivered.push(event);
      if (delivered.length === 2) break;
    }
    expect(delivered.map((e) => e.position)).toEqual(userPositions(client.log).slice(2));
    expect(subscribeCalls(client)[0]?.fromPosition).toEqual({ commit: from, prepare: from });
  });

  it('resubscribes from the last delivered position after a drop: no gap, no duplicate', async () => {
    // Appends made while the first subscription is down must come through after the resubscription.
    const { client, store, retries, delivered } = setup(() => client.publish(...history(12, 6)));
    client.publish(...history(0, 12));
    client.dropSubscriptions.push(5, undefined);
    for await (const event of store.subscribeToAll()) {
      delivered.push(event);
      if (delivered.length === userPositions(client.log).length && client.log.length === 18) break;
    }

    expect(retries).toHaveLength(1);
    expect(retries[0]?.error).toMatchObject({ type: 'unavailable' });
    const positions = delivered.map((e) => e.position);
    expect(positions).toEqual(userPositions(client.log));
    expect(new Set(positions).size).toBe(positions.length);
    const [first, second] = subscribeCalls(client);
    expect(first?.fromPosition).toBe('start');
    const resumeAt = retries[0]?.lastDelivered;
    expect(resumeAt).toBeGreaterThan(0n);
    expect(second).toEqual({ fromPosition: { commit: resumeAt, prepare: resumeAt }, filter: excludeSystemEvents() });
  });

  it('retries with a bounded number of attempts, then hands the error to the consumer', async () => {
    const { client, store, retries } = setup();
    client.publish(...history(0, 3));
    client.dropSubscriptions.push(0, 0, 0, 0);
    await expect(async () => {
      for await (const event of store.subscribeToAll()) void event;
    }).rejects.toMatchObject({ type: 'unavailable' });
    expect(retries.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(subscribeCalls(client)).toHaveLength(4);
  });

  it('does not retry an error that a retry cannot mend', async () => {
    const { client, store, retries } = setup();
    const denied = new AccessDeniedError(undefined, 'access denied');
    client.publish(...history(0, 3));
    client.dropSubscriptions.push({ after: 1, error: denied });
    await expect(async () => {
      for await (const event of store.subscribeToAll()) void event;
    }).rejects.toBe(denied);
    expect(retries).toHaveLength(0);
  });

  it('ends a waiting consumer on close, and the store closes its open subscriptions', async () => {
    const { client, store, delivered } = setup();
    client.publish(...history(0, 2));
    const subscription = store.subscribeToAll();
    const consumed = (async () => {
      for await (const event of subscription) delivered.push(event);
    })();
    while (delivered.length < 2) await new Promise((resolve) => setImmediate(resolve));
    await store.close();
    await consumed;
    expect(client.unsubscribed).toBeGreaterThanOrEqual(1);
    expect(client.calls.at(-1)).toEqual({ method: 'dispose' });
  });
});
