/** Errors of the read side, each with a stable `code`. */

/** A query asked for a read model position that was not reached in time (API: 503). */
export class ReadTimeoutError extends Error {
  readonly code = 'READ_TIMEOUT';
  constructor(
    readonly projection: string,
    readonly wanted: bigint,
    readonly reached: bigint,
    readonly timeoutMs: number,
  ) {
    super(`read model ${projection} did not reach position ${wanted} within ${timeoutMs} ms (at ${reached})`);
    this.name = 'ReadTimeoutError';
  }
}

/** A projection threw (or its store failed); the runner stopped at `eventPosition` and waits for a fix. */
export class ProjectionFailedError extends Error {
  readonly code = 'PROJECTION_FAILED';
  constructor(
    readonly projection: string,
    /** The event being applied, when the failure was in the projection. */
    readonly eventPosition: bigint | undefined,
    readonly eventType: string | undefined,
    options: { cause: unknown },
  ) {
    const at = eventPosition === undefined ? '' : ` at event ${eventPosition} (${eventType})`;
    super(`projection ${projection} failed${at}: ${describe(options.cause)}`, options);
    this.name = 'ProjectionFailedError';
  }
}

/**
 * The store holds a read model of a newer shape than this release writes (a rollback): the runner does not drop it,
 * since the release that wrote it may come back; that model stays failed until one of them is deployed.
 */
export class ReadModelVersionError extends Error {
  readonly code = 'READ_MODEL_NEWER';
  constructor(
    readonly projection: string,
    readonly stored: number,
    readonly current: number,
  ) {
    super(
      `stored shape version ${stored} is newer than this release's ${current} (a rollback?): not rebuilding it, which would drop what a newer release wrote; ` +
        `deploy a release with version ${stored} or later, or reset the read model ${projection} by hand to rebuild it at version ${current}`,
    );
    this.name = 'ReadModelVersionError';
  }
}

/** The runner was stopped while a caller waited for it. */
export class ProjectionStoppedError extends Error {
  readonly code = 'PROJECTION_STOPPED';
  constructor(readonly projection: string) {
    super(`projection ${projection} is stopped`);
    this.name = 'ProjectionStoppedError';
  }
}

/** A query whose filter matches no declared index (queries never scan a collection). */
export class NoIndexForFilterError extends Error {
  readonly code = 'NO_INDEX_FOR_FILTER';
  constructor(
    readonly collection: string,
    readonly fields: readonly string[],
  ) {
    super(`collection ${collection} has no index on exactly [${fields.join(', ')}]`);
    this.name = 'NoIndexForFilterError';
  }
}

/** A write or query names a collection that was never declared. */
export class UnknownCollectionError extends Error {
  readonly code = 'UNKNOWN_COLLECTION';
  constructor(readonly collection: string) {
    super(`collection ${collection} is not declared`);
    this.name = 'UnknownCollectionError';
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
