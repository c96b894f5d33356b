import type { By, MemberEvent } from '@behorighet/domain';
import { appendedAmortized, ByteWriter, joined } from './grant-bytes.js';
import { NameTable, idSlot, lastSlot, writeId, writeInstant, writeValue } from './grant-names.js';
import { actorForm, targetForm } from './grant-values.js';

/**
 * One organization's grant events, compact: about 35 bytes a grant where the domain's `Grant` objects
 * took ~1,800 (a grant history is mostly ended grants, and all of them are kept). Plain strings and a
 * number, so any read store holds it. Decoded by grant-decoding.ts into the `Grant` objects
 * `evolveMember` folds from the same events.
 *
 * `records` holds one record per event, in log order. Its first byte is the kind (low two bits) and flags;
 * then varints: a grant by its index in `grantIds`, a member by its index in `memberIds`, values (target,
 * actor, cause, reason, employer codes, package) by their index in `names` (in the forms of
 * grant-values.ts), instants as distances:
 * the event's own instant from the previous record's (`lastAt`), the others from it.
 *
 *   issued    kind 0 | 4 validFrom is occurredAt | 8 employer codes | 16 package;
 *             member, target, occurredAt, [validFrom], validUntil (from validFrom), by, [codes], [package]
 *   extended  kind 1; grant, occurredAt, validUntil, by
 *   revoked   kind 2 | 4 reason; grant, occurredAt, by, cause, [reason]
 *   expired   kind 3; grant, occurredAt
 *
 * Past its inline threshold (`INLINE_FROM` grants in `grantIds`), a log stops growing `grantIds` and
 * `memberIds`: its records carry flag 32 and name grants and members by their ids themselves (`writeId`:
 * the 16 UUID bytes), an issued record its member then its grant, and actors name their member by id. Finding
 * an index costs a search of those strings (and V8 a flat copy of them) per event; an id written inline
 * costs none, so appending to a large organization's log takes the same time whatever its size. Its
 * `records` grow by `appendedAmortized`. Below the threshold (nearly every organization) ids are kept once
 * and named by small indexes, the smaller form.
 */
export interface GrantLog {
  /** 16 bytes a grant (its UUID), in issue order, up to the inline threshold: a grant's index. */
  readonly grantIds: string;
  /** 16 bytes a member that has held a grant here or acted on one (up to the inline threshold). */
  readonly memberIds: string;
  readonly names: string;
  readonly records: string;
  /** The epoch ms the last record's instant is counted from. */
  readonly lastAt: number;
}

export const EMPTY_GRANT_LOG: GrantLog = { grantIds: '', memberIds: '', names: '', records: '', lastAt: 0 };

/** How many grants a log names by index before its records name them inline. */
export const INLINE_FROM = 1024;

/** A record's kind: the low two bits of its first byte. */
export const RecordKind = { Issued: 0, Extended: 1, Revoked: 2, Expired: 3 } as const;

/** The flags of a record's first byte (per kind, but `Inline` for all). */
export const RecordFlag = { FromIsOccurred: 4, EmployerCodes: 8, Package: 16, Reason: 4, Inline: 32 } as const;

/**
 * The log with `event` appended; the same log when the event changes no grant the log knows (as
 * `evolveMember` ignores it; past the inline threshold, a record about an unknown UUID is written and
 * decodes as nothing). Pure: `log` is not changed. `inlineFrom` lowers the threshold for tests.
 */
