/**
 * A set of ids that pages them in binary string order from any cursor. Writes are O(1): they
 * wait on the side (an unsorted array of additions, a set of removals) and are merged into the
 * sorted array by the first read after them (O(n + k log k)), so a replay that writes a million
 * ids sorts once, not a million times. Callers add only absent ids and remove only present ones
 * (the index knows which); an id is in `sorted` or `appended` once, and `removed` names some of those.
 */
export class SortedIds {
  private sorted: string[] = [];
  private appended: string[] = [];
  private removed: Set<string> | undefined;

  get size(): number {
    return this.sorted.length + this.appended.length - (this.removed?.size ?? 0);
  }

  add(id: string): void {
    // A removed id still sits in one of the arrays: un-removing it is the whole addition.
    if (this.removed?.delete(id)) return;
    this.appended.push(id);
  }

  remove(id: string): void {
    (this.removed ??= new Set()).add(id);
  }

  /** Up to `limit` ids that sort after `after` (from the first when undefined). */
  page(after: string | undefined, limit: number): string[] {
    const ids = this.all();
    const start = after === undefined ? 0 : firstAfter(ids, after);
    return ids.slice(start, start + limit);
  }

  /** Every id in order. The array is the set's own: do not modify it. */
  all(): readonly string[] {
    if (this.appended.length > 0 || this.removed?.size) this.merge();
    return this.sorted;
  }

  private merge(): void {
    const removed = this.removed;
    const keep = (ids: string[]): string[] => (removed?.size ? ids.filter((id) => !removed.has(id)) : ids);
    // The default sort compares UTF-16 code units, the same order as `<` below.
    const extra = keep(this.appended).sort();
    const kept = keep(this.sorted);
    this.sorted = extra.length === 0 ? kept : mergeSorted(kept, extra);
    this.appended = [];
    this.removed = undefined;
  }
}

function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  const out = new Array<string>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = (a[i] as string) < (b[j] as string) ? (a[i++] as string) : (b[j++] as string);
  while (i < a.length) out[k++] = a[i++] as string;
  while (j < b.length) out[k++] = b[j++] as string;
  return out;
}

/** The index of the first id greater than `after` (binary search). */
function firstAfter(ids: readonly string[], after: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((ids[mid] as string) <= after) low = mid + 1;
    else high = mid;
  }
  return low;
}
