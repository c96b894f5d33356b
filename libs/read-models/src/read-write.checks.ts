import type { ReadWrite } from './read-store.port.js';

/**
 * Refuses a malformed write before any write of its batch is applied; every adapter calls it,
 * so a batch fails whole the same way everywhere.
 */
export function assertWellFormedWrite(write: ReadWrite): void {
  const id = write.kind === 'upsert' ? write.document._id : write.kind === 'delete' ? write.id : write.key;
  const position = write.kind === 'upsert' ? write.document._position : write.position;
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(`collection ${write.collection}: a ${write.kind} needs a non-empty string ${write.kind === 'position' ? 'key' : '_id'}`);
  }
  if (typeof position !== 'bigint' || position < 1n) {
    throw new TypeError(`collection ${write.collection}: ${write.kind} of ${id} needs a positive bigint position`);
  }
  if (write.kind === 'position' && position > MAX_LIST_POSITION) {
    throw new RangeError(`collection ${write.collection}: position ${position} is beyond what a position list holds`);
  }
}

/** Position lists keep positions as doubles: exact up to 2^53 (an EventStoreDB log of 9 PB). */
export const MAX_LIST_POSITION = BigInt(Number.MAX_SAFE_INTEGER);
