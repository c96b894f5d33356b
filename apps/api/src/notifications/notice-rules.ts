import { agreementNoticeRecipients, mainResponsiblesAt, ms, type MemberState, type OrganizationState } from '@behorighet/domain';
import type { Notice, NoticeFacts, PermissionChange } from './notice.js';
import { becameHeadless, headlessRecipients, permissionChange, pick, subjectOf, type EventData } from './notice-facts.js';

export { becameHeadless };

/** The organization around one event: just before it and just after it (the same for member and order events). */
export interface OrganizationAround {
  before: OrganizationState;
  after: OrganizationState;
  /** The member streams' states just before the event, where a rule needs them (see `needsMemberStates`). */
  members?: Record<string, MemberState | undefined>;
}

/** Adds a notice for a member of the organization (left out when it has no e-mail address). */
type Tell = (state: OrganizationState, memberId: string | undefined, facts: NoticeFacts, key?: string) => void;
type Rule = (type: string, data: EventData, org: OrganizationAround, tell: Tell, notices: Notice[]) => void;

/** Events that change the permissions of the member they name, and how (R-NOT-1). */
const CHANGES: Readonly<Record<string, PermissionChange>> = {
  GrantIssued: 'grant-issued',
  GrantExtended: 'grant-extended',
  GrantRevoked: 'grant-revoked',
  GrantExpired: 'grant-expired',
  AdminAppointed: 'appointed',
  AdminDismissed: 'dismissed',
  AdminAppointmentExtended: 'appointment-extended',
  AdminAppointmentExpired: 'appointment-expired',
  EmploymentEnded: 'employment-ended',
  AccessRemoved: 'access-removed',
  UserDeactivated: 'deactivated',
  MemberDeleted: 'deleted',
  MemberBlocked: 'blocked',
};

const AGREEMENT_CHANGES: Readonly<Record<string, 'terminated' | 'renewed'>> = { AgreementTerminated: 'terminated', AgreementRenewed: 'renewed' };

/** Whether the notices of an event of this type depend on the members' business roles (R-ORD-5: contact persons). */
export function needsMemberStates(type: string): boolean {
  return type in AGREEMENT_CHANGES;
}

/** R-MEM-2: the invitation, to the invitee's address, with the personal message. */
const invitation: Rule = (type, data, { after }, _tell, notices) => {
  if (type !== 'UserInvited' && type !== 'InvitationResent') return;
  const email = data.email as string;
  const name = (data.name as string | undefined) ?? after.members[data.memberId as string]?.name ?? email;
  const facts: NoticeFacts = {
    kind: 'invitation',
    organizationId: data.organizationId,
    memberId: data.memberId as string,
    resent: type === 'InvitationResent',
    ...pick(data, 'message'),
  };
  notices.push({ to: { email, name }, organization: after.name, facts });
};

/** R-NOT-1: every change to a member's permissions, to that member; a share's, to its holder. */
const permissions: Rule = (type, data, { after }, tell) => {
  const change = CHANGES[type];
  if (change) tell(after, data.memberId, permissionChange(change, data));
  if (type === 'AccessShared' || type === 'ShareRevoked') {
    const owner = after.members[data.memberId as string]?.name ?? '';
    const change = type === 'AccessShared' ? 'share-received' : 'share-revoked';
    tell(after, data.holderMemberId as string, { kind: 'permission-changed', change, at: data.occurredAt, resource: data.resource as never, owner, ...pick(data, 'cause') });
  }
};

/** R-TIME-2: a reminder, to the member and to every main responsible. */
const reminder: Rule = (type, data, { after }, tell) => {
  if (type !== 'ReminderSent') return;
  const memberId = data.memberId as string;
  const base = { kind: 'reminder' as const, about: data.about as 'grant', member: after.members[memberId]?.name ?? '', daysBefore: data.daysBefore as number, expiresAt: data.expiresAt as string };
  tell(after, memberId, { ...base, own: true, ...subjectOf(data) });
  for (const mr of mainResponsiblesAt(after, ms(data.occurredAt))) if (mr.memberId !== memberId) tell(after, mr.memberId, { ...base, own: false, ...subjectOf(data) });
};

/** R-MEM-6: the leaver report, to the main responsibles (but the leaver). */
const leaverReport: Rule = (type, data, { before, after }, tell) => {
  if (type !== 'EmploymentEnded') return;
  const facts: NoticeFacts = { kind: 'leaver-report', leaver: after.members[data.memberId as string]?.name ?? '', effectiveAt: data.effectiveAt as string, ...pick(data, 'reason') };
  for (const mr of mainResponsiblesAt(before, ms(data.occurredAt))) if (mr.memberId !== data.memberId) tell(before, mr.memberId, facts);
};

/** R-ORD-5: agreement changes, to the contact persons as they held the role while the agreement was in force. */
const agreementChange: Rule = (type, data, { before, after, members }, tell) => {
  const change = AGREEMENT_CHANGES[type];
  if (!change || !members) return;
  const state = change === 'terminated' ? before : after;
  const facts: NoticeFacts = { kind: 'agreement-changed', change, at: data.occurredAt, ...pick(data, 'reason') };
  for (const memberId of agreementNoticeRecipients(state, members, ms(data.occurredAt))) tell(state, memberId, facts);
};

/** R-MEM-7, R-ORG-4: the headless alert — one per episode, whichever event at its instant shows it (same key). */
const headlessAlert: Rule = (type, data, { before, after }, tell) => {
  const at = ms(data.occurredAt);
  if (!becameHeadless(type, before, after, at)) return;
  const key = `headless:${after.organizationId}:${data.occurredAt}`;
  for (const memberId of headlessRecipients(after, at)) tell(after, memberId, { kind: 'headless', at: data.occurredAt }, key);
};

const RULES: readonly Rule[] = [invitation, permissions, reminder, leaverReport, agreementChange, headlessAlert];

/**
 * Who is told what about one committed (and upcast) event. Pure: the same event and states always give the
 * same notices, so deriving them again after a crash changes nothing. Recipients without an e-mail address
 * (person-only members) are left out; one person gets one notice per event and kind.
 */
export function noticesFor(type: string, data: EventData, org: OrganizationAround): Notice[] {
  const notices: Notice[] = [];
  const tell: Tell = (state, memberId, facts, key) => {
    const member = memberId === undefined ? undefined : state.members[memberId];
    if (member?.email) notices.push({ to: { email: member.email, name: member.name }, organization: state.name, facts, ...(key ? { key } : {}) });
  };
  for (const rule of RULES) rule(type, data, org, tell, notices);
  const seen = new Set<string>();
  return notices.filter((n) => {
    const id = `${n.to.email.toLowerCase()}\u0000${n.facts.kind}`;
    return seen.has(id) ? false : (seen.add(id), true);
  });
}
