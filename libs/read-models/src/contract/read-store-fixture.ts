import type { CollectionDefinition, ReadDocument, ReadStore, ReadWrite } from '../read-store.port.js';

/** A store under test and how to dispose of it (drop its database, disconnect). */
export interface ReadStoreUnderTest {
  store: ReadStore;
  cleanup(): Promise<void>;
}

/** Makes a fresh store for each test. */
export type ReadStoreFactory = () => Promise<ReadStoreUnderTest>;

/** What each part of the contract gets: the current store and a collection name no other test uses. */
export interface ReadStoreContext {
  store(): ReadStore;
  /** Declares a fresh collection with the test indexes and returns its name. */
  newCollection(): Promise<string>;
}

export interface Thing extends ReadDocument {
  organizationId?: string | null;
  status?: string;
  label?: string;
}

/** The indexes every contract collection has. */
export const thingIndexes: CollectionDefinition['indexes'] = [
  { name: 'byOrganization', fields: ['organizationId'] },
  { name: 'byOrganizationAndStatus', fields: ['organizationId', 'status'] },
];

export function thing(id: string, position: number, fields: Omit<Thing, '_id' | '_position'> = {}): Thing {
  return { _id: id, _position: BigInt(position), ...fields };
}

export function upserts(collection: string, documents: readonly Thing[]): ReadWrite[] {
  return documents.map((document) => ({ kind: 'upsert', collection, document }));
}

/** Commits the writes with a checkpoint nobody reads. */
export async function write(store: ReadStore, writes: readonly ReadWrite[], position = 1n) {
  return store.commit({ writes, checkpoint: { name: 'contract-scratch', position } });
}

/** A deterministic shuffle (no flaky orders). */
export function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
