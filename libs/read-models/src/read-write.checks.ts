import { LIST_KEY_SEPARATOR, type ReadWrite } from './read-store.port.js';

/**
 * Refuses a malformed write before any write of its batch is applied; every adapter calls it,
 * so a batch fails whole the same way everywhere.
 */
export function assertWellFormedWrite(write: ReadWrite): void {
  if (write.kind === 'position') return assertWellFormedEntry(write);
  const id = write.kind === 'upsert' ? write.document._id : write.id;
  const position = write.kind === 'upsert' ? write.document._position : write.position;
  if (typeof id !== 'string' || id === '') {
    throw new TypeError(`collection ${write.collection}: a ${write.kind} needs a non-empty string _id`);
  }
  if (typeof position !== 'bigint' || position < 1n) {
    throw new TypeError(`collection ${write.collection}: ${write.kind} of ${id} needs a positive bigint position`);
  }
}

function assertWellFormedEntry(write: Extract<ReadWrite, { kind: 'position' }>): void {
  const { keys, position, collection } = write;
  for (const key of keys) {
    if (!Array.isArray(key) || key.length === 0 || !key.every(isKeyPart)) {
      throw new TypeError(`collection ${collection}: a position needs keys of non-empty parts without U+001F`);
    }
  }
  if (typeof position !== 'bigint' || position < 1n || position > MAX_LIST_POSITION) {
    throw new TypeError(`collection ${collection}: a position must be a bigint from 1 to 2^53 - 1, got ${String(position)}`);
  }
}

function isKeyPart(part: unknown): boolean {
  return typeof part === 'string' && part !== '' && !part.includes(LIST_KEY_SEPARATOR);
}

/** Position lists keep positions as doubles: exact up to 2^53 (an EventStoreDB log of 9 PB). */
export const MAX_LIST_POSITION = BigInt(Number.MAX_SAFE_INTEGER);
