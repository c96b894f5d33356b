export * from './read-store.port.js';
export * from './read-models.errors.js';
export {
  defineInPlaceProjection,
  defineProjection,
  evolvingOf,
  isInPlaceProjection,
  isPositionProjection,
  type InPlaceProjection,
  type DocumentBody,
  type DocumentTarget,
  type PositionEntry,
  type PositionProjection,
  type Projection,
  type ReadModelProjection,
  type ReadModelVersion,
} from './projection.js';
export { MemoryReadStore } from './memory.read-store.js';
export {
  ProjectionRunner,
  type ProjectionRunnerOptions,
  type RunnerLogger,
  type RunnerState,
  type RunnerStatus,
} from './projection-runner.js';
// The runner's building blocks, for other checkpointed log followers (the scheduler's process managers, the outbox).
export { EventBuffer, type PagedEvents } from './event-buffer.js';
export { PositionWaiters } from './position-waiters.js';
export { versionVerdict, type VersionVerdict } from './read-model-versions.js';
export { canonicalJson, DocumentDigest } from './document-digest.js';
export { describeReadStoreContract, type ReadStoreFactory, type ReadStoreUnderTest } from './read-store.contract.js';
export { MongoReadStore, type MongoReadStoreOptions } from './mongo.read-store.js';
export type { MongoCollection, MongoDatabase, MongoSessions } from './mongo.mapping.js';
export * from './projections/index.js';
