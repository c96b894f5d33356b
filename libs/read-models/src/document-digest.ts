import { createHash, type Hash } from 'node:crypto';

/**
 * One serialization for every adapter: object keys sorted, bigints and numbers that are whole
 * written alike (`5`), dates as ISO strings, `undefined` fields left out. Whole numbers and
 * bigints agree so that MongoDB's int64 read back as a number hashes like the stored bigint.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'object':
      return canonicalObject(value);
    default:
      throw new TypeError(`cannot digest a ${typeof value}`);
  }
}

function canonicalObject(value: object): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${fields.join(',')}}`;
}

/** Feeds documents (already in `_id` order) into a SHA-256, one line each, without holding them all. */
export class DocumentDigest {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  add(document: unknown): void {
    this.hash.update(canonicalJson(document));
    this.hash.update('\n');
    this.count += 1;
  }

  /** `<count>:<sha256 hex>`: the count makes an empty or truncated collection obvious at a glance. */
  finish(): string {
    return `${this.count}:${this.hash.digest('hex')}`;
  }
}
