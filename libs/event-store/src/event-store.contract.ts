import { randomUUID } from 'node:crypto';
import { describeAppendContract } from './contract/append.contract.js';
import type { ContractContext, EventStoreContractOptions, EventStoreFactory, EventStoreUnderTest } from './contract/contract-fixture.js';
import { describeExpectedRevisionContract } from './contract/expected-revision.contract.js';
import { describeReadContract } from './contract/read.contract.js';
import { describeSubscriptionContract } from './contract/subscription.contract.js';
import type { EventStore } from './event-store.port.js';

export type { EventStoreContractOptions, EventStoreFactory, EventStoreUnderTest } from './contract/contract-fixture.js';

/**
 * The one contract every `EventStore` adapter runs (call it from a `*.spec.ts`): ordering,
 * expected revisions, idempotent retries, reads, `$all` paging, catch-up subscriptions under
 * concurrent appends, payloads, metadata and the head position. Uses Jest's global
 * `describe`/`it`/`expect`, so importing this module outside Jest costs nothing.
 * @param factory makes a fresh store per test; `cleanup` disposes of it.
 */
export function describeEventStoreContract(
  name: string,
  factory: EventStoreFactory,
  options: EventStoreContractOptions = {},
): void {
  describe(`${name} honours the EventStore contract`, () => {
    const prefix = `contract-${randomUUID().slice(0, 8)}`;
    let streams = 0;
    let current: EventStoreUnderTest | undefined;

    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    const context: ContractContext = {
      options,
      prefix,
      store(): EventStore {
        if (!current) throw new Error('the contract asked for a store outside a test');
        return current.store;
      },
      newStream(label: string): string {
        streams += 1;
        return `${prefix}-${label}-${streams}`;
      },
    };

    describeAppendContract(context);
    describeExpectedRevisionContract(context);
    describeReadContract(context);
    describeSubscriptionContract(context);
  });
}
