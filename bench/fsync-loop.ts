import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The durability baseline: one `write` + `fdatasync` per record of `recordBytes` to a file in `dir`, for
 * `seconds`. Answers records/s, the most a store that syncs every record on its own could reach on this disk.
 */
export function fsyncLoop(dir: string, seconds: number, recordBytes: number): number {
  const fd = openSync(join(dir, 'fsync-loop.log'), 'a');
  const record = Buffer.alloc(recordBytes, 'r');
  let count = 0;
  const start = performance.now();
  try {
    while (performance.now() - start < seconds * 1000) {
      writeSync(fd, record);
      fdatasyncSync(fd);
      count += 1;
    }
  } finally {
    closeSync(fd);
  }
  return count / ((performance.now() - start) / 1000);
}
