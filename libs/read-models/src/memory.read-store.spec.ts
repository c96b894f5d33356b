import { MemoryReadStore } from './memory.read-store.js';
import { describeReadStoreContract } from './read-store.contract.js';

describeReadStoreContract('MemoryReadStore', async () => {
  const store = new MemoryReadStore();
  return { store, cleanup: () => store.close() };
});
