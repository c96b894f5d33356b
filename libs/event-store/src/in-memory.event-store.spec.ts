import { describeEventStoreContract } from './event-store.contract.js';
import { InMemoryEventStore } from './in-memory.event-store.js';

describeEventStoreContract(
  'InMemoryEventStore',
  async () => {
    const store = new InMemoryEventStore();
    return { store, cleanup: () => store.close() };
  },
  { isolated: true },
);
