import { DEFAULT_PAGE_LIMIT } from '@behorighet/read-models';

/** A list answer (API.md): one page of items and the cursor of the next page, null on the last. */
export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Pages a list computed in memory: sorted by `key`, the cursor is the last item's key (base64url, opaque to
 * clients), so a page never repeats or skips an item that keeps its key between requests.
 */
export function pageOf<T>(items: readonly T[], key: (item: T) => string, request: { limit?: number; cursor?: string }): Paged<T> {
  const limit = request.limit ?? DEFAULT_PAGE_LIMIT;
  const after = request.cursor === undefined ? undefined : Buffer.from(request.cursor, 'base64url').toString('utf8');
  const sorted = items.map((item) => ({ item, key: key(item) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rest = after === undefined ? sorted : sorted.filter((entry) => entry.key > after);
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((entry) => entry.item),
    nextCursor: rest.length > limit && last ? Buffer.from(last.key, 'utf8').toString('base64url') : null,
  };
}
