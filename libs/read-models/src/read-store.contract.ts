import { randomUUID } from 'node:crypto';
import { describeCheckpointContract } from './contract/checkpoint.contract.js';
import { describePositionsContract } from './contract/positions.contract.js';
import { describeQueriesContract } from './contract/queries.contract.js';
import { describeVersionsContract } from './contract/versions.contract.js';
import { thingIndexes, type ReadStoreContext, type ReadStoreFactory, type ReadStoreUnderTest } from './contract/read-store-fixture.js';
import { describeWritesContract } from './contract/writes.contract.js';
import type { ReadStore } from './read-store.port.js';

export type { ReadStoreFactory, ReadStoreUnderTest } from './contract/read-store-fixture.js';

/**
 * The one contract every `ReadStore` adapter runs (call it from a `*.spec.ts`): upserts, the
 * position guard, index lookups, cursor pages, position lists, batches atomic with their checkpoint, checkpoints
 * and shape versions read back, reset, digests. Each test declares collections under a fresh random prefix, so a shared
 * server is not disturbed by earlier runs. Uses Jest's globals.
 * @param factory makes a fresh store per test; `cleanup` disposes of it.
 */
export function describeReadStoreContract(name: string, factory: ReadStoreFactory): void {
  describe(`${name} honours the ReadStore contract`, () => {
    const prefix = `contract_${randomUUID().slice(0, 8)}`;
    let collections = 0;
    let current: ReadStoreUnderTest | undefined;

    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    const context: ReadStoreContext = {
      store(): ReadStore {
        if (!current) throw new Error('the contract asked for a store outside a test');
        return current.store;
      },
      async newCollection(): Promise<string> {
        collections += 1;
        const collection = `${prefix}_things_${collections}`;
        await context.store().declare([{ name: collection, indexes: thingIndexes }]);
        return collection;
      },
    };

    describeWritesContract(context);
    describeQueriesContract(context);
    describeCheckpointContract(context);
    describePositionsContract(context);
    describeVersionsContract(context);
  });
}
