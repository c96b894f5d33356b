import type { DocumentDigest } from './document-digest.js';

/**
 * How a `positions` collection is digested, alike in every adapter: per list in binary string order, one
 * document `{ list, positions, tags }` — its entries in position order, the positions comma-separated, and per
 * declared tag its entries' value codes comma-separated (-1 when absent) — then one `{ values }` document: per
 * tag, the value of each code. Codes are numbered in the order values first appear in that walk, so they
 * depend only on what the lists hold, not on how an adapter stores them; numbers instead of values per entry
 * keep digesting a long log cheap.
 */
export class PositionsDigest {
  /** Per tag, the adapter's code of a value → its digest code. */
  private readonly remaps: Map<number, number>[];
  private readonly values: string[][];

  constructor(
    private readonly digest: DocumentDigest,
    private readonly tags: readonly string[],
  ) {
    this.remaps = tags.map(() => new Map());
    this.values = tags.map(() => []);
  }

  /**
   * One list, lists in binary string order: its entries' positions (in increasing order), and per tag the
   * adapter's code of each entry's value (-1 when absent), `valueOf` telling a code's value.
   */
  addList(list: string, positions: Float64Array | readonly number[], columns: readonly (Int32Array | readonly number[])[], valueOf: (column: number, code: number) => string): void {
    const size = positions.length;
    const tags: Record<string, string> = {};
    this.tags.forEach((tag, column) => {
      const codes = columns[column] as Int32Array | readonly number[];
      const remap = this.remaps[column] as Map<number, number>;
      const values = this.values[column] as string[];
      const digestCodes = new Int32Array(size);
      for (let i = 0; i < size; i += 1) {
        const code = codes[i] as number;
        if (code < 0) {
          digestCodes[i] = -1;
          continue;
        }
        let digestCode = remap.get(code);
        if (digestCode === undefined) {
          digestCode = values.length;
          values.push(valueOf(column, code));
          remap.set(code, digestCode);
        }
        digestCodes[i] = digestCode;
      }
      tags[tag] = digestCodes.join(',');
    });
    this.digest.add({ list, positions: positions.join(','), tags });
  }

  /** After the last list: the values behind the codes. */
  finish(): void {
    this.digest.add({ values: Object.fromEntries(this.tags.map((tag, column) => [tag, this.values[column]])) });
  }
}
