/**
 * A set of ids that pages them in binary string order from any cursor. Writes are O(1): they
 * wait in small side sets and are merged into the sorted array by the first read after them
 * (O(n + k log k)), so a replay that writes a million ids sorts once, not a million times.
 * Callers add only absent ids and remove only present ones (the index knows which).
 */
export class SortedIds {
  private sorted: string[] = [];
  private added: Set<string> | undefined;
  private removed: Set<string> | undefined;

  get size(): number {
    return this.sorted.length + (this.added?.size ?? 0) - (this.removed?.size ?? 0);
  }

  add(id: string): void {
    if (this.removed?.delete(id)) return;
    (this.added ??= new Set()).add(id);
  }

  remove(id: string): void {
    if (this.added?.delete(id)) return;
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
    if (this.added?.size || this.removed?.size) this.merge();
    return this.sorted;
  }

  private merge(): void {
    const removed = this.removed;
    const kept = removed?.size ? this.sorted.filter((id) => !removed.has(id)) : this.sorted;
    // The default sort compares UTF-16 code units, the same order as `<` below.
    const extra = this.added?.size ? [...this.added].sort() : [];
    this.sorted = extra.length === 0 ? kept : mergeSorted(kept, extra);
    this.added = undefined;
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
