import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract, type EventStoreFactory } from './event-store.contract.js';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite.event-store.js';

function sqliteStore(options: Omit<SqliteEventStoreOptions, 'dataDir'>): EventStoreFactory {
  return async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'behorighet-sqlite-contract-'));
    const store = SqliteEventStore.open({ dataDir, pollIntervalMs: 20, ...options });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  };
}

describeEventStoreContract('SqliteEventStore', sqliteStore({}), { isolated: true });

// Every paged subscription that starts behind the head reads ahead in a thread (by default only 20,000 events behind).
describeEventStoreContract('SqliteEventStore reading ahead in a thread', sqliteStore({ readAheadFrom: 1 }), { isolated: true });
