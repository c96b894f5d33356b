import type { By } from '@behorighet/domain';
import type { EventStore } from '@behorighet/event-store';
import type { ReadStore } from '@behorighet/read-models';
import { AUDIT, auditEntryOf, type AuditEntry } from './audit.projection.js';

/** One line of the audit history (API.md): who, when, what, about whom, and its log position. */
export interface AuditItem {
  type: string;
  occurredAt: string | null;
  actor: By | null;
  subject: string | null;
  data: Readonly<Record<string, unknown>>;
  position: string;
}

/** A page of the audit history (API.md list answer); `nextCursor` is null on the last page. */
export interface AuditPage {
  items: AuditItem[];
  nextCursor: string | null;
}

export interface AuditQuery {
  /** The member the events are about. */
  memberId?: string;
  /** The acting member's id, an operator's subject, or `system:<job>`. */
  actor?: string;
  type?: string;
  /** Events that occurred in [from, to) (epoch ms). */
  from?: number;
  to?: number;
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
  /** Entries the caller may see (an administrator's scope); all when absent. */
  visible?(entry: AuditEntry): boolean;
  /** Entries looked at per request at most (default 10,000); past it the page ends early, with a cursor to go on from. */
  scanBudget?: number;
}

const SCAN_BUDGET = 10_000;
const SCAN_PAGE = 500;

/**
 * R-READ-2: one page of an organization's audit history, oldest first (log order). The organization's list
 * is read in position order, filtered by the entries' tags (member, actor, type), its events are read from
 * the log, and every condition is checked again on the way (the period and the caller's scope only there);
 * the cursor is the position of the last entry looked at. New events
 * only ever get higher positions, so paging never skips or repeats an entry while the log grows.
 */
export async function auditPage(store: ReadStore, events: EventStore, organizationId: string, query: AuditQuery): Promise<AuditPage> {
  const where = { member: query.memberId, actor: query.actor, type: query.type };
  const budget = query.scanBudget ?? SCAN_BUDGET;
  const pageSize = listAnswers(query) ? query.limit + 1 : SCAN_PAGE;
  const items: AuditItem[] = [];
  let after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  let scanned = 0;
  for (;;) {
    const page = await store.positions(AUDIT, organizationId, { after, where, limit: Math.min(pageSize, budget - scanned + 1) });
    for (const event of await events.readLogAt(page.positions)) {
      if (scanned >= budget) return { items, nextCursor: encodeCursor(after as bigint) };
      scanned += 1;
      after = event.position;
      const entry = auditEntryOf(event);
      if (!matches(entry, organizationId, query)) continue;
      items.push(itemOf(entry));
      // One match more than asked says whether another page follows.
      if (items.length > query.limit) return { items: items.slice(0, query.limit), nextCursor: encodeCursor(BigInt((items[query.limit - 1] as AuditItem).position)) };
    }
    if (page.nextCursor === null) return { items, nextCursor: null };
  }
}

/** True when the list's tags answer the whole query: then one entry more than asked is all a page needs to read. */
function listAnswers(query: AuditQuery): boolean {
  return query.from === undefined && query.to === undefined && query.visible === undefined;
}

function matches(entry: AuditEntry, organizationId: string, query: AuditQuery): boolean {
  // The list is the organization's and its tags the filters; checked again all the same, as no other tenant's entry may show (R-SEC-2).
  if (entry.organizationId !== organizationId) return false;
  if (query.memberId !== undefined && entry.subject !== query.memberId) return false;
  if (query.actor !== undefined && entry.actorId !== query.actor) return false;
  if (query.type !== undefined && entry.type !== query.type) return false;
  if (query.from !== undefined || query.to !== undefined) {
    const at = entry.occurredAt === null ? Number.NaN : Date.parse(entry.occurredAt);
    if (query.from !== undefined && !(at >= query.from)) return false;
    if (query.to !== undefined && !(at < query.to)) return false;
  }
  return query.visible === undefined || query.visible(entry);
}

function itemOf(entry: AuditEntry): AuditItem {
  const { type, occurredAt, actor, subject, data } = entry;
  return { type, occurredAt, actor, subject, data, position: String(entry.position) };
}

/** A cursor names a log position (20 digits, base64url), as cursors always have. */
function encodeCursor(position: bigint): string {
  return Buffer.from(position.toString().padStart(20, '0'), 'utf8').toString('base64url');
}

/** The position a cursor names; a cursor that no page answered is refused. */
export function decodeCursor(cursor: string): bigint {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{20}$/.test(id)) throw new InvalidCursorError();
  return BigInt(id);
}

export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this query answered');
    this.name = 'InvalidCursorError';
  }
}
