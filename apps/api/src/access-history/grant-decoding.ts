import { targetKey, type By, type EndCause, type Grant, type GrantTarget } from '@behorighet/domain';
import { ByteReader } from './grant-bytes.js';
import { RecordFlag, RecordKind, type GrantLog } from './grant-encoding.js';
import { NameTable, idFromSlot, readIdSlot, readInstant, readValue } from './grant-names.js';
import { actorFromForm, targetFromForm } from './grant-values.js';

/** One member's grants for one service or role (`service:<key>` / `role:<name>`), as `evolveMember` folds them. */
export interface GrantHistory {
  organizationId: string;
  memberId: string;
  target: string;
  grants: Record<string, Grant>;
}

/**
 * The grant histories of one organization's log, in `memberId|target` order: the domain's `Grant`
 * objects, complete (extensions too), equal to what `evolveMember` folds from the same events.
 * `onlyTarget` (a target key) decodes that service's or role's grants only. Each call builds new objects
 * (the grants of one call share their actors, targets and employer-code lists: read them, do not change them).
 */
export function decodeGrantLog(organizationId: string, log: GrantLog, onlyTarget?: string): GrantHistory[] {
  const names = new NameTable(log.names);
  const members: string[] = [];
  const memberAt = (index: number) => (members[index] ??= idFromSlot(log.memberIds, index, names));
  const inlineMembers = new Map<string, string>();
  const memberOf = (slot: string) => {
    let memberId = inlineMembers.get(slot);
    if (memberId === undefined) inlineMembers.set(slot, (memberId = idFromSlot(slot, 0, names)));
    return memberId;
  };
  const actors = new Map<number, By>();
  const actor = (): By => {
    const ref = r.varint();
    if (ref === 0) return undefined as unknown as By;
    let by = actors.get(ref);
    if (by === undefined) actors.set(ref, (by = actorFromForm(names.value(ref - 1), memberAt)));
    return by;
  };
  const targets = new Map<number, { target: GrantTarget; key: string }>();
  const targetAt = (ref: number) => {
    let found = targets.get(ref);
    if (found === undefined) {
      const target = targetFromForm(names.value(ref));
      targets.set(ref, (found = { target, key: targetKey(target) }));
    }
    return found;
  };
  const histories = new Map<string, GrantHistory>();
  /** `member|id slot` → where the member's grant with that id is. */
  const held = new Map<string, { history: GrantHistory; grantId: string }>();
  /** `member|id slot` → when the member first got a grant with that id: the place the fold keeps it at. */
  const firstIssued = new Map<string, number>();
  const placeOf = new Map<Grant, number>();
  /** Histories that got a grant whose id the member held before: their order is restored at the end. */
  const reordered = new Set<GrantHistory>();
  /** By index in `grantIds`; undefined for grants of other targets. */
  const grants: Array<Grant | undefined> = [];
  /** By id slot, the last grant issued with that id (what inline records name); undefined as above. */
  const bySlot = new Map<string, Grant | undefined>();
  const r = new ByteReader(log.records);
  let lastAt = 0;
  while (!r.done) {
    const head = r.byte();
    const kind = head & 3;
    if (kind === RecordKind.Issued) {
      const inline = (head & RecordFlag.Inline) !== 0;
      const member = inline ? readIdSlot(r) : r.varint();
      const slot = inline ? readIdSlot(r) : log.grantIds.slice(grants.length * 16, grants.length * 16 + 16);
      const { target, key } = targetAt(r.varint());
      const wanted = onlyTarget === undefined || key === onlyTarget;
      const issued = readInstant(r, names, lastAt, wanted);
      lastAt = issued.at;
      const from = head & RecordFlag.FromIsOccurred ? issued : readInstant(r, names, issued.at, wanted);
      const until = readInstant(r, names, from.at, wanted);
      const issuedBy = actor();
      const employerCodes = head & RecordFlag.EmployerCodes ? (names.value(r.varint()) as string[]) : undefined;
      const pkg = head & RecordFlag.Package ? (names.value(r.varint()) as string) : undefined;
      // A member holds one grant per id (evolveMember): issuing an id again replaces it, whatever its target.
      // By slots, not indexes: an id issued again past the threshold replaces the one issued before it.
      const heldKey = `${typeof member === 'string' ? member : log.memberIds.slice(member * 16, member * 16 + 16)}|${slot}`;
      const before = held.get(heldKey);
      if (before) delete before.history.grants[before.grantId];
      if (!firstIssued.has(heldKey)) firstIssued.set(heldKey, firstIssued.size);
      if (!wanted) {
        held.delete(heldKey);
        if (!inline) grants.push(undefined);
        bySlot.set(slot, undefined);
        continue;
      }
      const grantId = idFromSlot(slot, 0, names);
      const grant: Grant = {
        grantId,
        target,
        package: pkg,
        employerCodes,
        validFrom: from.value as string,
        validUntil: until.value as string,
        issuedAt: issued.value as string,
        issuedBy,
        extensions: [],
      };
      if (!inline) grants.push(grant);
      bySlot.set(slot, grant);
      const memberId = typeof member === 'string' ? memberOf(member) : memberAt(member);
      const historyKey = `${memberId}|${key}`;
      let history = histories.get(historyKey);
      if (!history) histories.set(historyKey, (history = { organizationId, memberId, target: key, grants: {} }));
      history.grants[grantId] = grant;
      held.set(heldKey, { history, grantId });
      placeOf.set(grant, firstIssued.get(heldKey) as number);
      if (before) reordered.add(history);
      continue;
    }
    const grant = head & RecordFlag.Inline ? bySlot.get(readIdSlot(r)) : grants[r.varint()];
    const at = readInstant(r, names, lastAt, grant !== undefined);
    lastAt = at.at;
    if (kind === RecordKind.Extended) {
      const until = readInstant(r, names, at.at, grant !== undefined);
      const by = actor();
      if (grant) {
        grant.validUntil = until.value as string;
        grant.extensions.push({ at: at.value as string, by, validUntil: until.value as string });
      }
    } else if (kind === RecordKind.Revoked) {
      const by = actor();
      const cause = readValue(r, names) as EndCause;
      const reason = head & RecordFlag.Reason ? (names.value(r.varint()) as string) : undefined;
      if (grant) grant.revoked = { at: at.value as string, by, reason, cause };
    } else if (grant) {
      grant.expiredAt = at.value;
    }
  }
  // A record keeps a key where it was first set (evolveMember's grants too): an id issued again stays in its old place.
  for (const history of reordered) {
    const entries = Object.entries(history.grants).sort(([, a], [, b]) => (placeOf.get(a) as number) - (placeOf.get(b) as number));
    history.grants = Object.fromEntries(entries);
  }
  return [...histories]
    .filter(([, history]) => Object.keys(history.grants).length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, history]) => history);
}
