import { listKeyText, type ListKey } from './read-store.port.js';

/** One list: positions as doubles in a growing typed array (8 bytes an entry, no object per entry). */
interface PositionList {
  items: Float64Array;
  size: number;
}

/** A trie over the parts of list keys: a key's parts are looked up one by one, never joined into a string. */
interface Node {
  list?: PositionList;
  children?: Map<string, Node>;
}

const FIRST_CAPACITY = 4;

/**
 * A `positions` collection in memory: lists of log positions by key, each in increasing order. An entry
 * costs 8 bytes in its list's typed array (grown by doubling), so an index with an entry per event of a
 * long log stays small and gives the garbage collector nothing to trace. Keys are paths (organization,
 * then member…) held in a trie, so adding an entry hashes the parts it names and builds no key string.
 */
export class MemoryPositionLists {
  private readonly root: Node = {};
  private lastFirst: string | undefined;
  private lastFirstNode: Node | undefined;

  /** Appends `position` to each list of `keys` (see `add`); true when any list took it. */
  addAll(keys: readonly ListKey[], position: bigint): boolean {
    let added = false;
    for (const key of keys) if (this.add(key, position)) added = true;
    return added;
  }

  /** Appends `position` unless the list already ends at or past it; true when it did. */
  add(key: ListKey, position: bigint): boolean {
    const value = Number(position);
    const node = this.node(key, true) as Node;
    let list = node.list;
    if (list === undefined) {
      list = { items: new Float64Array(FIRST_CAPACITY), size: 0 };
      node.list = list;
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
  page(key: ListKey, after: bigint | undefined, limit: number): { positions: bigint[]; more: boolean } {
    const list = this.node(key, false)?.list;
    if (list === undefined) return { positions: [], more: false };
    const start = after === undefined ? 0 : firstAfter(list, Number(after));
    const end = Math.min(list.size, start + limit);
    const positions: bigint[] = [];
    for (let i = start; i < end; i += 1) positions.push(BigInt(list.items[i] as number));
    return { positions, more: end < list.size };
  }

  /** Every list in the order of its key's text (see `listKeyText`), for digests. */
  entries(): { key: string[]; positions: number[] }[] {
    const found: { text: string; key: string[]; positions: number[] }[] = [];
    const visit = (node: Node, path: string[]) => {
      if (node.list) found.push({ text: listKeyText(path), key: path, positions: Array.from(node.list.items.subarray(0, node.list.size)) });
      for (const [part, child] of node.children ?? []) visit(child, [...path, part]);
    };
    visit(this.root, []);
    return found.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0)).map(({ key, positions }) => ({ key, positions }));
  }

  private node(key: ListKey, create: boolean): Node | undefined {
    // An event's keys usually share their first part (its organization): remember where it led.
    const first = key[0];
    let node = this.root;
    let i = 0;
    if (first !== undefined && first === this.lastFirst && this.lastFirstNode !== undefined) {
      node = this.lastFirstNode;
      i = 1;
    }
    for (; i < key.length; i += 1) {
      const part = key[i] as string;
      let child = node.children?.get(part);
      if (child === undefined) {
        if (!create) return undefined;
        child = {};
        (node.children ??= new Map()).set(part, child);
      }
      if (i === 0) {
        this.lastFirst = part;
        this.lastFirstNode = child;
      }
      node = child;
    }
    return node;
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
