import type { By, MemberEvent } from '@behorighet/domain';
import { ByteWriter, joined } from './grant-bytes.js';
import { NameTable, idSlot, lastSlot, writeInstant, writeValue } from './grant-names.js';
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
 */
export interface GrantLog {
  /** 16 bytes a grant (its UUID), in issue order: a grant's index. */
  readonly grantIds: string;
  /** 16 bytes a member that has held a grant here or acted on one. */
  readonly memberIds: string;
  readonly names: string;
  readonly records: string;
  /** The epoch ms the last record's instant is counted from. */
  readonly lastAt: number;
}

export const EMPTY_GRANT_LOG: GrantLog = { grantIds: '', memberIds: '', names: '', records: '', lastAt: 0 };

/** A record's kind: the low two bits of its first byte. */
export const RecordKind = { Issued: 0, Extended: 1, Revoked: 2, Expired: 3 } as const;

/** The flags of a record's first byte (per kind). */
export const RecordFlag = { FromIsOccurred: 4, EmployerCodes: 8, Package: 16, Reason: 4 } as const;

/**
 * The log with `event` appended; the same log when the event changes no grant the log knows (as
 * `evolveMember` ignores it). Pure: `log` is not changed.
 */
export function appendGrantEvent(log: GrantLog, event: MemberEvent): GrantLog {
  const next = new NextLog(log);
  const { w, names } = next;
  const d = event.data;
  if (event.type === 'GrantIssued') {
    const e = event.data;
    const member = next.member(e.memberId);
    next.grantIds = joined(next.grantIds, idSlot(e.grantId, names, true) as string);
    const target = e.service !== undefined ? { service: e.service } : { role: e.role };
    const fromIsOccurred = e.validFrom === d.occurredAt;
    w.byte(RecordKind.Issued | (fromIsOccurred ? RecordFlag.FromIsOccurred : 0) | (e.employerCodes !== undefined ? RecordFlag.EmployerCodes : 0) | (e.package !== undefined ? RecordFlag.Package : 0));
    w.varint(member).varint(names.intern(targetForm(target)));
    const at = writeInstant(w, names, d.occurredAt, log.lastAt);
    const from = fromIsOccurred ? at : writeInstant(w, names, e.validFrom, at);
    writeInstant(w, names, e.validUntil, from);
    next.actor(d.by);
    if (e.employerCodes !== undefined) w.varint(names.intern(e.employerCodes));
    if (e.package !== undefined) w.varint(names.intern(e.package));
    return next.done(at);
  }
  if (event.type !== 'GrantExtended' && event.type !== 'GrantRevoked' && event.type !== 'GrantExpired') return log;
  // Grant ids are UUIDs the deciders mint: the id alone finds the grant (the last issued, as a re-issue replaces it).
  const slot = idSlot(event.data.grantId, names, false);
  const grant = slot === undefined ? -1 : lastSlot(log.grantIds, slot);
  if (grant < 0) return log;
  if (event.type === 'GrantExtended') {
    w.byte(RecordKind.Extended).varint(grant);
    const at = writeInstant(w, names, d.occurredAt, log.lastAt);
    writeInstant(w, names, event.data.validUntil, at);
    next.actor(d.by);
    return next.done(at);
  }
  if (event.type === 'GrantRevoked') {
    const { cause, reason } = event.data;
    w.byte(RecordKind.Revoked | (reason !== undefined ? RecordFlag.Reason : 0)).varint(grant);
    const at = writeInstant(w, names, d.occurredAt, log.lastAt);
    next.actor(d.by);
    writeValue(w, names, cause);
    if (reason !== undefined) w.varint(names.intern(reason));
    return next.done(at);
  }
  w.byte(RecordKind.Expired).varint(grant);
  return next.done(writeInstant(w, names, d.occurredAt, log.lastAt));
}

/** The parts of the log an event changes, and the record being written. */
class NextLog {
  readonly w = new ByteWriter();
  readonly names: NameTable;
  grantIds: string;
  private memberIds: string;

  constructor(private readonly log: GrantLog) {
    this.names = new NameTable(log.names);
    this.grantIds = log.grantIds;
    this.memberIds = log.memberIds;
  }

  /** The member's index in `memberIds`, added when absent. */
  member(memberId: string): number {
    const slot = idSlot(memberId, this.names, true) as string;
    const found = lastSlot(this.memberIds, slot);
    if (found >= 0) return found;
    this.memberIds = joined(this.memberIds, slot);
    return this.memberIds.length / 16 - 1;
  }

  actor(by: By | undefined): void {
    writeValue(this.w, this.names, actorForm(by, (memberId) => this.member(memberId)));
  }

  done(lastAt: number): GrantLog {
    const { grantIds, memberIds, names, w } = this;
    return { grantIds, memberIds, names: names.text, records: joined(this.log.records, w.toString()), lastAt };
  }
}
