import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from './event-store.contract.js';
import { SqliteEventStore } from './sqlite.event-store.js';

describeEventStoreContract(
  'SqliteEventStore',
  async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'behorighet-sqlite-contract-'));
    const store = SqliteEventStore.open({ dataDir, pollIntervalMs: 20 });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  },
  { isolated: true },
);
