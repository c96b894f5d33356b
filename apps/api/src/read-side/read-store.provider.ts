import { Inject, Injectable, Logger, OnApplicationShutdown, type Provider } from '@nestjs/common';
import { MemoryReadStore, MongoReadStore, READ_STORE, type ReadStore } from '@behorighet/read-models';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** Chooses the read-store adapter from configuration (`READ_STORE`): in memory (rebuilt at every start) or MongoDB. */
export function createReadStore(config: Pick<AppConfig, 'readStore'>): ReadStore {
  if (config.readStore.kind === 'mongodb') return MongoReadStore.connect(config.readStore.uri);
  return new MemoryReadStore();
}

export const readStoreProvider: Provider = {
  provide: READ_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    new Logger('ReadSide').log(`read models kept ${config.readStore.kind === 'mongodb' ? 'in MongoDB' : 'in memory (rebuilt from the log at start)'}`);
    return createReadStore(config);
  },
};

/** Closes the read store last, after the projection runners have stopped (they stop in `onModuleDestroy`). */
@Injectable()
export class ReadStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
