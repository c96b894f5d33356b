import type { IndexDefinition, IndexFilter, IndexValue, ReadDocument } from './read-store.port.js';
import { SortedIds } from './sorted-ids.js';

/** A single-field index keys by the raw value (no allocation); a compound one by the JSON of its values. */
type IndexKey = IndexValue;

/**
 * An equality index: key → ids in `_id` order. A key that holds one id keeps the bare string,
 * so a unique-ish index over a million documents costs one Map entry each, not a set each.
 */
export class MemoryIndex {
  private readonly buckets = new Map<IndexKey, string | SortedIds>();

  constructor(readonly definition: IndexDefinition) {}

  /** The key of a document; throws when an indexed field is not a scalar. */
  keyOf(document: ReadDocument): IndexKey {
    return this.key((field) => (document as unknown as Record<string, unknown>)[field], 'document');
  }

  keyOfFilter(filter: IndexFilter): IndexKey {
    return this.key((field) => filter[field], 'filter');
  }

  add(key: IndexKey, id: string): void {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) {
      this.buckets.set(key, id);
    } else if (typeof bucket === 'string') {
      const ids = new SortedIds();
      ids.add(bucket);
      ids.add(id);
      this.buckets.set(key, ids);
    } else {
      bucket.add(id);
    }
  }

  remove(key: IndexKey, id: string): void {
    const bucket = this.buckets.get(key);
    if (bucket === undefined || bucket === id) {
      this.buckets.delete(key);
    } else if (typeof bucket !== 'string') {
      bucket.remove(id);
      if (bucket.size === 0) this.buckets.delete(key);
    }
  }

  /** Moves `id` from the key of `before` to the key of `after` (either may be absent). */
  move(id: string, before: ReadDocument | undefined, after: ReadDocument | undefined): void {
    const from = before === undefined ? undefined : this.keyOf(before);
    const to = after === undefined ? undefined : this.keyOf(after);
    if (before !== undefined && after !== undefined && from === to) return;
    if (before !== undefined) this.remove(from as IndexKey, id);
    if (after !== undefined) this.add(to as IndexKey, id);
  }

  page(key: IndexKey, after: string | undefined, limit: number): string[] {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return [];
    if (typeof bucket !== 'string') return bucket.page(after, limit);
    return (after === undefined || bucket > after) && limit > 0 ? [bucket] : [];
  }

  private key(read: (field: string) => unknown, what: string): IndexKey {
    const { fields, name } = this.definition;
    if (fields.length === 1) return scalar(read(fields[0] as string), name, what);
    return JSON.stringify(fields.map((field) => scalar(read(field), name, what)));
  }
}

function scalar(value: unknown, index: string, what: string): IndexValue {
  if (value === undefined || value === null) return null;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value as IndexValue;
  throw new TypeError(`index ${index}: a ${what} field holds a ${Array.isArray(value) ? 'array' : type}, not a scalar`);
}
