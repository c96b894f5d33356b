// The SQLite log's read-ahead thread (see sqlite-read-ahead.ts). Plain JavaScript: it is started as is by the
// built application, by the TypeScript loader of the scripts and inside the tests alike.
//
// Reads the events after `after` up to `until` a page at a time on its own connection and posts each page as
// columns (positions in a transferred BigInt64Array, streams, types and data as JSON text), at most
// `pagesAhead` pages ahead of what the main thread has taken. Then posts { done: true } and ends.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, after, until, pageSize, pagesAhead } = workerData;
const end = BigInt(until);
let last = BigInt(after);
let credits = pagesAhead;
let finished = false;
let db;
let nextPage;

function pump() {
  try {
    if (db === undefined) {
      db = new Database(path, { readonly: true, fileMustExist: true });
      nextPage = db
        .prepare('SELECT position, stream, type, data FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?')
        .raw()
        .safeIntegers();
    }
    while (credits > 0 && !finished) {
      const rows = nextPage.all(last, end, pageSize);
      if (rows.length === 0) return finish({ done: true });
      const size = rows.length;
      const positions = new BigInt64Array(size);
      const streams = new Array(size);
      const types = new Array(size);
      const data = new Array(size);
      for (let i = 0; i < size; i += 1) {
        const row = rows[i];
        positions[i] = row[0];
        streams[i] = row[1];
        types[i] = row[2];
        data[i] = row[3];
      }
      last = positions[size - 1];
      credits -= 1;
      parentPort.postMessage({ positions, streams, types, data }, [positions.buffer]);
    }
  } catch (error) {
    finish({ error: error instanceof Error ? error.message : String(error) });
  }
}

function finish(message) {
  finished = true;
  db?.close();
  parentPort.postMessage(message);
  parentPort.close();
}

parentPort.on('message', () => {
  credits += 1;
  pump();
});
pump();
