import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { By } from '@behorighet/domain';
import type { AccessIntervalRow } from './access-history.reader.js';

export type ExportFormat = 'csv' | 'jsonl';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** The columns of the compliance export (R-READ-4), in order; the CSV header names them. */
export const EXPORT_COLUMNS = ['member', 'service', 'role', 'from', 'to', 'granted_by', 'ended_by', 'reason'] as const;

/** One line of the JSON Lines export: who had what, from when to when, granted and ended by whom, and why it ended. */
export interface ExportRecord {
  member: string;
  service: string | null;
  role: string | null;
  from: string;
  /** Null while the access still holds. */
  to: string | null;
  grantedBy: By;
  endedBy: By | null;
  /** Why it ended (GRANT_EXPIRED, GRANT_REVOKED, EMPLOYMENT_ENDED, ORGANIZATION_HEADLESS…); null while it holds. */
  reason: string | null;
}

export function exportRecord(row: AccessIntervalRow): ExportRecord {
  const { memberId, service, role, from, to, grantedBy, endedBy, reason } = row;
  return { member: memberId, service, role, from, to, grantedBy, endedBy, reason };
}

/** An actor in one CSV cell: `member:<id>`, `operator:<subject>`, `subject:<subject>` or `system:<job>`. */
export function describeBy(by: By | null): string {
  if (!by) return '';
  if (by.memberId !== undefined) return `member:${by.memberId}`;
  if (by.system !== undefined) return `system:${by.system}`;
  if (by.subject !== undefined) return `${by.operator ? 'operator' : 'subject'}:${by.subject}`;
  return '';
}

/** One CSV line's cells, in EXPORT_COLUMNS order (straight from the row: no ExportRecord in between). */
function csvRecord(row: AccessIntervalRow): string[] {
  return [row.memberId, row.service ?? '', row.role ?? '', row.from, row.to ?? '', describeBy(row.grantedBy), describeBy(row.endedBy), row.reason ?? ''];
}

/**
 * The rows as a byte stream in the chosen format, produced as the reader asks for more (backpressure),
 * so memory stays flat whatever the number of rows. A failure while streaming destroys the stream (the
 * response ends truncated) and is handed to `onError`.
 */
export function exportStream(rows: AsyncIterable<AccessIntervalRow>, format: ExportFormat, onError: (error: Error) => void): Readable {
  if (format === 'jsonl') {
    const lines = Readable.from(
      (async function* lines() {
        for await (const row of rows) yield `${JSON.stringify(exportRecord(row))}\n`;
      })(),
      { objectMode: false },
    );
    return lines.once('error', onError);
  }
  const csv = stringify({ header: true, columns: [...EXPORT_COLUMNS] });
  const records = Readable.from(
    (async function* records() {
      for await (const row of rows) yield csvRecord(row);
    })(),
  );
  pipeline(records, csv, (error) => {
    if (error) onError(error);
  });
  return csv;
}
