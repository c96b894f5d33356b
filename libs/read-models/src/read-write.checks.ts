import type { ReadWrite } from './read-store.port.js';

/**
 * Refuses a malformed write before any write of its batch is applied; every adapter calls it,
 * so a batch fails whole the same way everywhere.
 */
export function assertWellFormedWrite(write: ReadWrite): void {
  const id = write.kind === 'upsert' ? write.document._id : write.id;
  const position = write.kind === 'upsert' ? write.document._position : write.position;
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(`collection ${write.collection}: a ${write.kind} needs a non-empty string _id`);
  }
  if (typeof position !== 'bigint' || position < 1n) {
    throw new TypeError(`collection ${write.collection}: ${write.kind} of ${id} needs a positive bigint position`);
  }
}
