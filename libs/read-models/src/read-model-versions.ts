import type { StoredCheckpoint } from './read-store.port.js';

/** What the runner does with a read model at start, given what the store holds of it (see `ReadModelVersion`). */
export type VersionVerdict =
  /** Nothing stored, or stored at this very version: go on from the checkpoint. */
  | { action: 'resume' }
  /** Stored at an older version, or before versions (`stored: null`): drop it and rebuild it from the log. */
  | { action: 'rebuild'; stored: number | null }
  /** Stored at a newer version (a rollback): leave it alone and fail. */
  | { action: 'refuse'; stored: number };

export function versionVerdict(current: number, stored: StoredCheckpoint | null): VersionVerdict {
  // Nothing stored: the model starts from the beginning and its first commit writes the version.
  if (stored === null || stored.version === current) return { action: 'resume' };
  if (stored.version === null || stored.version < current) return { action: 'rebuild', stored: stored.version };
  return { action: 'refuse', stored: stored.version };
}

/** @throws TypeError unless `version` is a positive integer. */
export function assertReadModelVersion(name: string, version: unknown): void {
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new TypeError(`read model ${name} must declare its shape version as a positive integer, got ${String(version)}`);
  }
}
