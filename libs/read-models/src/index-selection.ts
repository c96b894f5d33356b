import { NoIndexForFilterError } from './read-models.errors.js';
import type { IndexDefinition, IndexFilter } from './read-store.port.js';

/**
 * The declared index a filter uses: the one on exactly the filter's fields, in any order;
 * undefined for `{}` (the whole collection, in `_id` order). Every adapter picks the same way,
 * so a query that works on one works on all.
 * @throws NoIndexForFilterError when no index fits.
 */
export function indexForFilter(
  collection: string,
  indexes: readonly IndexDefinition[],
  filter: IndexFilter,
): IndexDefinition | undefined {
  const fields = Object.keys(filter);
  if (fields.length === 0) return undefined;
  const wanted = fieldSet(fields);
  const index = indexes.find((candidate) => fieldSet(candidate.fields) === wanted);
  if (index === undefined) throw new NoIndexForFilterError(collection, fields);
  return index;
}

/** Throws when `name` is already declared on other fields (a changed projection must rename its index). */
export function assertSameIndex(collection: string, existing: IndexDefinition, wanted: IndexDefinition): void {
  if (existing.fields.join('\u0000') !== wanted.fields.join('\u0000')) {
    throw new Error(`collection ${collection}: index ${wanted.name} is already declared on other fields`);
  }
}

function fieldSet(fields: readonly string[]): string {
  return [...fields].sort().join('\u0000');
}
