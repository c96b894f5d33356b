/** One list: positions as doubles in a growing typed array (8 bytes an entry, no object per entry). */
interface PositionList {
  items: Float64Array;
  size: number;
}

const FIRST_CAPACITY = 4;

/**
 * A `positions` collection in memory: lists of log positions by key, each in increasing order. An entry
 * costs 8 bytes in its list's typed array (grown by doubling), so an index with an entry per event of a
 * long log stays small and adds nothing for the garbage collector to trace.
 */
export class MemoryPositionLists {
  private readonly lists = new Map<string, PositionList>();

  /** Appends `position` unless the list already ends at or past it; true when it did. */
  add(key: string, position: bigint): boolean {
    const value = Number(position);
    let list = this.lists.get(key);
    if (list === undefined) {
      list = { items: new Float64Array(FIRST_CAPACITY), size: 0 };
      this.lists.set(key, list);
    } else if (list.size > 0 && (list.items[list.size - 1] as number) >= value) {
      return false;
    }
    if (list.size === list.items.length) {
      const grown = new Float64Array(list.items.length * 2);
      grown.set(list.items);
      list.items = grown;
    }
    list.items[list.size] = value;
    list.size += 1;
    return true;
  }

  /** Up to `limit` positions of the list after `after`, and whether more follow. */
  page(key: string, after: bigint | undefined, limit: number): { positions: bigint[]; more: boolean } {
    const list = this.lists.get(key);
    if (list === undefined) return { positions: [], more: false };
    const start = after === undefined ? 0 : firstAfter(list, Number(after));
    const end = Math.min(list.size, start + limit);
    const positions: bigint[] = [];
    for (let i = start; i < end; i += 1) positions.push(BigInt(list.items[i] as number));
    return { positions, more: end < list.size };
  }

  /** Every list in key order (binary string order), for digests. */
  *entries(): Generator<{ key: string; positions: number[] }> {
    for (const key of [...this.lists.keys()].sort()) {
      const list = this.lists.get(key) as PositionList;
      yield { key, positions: Array.from(list.items.subarray(0, list.size)) };
    }
  }
}

function firstAfter(list: PositionList, after: number): number {
  let low = 0;
  let high = list.size;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((list.items[mid] as number) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}
