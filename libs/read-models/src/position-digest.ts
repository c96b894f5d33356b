/**
 * How a `positions` collection is digested, alike in every adapter: one document per list, in binary string
 * order of the lists, `{ list, tags, entries }` — `tags` the declared tag names, `entries` one line per entry
 * in position order: the position, then each tag's value as JSON (`null` when absent), tab-separated. A line
 * per entry rather than an object keeps digesting a long log cheap; JSON-encoded values hold no raw tab or
 * newline, so lines cannot run into each other.
 */
export interface ListDigest {
  list: string;
  tags: readonly string[];
  entries: string;
}

/** One entry's line; `tagJson` holds each declared tag's value as `JSON.stringify` gives it, or `null`. */
export function entryLine(position: number, tagJson: readonly string[]): string {
  return `${position}\t${tagJson.join('\t')}`;
}

export function listDigest(list: string, tags: readonly string[], lines: readonly string[]): ListDigest {
  return { list, tags, entries: lines.join('\n') };
}

/** A tag value as a digest line holds it. */
export function tagJson(value: string | undefined): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}
