export * from './event-store.port.js';
export * from './event-store.errors.js';
export { InMemoryEventStore } from './in-memory.event-store.js';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite.event-store.js';
export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb.event-store.js';
export type { ResubscribeOptions } from './esdb.subscription.js';
export { inPagesOfOne } from './event-pages.js';
export {
  describeEventStoreContract,
  type EventStoreContractOptions,
  type EventStoreFactory,
  type EventStoreUnderTest,
} from './event-store.contract.js';
