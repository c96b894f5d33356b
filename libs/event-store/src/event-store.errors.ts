/**
 * Errors of the embedded adapters that the port does not name. The port's
 * `WrongExpectedVersionError` and `StreamNotFoundError` stay the only errors callers branch on.
 */

/** The database file failed its integrity check at open: start-up must stop, nothing is written. */
export class EventStoreCorruptedError extends Error {
  readonly code = 'EVENT_STORE_CORRUPTED';
  constructor(
    readonly path: string,
    /** What SQLite reported (quick_check lines or the open error). */
    readonly problems: readonly string[],
  ) {
    super(
      `The event log ${path} is damaged (${problems.slice(0, 3).join('; ')}). ` +
        'Start-up stopped so that nothing more is written to it. Stop every process that uses the file, ' +
        'keep a copy of it (with its -wal and -shm files), then restore the latest backup, or try ' +
        `\`sqlite3 ${path} ".recover"\` into a new file and check it with \`PRAGMA integrity_check\`.`,
    );
    this.name = 'EventStoreCorruptedError';
  }
}

/** An operation on a store after `close()`. */
export class EventStoreClosedError extends Error {
  readonly code = 'EVENT_STORE_CLOSED';
  constructor() {
    super('the event store is closed');
    this.name = 'EventStoreClosedError';
  }
}
