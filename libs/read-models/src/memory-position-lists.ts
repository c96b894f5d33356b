import { assertWellFormedEntry, assertWellFormedEntryOf, assertWellFormedWhere, declaredTags } from './read-write.checks.js';
import type { PositionsDigest } from './position-digest.js';
import type { CollectionDefinition, PositionWrite } from './read-store.port.js';

/** One list as columns in growing typed arrays: entry i is `positions[i]` with tag t coded `tags[t][i]`. */
interface TaggedList {
  positions: Float64Array;
  /** Per declared tag, the interned code of each entry's value; -1 when the entry has none. */
  tags: Int32Array[];
  size: number;
}

/** Tag values, each given a code once (the same value in any list and under any tag has the same code). */
interface TagValues {
  codes: Map<string, number>;
  values: string[];
}

const FIRST_CAPACITY = 4;
const ABSENT = -1;

/**
 * A `positions` collection in memory: per list, its entries in position order as columns of typed arrays —
 * 8 bytes for the position and 4 per declared tag (its value interned once per collection), grown by
 * doubling. Appending an entry looks up its list and each tag value in a Map and stores numbers (a value equal to
 * the previous tag's, as an actor acting on themself, reuses its code): no object per entry, so an index with an entry per event of a long log stays small and gives the garbage collector
 * nothing to trace. A filtered page scans the list's tag columns from the cursor on.
 */
export class MemoryPositionLists {
  private readonly name: string;
  private readonly tags: readonly string[];
  /** Tag name → its column. */
  private readonly columns: Map<string, number>;
  private readonly values: TagValues = { codes: new Map(), values: [] };
  private readonly lists = new Map<string, TaggedList>();
  // Consecutive events mostly land in the same list (one organization's): remember the last one.
  private lastName: string | undefined;
  private lastList: TaggedList | undefined;

  constructor(definition: CollectionDefinition) {
    this.name = definition.name;
    this.tags = [...declaredTags(definition)];
    this.columns = new Map(this.tags.map((tag, column) => [tag, column]));
  }

  /** Declared again: the same tags, or a TypeError. */
  assertSameTags(definition: CollectionDefinition): void {
    const tags = declaredTags(definition);
    if (tags.length !== this.tags.length || tags.some((tag, i) => tag !== this.tags[i])) {
      throw new TypeError(`collection ${this.name} was declared with the tags ${this.tags.join(', ')}, not ${tags.join(', ')}`);
    }
  }

  check(write: PositionWrite): void {
    assertWellFormedEntry(write, this.columns);
  }

  /** Appends the entry unless its list already ends at or past its position; true when it did. */
  add(write: PositionWrite): boolean {
    return this.append(write.list, write.position, write.tags);
  }

  /** `check` and `add` of an entry given as its parts, for entries applied one by one (`MemoryReadStore.applyEntries`). */
  checkAndAppend(name: unknown, position: unknown, tags: unknown): boolean {
    assertWellFormedEntryOf(this.name, name, position, tags, this.columns);
    return this.append(name as string, position as bigint, tags);
  }

  private append(name: string, position: bigint, tags: Readonly<Record<string, string | undefined>>): boolean {
    const value = Number(position);
    const list = this.list(name);
    const size = list.size;
    if (size > 0 && (list.positions[size - 1] as number) >= value) return false;
    if (size === list.positions.length) grow(list);
    list.positions[size] = value;
    let previous: string | undefined;
    let previousCode = ABSENT;
    for (let column = 0; column < this.tags.length; column += 1) {
      const tag = tags[this.tags[column] as string];
      let code = ABSENT;
      if (tag === previous) code = previousCode;
      else if (tag !== undefined) {
        code = this.code(tag);
        previous = tag;
        previousCode = code;
      }
      (list.tags[column] as Int32Array)[size] = code;
    }
    list.size = size + 1;
    return true;
  }

  /** Up to `limit` positions of the list after `after` whose entries have every `where` tag, and whether more follow. */
  page(name: string, after: bigint | undefined, limit: number, where: Readonly<Record<string, string | undefined>> = {}): { positions: bigint[]; more: boolean } {
    assertWellFormedWhere(this.name, where, this.columns);
    const list = this.lists.get(name);
    const wanted = this.wanted(where);
    if (list === undefined || wanted === undefined) return { positions: [], more: false };
    const positions: bigint[] = [];
    for (let i = after === undefined ? 0 : firstAfter(list, Number(after)); i < list.size; i += 1) {
      if (!wanted.every(([column, code]) => (list.tags[column] as Int32Array)[i] === code)) continue;
      if (positions.length === limit) return { positions, more: true };
      positions.push(BigInt(list.positions[i] as number));
    }
    return { positions, more: false };
  }

  /** Feeds every list to `digest`, in binary string order. */
  digestInto(digest: PositionsDigest): void {
    const valueOf = (_column: number, code: number) => this.values.values[code] as string;
    for (const name of [...this.lists.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { positions, tags, size } = this.lists.get(name) as TaggedList;
      digest.addList(name, positions.subarray(0, size), tags.map((column) => column.subarray(0, size)), valueOf);
    }
    digest.finish();
  }

  get tagNames(): readonly string[] {
    return this.tags;
  }

  private list(name: string): TaggedList {
    if (name === this.lastName) return this.lastList as TaggedList;
    let list = this.lists.get(name);
    if (list === undefined) {
      list = { positions: new Float64Array(FIRST_CAPACITY), tags: this.tags.map(() => new Int32Array(FIRST_CAPACITY)), size: 0 };
      this.lists.set(name, list);
    }
    this.lastName = name;
    this.lastList = list;
    return list;
  }

  private code(value: string): number {
    const tag = this.values;
    let code = tag.codes.get(value);
    if (code === undefined) {
      code = tag.values.length;
      tag.codes.set(value, code);
      tag.values.push(value);
    }
    return code;
  }

  /** The `where` as (column, code) pairs; undefined when a value was never stored, so nothing can match. */
  private wanted(where: Readonly<Record<string, string | undefined>>): [number, number][] | undefined {
    const wanted: [number, number][] = [];
    for (const [tag, value] of Object.entries(where)) {
      if (value === undefined) continue;
      const column = this.columns.get(tag) as number;
      const code = this.values.codes.get(value);
      if (code === undefined) return undefined;
      wanted.push([column, code]);
    }
    return wanted;
  }
}

function grow(list: TaggedList): void {
  const capacity = list.positions.length * 2;
  const positions = new Float64Array(capacity);
  positions.set(list.positions);
  list.positions = positions;
  list.tags = list.tags.map((column) => {
    const grown = new Int32Array(capacity);
    grown.set(column);
    return grown;
  });
}

function firstAfter(list: TaggedList, after: number): number {
  let low = 0;
  let high = list.size;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list.positions[mid] as number) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}