export function appendGrantEvent(log: GrantLog, event: MemberEvent, inlineFrom = INLINE_FROM): GrantLog {
  const next = new NextLog(log, log.grantIds.length >= inlineFrom * 16);
  const { w, names } = next;
  const d = event.data;
  if (event.type === 'GrantIssued') {
    const e = event.data;
    const target = e.service !== undefined ? { service: e.service } : { role: e.role };
    const fromIsOccurred = e.validFrom === d.occurredAt;
    next.issued(
      RecordKind.Issued | (fromIsOccurred ? RecordFlag.FromIsOccurred : 0) | (e.employerCodes !== undefined ? RecordFlag.EmployerCodes : 0) | (e.package !== undefined ? RecordFlag.Package : 0),
      e.memberId,
      e.grantId,
    );
    w.varint(names.intern(targetForm(target)));
    const at = writeInstant(w, names, d.occurredAt, log.lastAt);
    const from = fromIsOccurred ? at : writeInstant(w, names, e.validFrom, at);
    writeInstant(w, names, e.validUntil, from);
    next.actor(d.by);
    if (e.employerCodes !== undefined) w.varint(names.intern(e.employerCodes));
    if (e.package !== undefined) w.varint(names.intern(e.package));
    return next.done(at);
  }
  if (event.type === 'GrantExtended') {
    if (!next.about(RecordKind.Extended, event.data.grantId)) return log;
    const at = writeInstant(w, names, d.occurredAt, log.lastAt);
    writeInstant(w, names, event.data.validUntil, at);
    next.actor(d.by);
    return next.done(at);
  }
  if (event.type === 'GrantRevoked') {
    const { cause, reason } = event.data;
    if (!next.about(RecordKind.Revoked | (reason !== undefined ? RecordFlag.Reason : 0), event.data.grantId)) return log;
    const at = writeInstant(w, names, d.occurredAt, log.lastAt);
    next.actor(d.by);
    writeValue(w, names, cause);
    if (reason !== undefined) w.varint(names.intern(reason));
    return next.done(at);
  }
  if (event.type !== 'GrantExpired' || !next.about(RecordKind.Expired, event.data.grantId)) return log;
  return next.done(writeInstant(w, names, d.occurredAt, log.lastAt));
}

/** The parts of the log an event changes, and the record being written. */
class NextLog {
  readonly w = new ByteWriter();
  readonly names: NameTable;
  private grantIds: string;
  private memberIds: string;

  constructor(
    private readonly log: GrantLog,
    private readonly inline: boolean,
  ) {
    this.names = new NameTable(log.names);
    this.grantIds = log.grantIds;
    this.memberIds = log.memberIds;
  }

  /** Starts an issued record: its first byte, its member and (inline) its grant, or the grant's index slot. */
  issued(head: number, memberId: string, grantId: string): void {
    if (this.inline) {
      this.w.byte(head | RecordFlag.Inline);
      writeId(this.w, this.names, memberId, true);
      writeId(this.w, this.names, grantId, true);
      return;
    }
    const member = this.member(memberId);
    this.grantIds = joined(this.grantIds, idSlot(grantId, this.names, true) as string);
    this.w.byte(head).varint(member);
  }

  /**
   * Starts a record about an issued grant: its first byte and the grant. False when the log cannot hold
   * the grant: an id it never named (below the threshold, the last grant issued with that id, as a
   * re-issue replaces it; past it, the decoder finds that grant).
   */
  about(head: number, grantId: string): boolean {
    if (this.inline) return writeId(this.w.byte(head | RecordFlag.Inline), this.names, grantId, false);
    // Grant ids are UUIDs the deciders mint: the id alone finds the grant.
    const slot = idSlot(grantId, this.names, false);
    const grant = slot === undefined ? -1 : lastSlot(this.log.grantIds, slot);
    if (grant < 0) return false;
    this.w.byte(head).varint(grant);
    return true;
  }

  /** The member's index in `memberIds`, added when absent. */
  private member(memberId: string): number {
    const slot = idSlot(memberId, this.names, true) as string;
    const found = lastSlot(this.memberIds, slot);
    if (found >= 0) return found;
    this.memberIds = joined(this.memberIds, slot);
    return this.memberIds.length / 16 - 1;
  }

  actor(by: By | undefined): void {
    writeValue(this.w, this.names, actorForm(by, (memberId) => (this.inline ? memberId : this.member(memberId))));
  }

  done(lastAt: number): GrantLog {
    const { grantIds, memberIds, names, w } = this;
    const records = this.inline ? appendedAmortized(this.log.records, w.toString()) : joined(this.log.records, w.toString());
    return { grantIds, memberIds, names: names.text, records, lastAt };
  }
}
