import { MemoryReadStore, MongoReadStore } from '@behorighet/read-models';
import { loadAppConfig } from '../config/app-config.js';
import { createReadStore } from './read-store.provider.js';

describe('createReadStore', () => {
  it('keeps the read models in memory by default', async () => {
    const store = createReadStore(loadAppConfig({}));
    expect(store).toBeInstanceOf(MemoryReadStore);
    await store.close();
  });

  it('uses MongoDB with READ_STORE=mongodb and MONGODB_URI (the client connects on first use)', async () => {
    const store = createReadStore(loadAppConfig({ READ_STORE: 'mongodb', MONGODB_URI: 'mongodb://127.0.0.1:1/behorighet' }));
    expect(store).toBeInstanceOf(MongoReadStore);
    await store.close();
  });

  it('refuses READ_STORE=mongodb without MONGODB_URI at start-up', () => {
    expect(() => createReadStore(loadAppConfig({ READ_STORE: 'mongodb' }))).toThrow('MONGODB_URI');
  });
});
