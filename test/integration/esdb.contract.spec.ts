import { EsdbEventStore, describeEventStoreContract } from '@behorighet/event-store';

/**
 * The shared EventStore contract against a real EventStoreDB/KurrentDB server, run only when
 * EVENTSTORE_CONNECTION_STRING names one (e.g. `esdb://localhost:2113?tls=false`, see docker/README.md).
 * The server keeps its data between runs: the contract writes to streams under a random prefix
 * per run and only compares positions (isolated: false), so earlier runs do not disturb it.
 */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  describeEventStoreContract('EsdbEventStore on EventStoreDB', async () => {
    const store = EsdbEventStore.connect(connectionString);
    return { store, cleanup: () => store.close() };
  });
} else {
  process.stderr.write('SKIPPED EventStoreDB contract suite: EVENTSTORE_CONNECTION_STRING is not set\n');
  describe.skip('EsdbEventStore on EventStoreDB (set EVENTSTORE_CONNECTION_STRING to run)', () => {
    it('honours the EventStore contract', () => undefined);
  });
}
