import type { IndexDefinition, IndexFilter, IndexValue, ReadDocument } from './read-store.port.js';
import { SortedIds } from './sorted-ids.js';

/** The ids under one key: a bare string while there is one (most keys of a selective index), sorted ids past that. */
type Bucket = string | SortedIds;
/** One level per indexed field: the last level holds buckets. */
type Level = Map<IndexValue, Level | Bucket>;

/**
 * An equality index: key → ids in `_id` order. A compound key is a path of nested maps, one per field, so
 * that no key string is built (and hashed) per document write: the field values themselves, which the
 * documents already hold, are the map keys. A key that holds one id keeps the bare string, so a unique-ish
 * index over a million documents costs one Map entry each, not a set each.
 */
export class MemoryIndex {
  private readonly root: Level = new Map();
  private readonly fields: readonly string[];

  constructor(readonly definition: IndexDefinition) {
    this.fields = definition.fields;
  }

  /** Throws when an indexed field of the document is not a scalar (what `add` would throw). */
  check(document: ReadDocument): void {
    for (const field of this.fields) this.value(document, field);
  }

  add(document: ReadDocument, id: string): void {
    const level = this.leafLevel(document);
    const last = this.value(document, this.fields[this.fields.length - 1] as string);
    const bucket = level.get(last) as Bucket | undefined;
    if (bucket === undefined) {
      level.set(last, id);
    } else if (typeof bucket === 'string') {
      const ids = new SortedIds();
      ids.add(bucket);
      ids.add(id);
      level.set(last, ids);
    } else {
      bucket.add(id);
    }
  }

  remove(document: ReadDocument, id: string): void {
    // The levels on the document's path, so that one left empty is dropped from its parent (no empty maps linger).
    const path: Level[] = [this.root];
    for (let i = 0; i < this.fields.length - 1; i += 1) {
      const next = (path[i] as Level).get(this.value(document, this.fields[i] as string)) as Level | undefined;
      if (next === undefined) return;
      path.push(next);
    }
    const level = path[path.length - 1] as Level;
    const last = this.value(document, this.fields[this.fields.length - 1] as string);
    const bucket = level.get(last) as Bucket | undefined;
    if (bucket === undefined || bucket === id) {
      level.delete(last);
    } else if (typeof bucket !== 'string') {
      bucket.remove(id);
      if (bucket.size === 0) level.delete(last);
    }
    for (let i = path.length - 1; i > 0 && (path[i] as Level).size === 0; i -= 1) {
      (path[i - 1] as Level).delete(this.value(document, this.fields[i - 1] as string));
    }
  }

  /** True when no document is indexed. */
  get empty(): boolean {
    return this.root.size === 0;
  }

  /** Moves `id` from the key of `before` to the key of `after` (either may be absent). */
  move(id: string, before: ReadDocument | undefined, after: ReadDocument | undefined): void {
    if (before !== undefined && after !== undefined && this.sameKey(before, after)) return;
    if (before !== undefined) this.remove(before, id);
    if (after !== undefined) this.add(after, id);
  }

  page(filter: IndexFilter, after: string | undefined, limit: number): string[] {
    let level: Level | Bucket | undefined = this.root;
    for (const field of this.fields) {
      if (level === undefined || typeof level === 'string' || level instanceof SortedIds) return [];
      level = level.get(scalar(filter[field], this.definition.name, 'filter'));
    }
    const bucket = level as Bucket | undefined;
    if (bucket === undefined) return [];
    if (typeof bucket !== 'string') return bucket.page(after, limit);
    return (after === undefined || bucket > after) && limit > 0 ? [bucket] : [];
  }

  private sameKey(a: ReadDocument, b: ReadDocument): boolean {
    for (const field of this.fields) if (this.value(a, field) !== this.value(b, field)) return false;
    return true;
  }

  /** The map that holds the document's bucket (created on the way). */
  private leafLevel(document: ReadDocument): Level {
    let level = this.root;
    for (let i = 0; i < this.fields.length - 1; i += 1) {
      const value = this.value(document, this.fields[i] as string);
      let next = level.get(value) as Level | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    return level;
  }

  private value(document: ReadDocument, field: string): IndexValue {
    return scalar((document as unknown as Record<string, unknown>)[field], this.definition.name, 'document');
  }
}

function scalar(value: unknown, index: string, what: string): IndexValue {
  if (value === undefined || value === null) return null;
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean') return value as IndexValue;
  throw new TypeError(`index ${index}: a ${what} field holds a ${Array.isArray(value) ? 'array' : type}, not a scalar`);
}
