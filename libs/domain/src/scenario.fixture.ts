/**
 * Test fixtures (not exported from the index): a small organization with every kind of authority,
 * built as the events its stream would hold. Used by the decider specs and property tests.
 */
import type { CatalogEvent } from './catalog.events.js';
import { initialCatalog, evolveCatalog, type CatalogState } from './catalog.decider.js';
import { meta, type Actor, type By } from './event.js';
import type { MemberEvent } from './member.events.js';
import { evolveMember } from './member.evolve.js';
import { initialMember, type MemberState } from './member.state.js';
import type { OrganizationEvent } from './organization.events.js';
import { evolveOrganization } from './organization.evolve.js';
import { initialOrganization, type OrganizationState } from './organization.state.js';
import { addMonths, iso } from './time.js';
import type { AdminLevel, AuthorityRole, GrantTarget, MemberType } from './vocabulary.js';

export const T0 = '2025-01-01T00:00:00.000Z';
/** "Now" in most specs: a month after the world was set up. */
export const NOW = new Date('2025-02-01T00:00:00.000Z');
export const ORG = 'org-1';
export const OTHER_ORG = 'org-2';
export const GROUP = 'group-1';
export const VALID_ORG_NUMBER = '556036-0793';

export const OPERATOR: Actor = { subject: 'operator-1', operator: true };
export const OPERATOR_BY: By = { subject: 'operator-1', operator: true };
export const JOB: Actor = { system: 'scheduler' };

/** Members of the world: id, subject, unit, type, authority. */
export const PEOPLE = {
  mr: { memberId: 'm-mr', subject: 'sub-mr' },
  mr2: { memberId: 'm-mr2', subject: 'sub-mr2' },
  delegate: { memberId: 'm-del', subject: 'sub-del', role: 'delegate' },
  l1: { memberId: 'm-l1', subject: 'sub-l1', role: 'administrator', level: 1 },
  l1hr: { memberId: 'm-l1hr', subject: 'sub-l1hr', role: 'administrator', level: 1, unitId: 'u-hr' },
  l2: { memberId: 'm-l2', subject: 'sub-l2', role: 'administrator', level: 2 },
  l3hr: { memberId: 'm-l3hr', subject: 'sub-l3hr', role: 'administrator', level: 3, unitId: 'u-hr' },
  l4: { memberId: 'm-l4', subject: 'sub-l4', role: 'administrator', level: 4 },
  anna: { memberId: 'm-anna', subject: 'sub-anna', unitId: 'u-pay' },
  bo: { memberId: 'm-bo', subject: 'sub-bo', unitId: 'u-sales' },
  carl: { memberId: 'm-carl', subject: 'sub-carl', unitId: 'u-hr' },
} as const;
export type Person = keyof typeof PEOPLE;

export function actor(person: Person): Actor {
  return { subject: PEOPLE[person].subject, operator: false };
}

export function by(person: Person): By {
  return { subject: PEOPLE[person].subject, memberId: PEOPLE[person].memberId };
}

export function months(start: string, n: number): string {
  return iso(addMonths(Date.parse(start), n));
}

type O = OrganizationEvent;
const m = (who: By, at: string) => meta(who, at);

export const orgEv = {
  registered: (at = T0, groupId?: string, organizationId = ORG): O => ({
    type: 'OrganizationRegistered',
    data: { organizationId, name: 'Acme AB', orgNumber: VALID_ORG_NUMBER, ...(groupId ? { groupId } : {}), ...m(OPERATOR_BY, at) },
  }),
  unit: (unitId: string, parentId?: string, at = T0): O => ({
    type: 'UnitCreated',
    data: { organizationId: ORG, unitId, name: unitId, ...(parentId ? { parentId } : {}), ...m(by('mr'), at) },
  }),
  code: (code: string, at = T0): O => ({ type: 'EmployerCodeAdded', data: { organizationId: ORG, code, ...m(by('mr'), at) } }),
  subscribed: (service: string, at = T0): O => ({ type: 'ServiceSubscribed', data: { organizationId: ORG, service, ...m(OPERATOR_BY, at) } }),
  registeredMember: (memberId: string, subject: string | undefined, type: MemberType = 'employee', at = T0): O => ({
    type: 'MemberRegistered',
    data: { organizationId: ORG, memberId, type, name: memberId, email: `${memberId}@example.se`, ...(subject ? { subject } : {}), ...m(OPERATOR_BY, at) },
  }),
  invited: (memberId: string, opts: { type?: MemberType; unitId?: string; endsAt?: string; subject?: string } = {}, at = T0): O => ({
    type: 'UserInvited',
    data: {
      organizationId: ORG,
      memberId,
      type: opts.type ?? 'employee',
      name: memberId,
      email: `${memberId}@example.se`,
      ...(opts.unitId ? { unitId: opts.unitId } : {}),
      ...(opts.endsAt ? { endsAt: opts.endsAt } : {}),
      ...(opts.subject ? { subject: opts.subject } : {}),
      ...m(by('mr'), at),
    },
  }),
  accepted: (memberId: string, subject: string, at = T0): O => ({
    type: 'InvitationAccepted',
    data: { organizationId: ORG, memberId, subject, ...m({ subject, memberId }, at) },
  }),
  appointed: (
    memberId: string,
    role: AuthorityRole,
    opts: { level?: AdminLevel; unitId?: string; validFrom?: string; validUntil?: string; by?: By } = {},
    at = T0,
  ): O => ({
    type: 'AdminAppointed',
    data: {
      organizationId: ORG,
      memberId,
      role,
      ...(opts.level ? { level: opts.level } : {}),
      ...(opts.unitId ? { unitId: opts.unitId } : {}),
      validFrom: opts.validFrom ?? at,
      validUntil: opts.validUntil ?? months(opts.validFrom ?? at, 36),
      ...m(opts.by ?? (role === 'main-responsible' ? OPERATOR_BY : by('mr')), at),
    },
  }),
  employmentEnded: (memberId: string, effectiveAt: string, at: string): O => ({
    type: 'EmploymentEnded',
    data: { organizationId: ORG, memberId, effectiveAt, ...m(by('mr'), at) },
  }),
  dismissed: (memberId: string, role: AuthorityRole, at: string, cause: 'dismissed' | 'employment-ended' = 'dismissed'): O => ({
    type: 'AdminDismissed',
    data: { organizationId: ORG, memberId, role, cause, ...m(role === 'main-responsible' ? OPERATOR_BY : by('mr'), at) },
  }),
  terminated: (at: string): O => ({ type: 'AgreementTerminated', data: { organizationId: ORG, ...m(OPERATOR_BY, at) } }),
};

/** A member invited into a unit and accepted. */
function person(p: Person, type: MemberType = 'employee'): O[] {
  const { memberId, subject } = PEOPLE[p];
  const unitId = 'unitId' in PEOPLE[p] && !('role' in PEOPLE[p]) ? (PEOPLE[p] as { unitId: string }).unitId : undefined;
  return [orgEv.invited(memberId, { type, unitId }), orgEv.accepted(memberId, subject)];
}

/** The standard world: units hr ⊃ pay, sales; codes; three subscribed services; one main responsible and every authority. */
export function world(): OrganizationEvent[] {
  const events: O[] = [
    orgEv.registered(T0, GROUP),
    orgEv.registeredMember(PEOPLE.mr.memberId, PEOPLE.mr.subject),
    orgEv.appointed(PEOPLE.mr.memberId, 'main-responsible'),
    orgEv.unit('u-hr'),
    orgEv.unit('u-pay', 'u-hr'),
    orgEv.unit('u-sales'),
    orgEv.code('AG-1'),
    orgEv.code('AG-2'),
    orgEv.subscribed('payroll'),
    orgEv.subscribed('invoices'),
    orgEv.subscribed('pension'),
  ];
  for (const p of ['delegate', 'l1', 'l1hr', 'l2', 'l3hr', 'l4'] as const) {
    const who = PEOPLE[p];
    events.push(...person(p));
    const level = 'level' in who ? (who.level as AdminLevel) : undefined;
    const unitId = 'unitId' in who ? who.unitId : undefined;
    events.push(orgEv.appointed(who.memberId, who.role as AuthorityRole, { level, unitId }));
  }
  events.push(...person('anna'), ...person('bo'), ...person('carl'));
  return events;
}

export function orgState(events: OrganizationEvent[] = world()): OrganizationState {
  return events.reduce(evolveOrganization, initialOrganization());
}

export const catEv = {
  service: (key: string): CatalogEvent => ({ type: 'ServiceRegistered', data: { key, name: key, ...m(OPERATOR_BY, T0) } }),
  pkg: (key: string, services: string[]): CatalogEvent => ({ type: 'PackageDefined', data: { key, name: key, services, ...m(OPERATOR_BY, T0) } }),
};

export function catalog(): CatalogState {
  return [
    catEv.service('payroll'),
    catEv.service('invoices'),
    catEv.service('pension'),
    catEv.service('archive'),
    catEv.pkg('base', ['payroll', 'invoices']),
    catEv.pkg('full', ['payroll', 'invoices', 'archive']),
  ].reduce(evolveCatalog, initialCatalog());
}

export const memEv = {
  grant: (memberId: string, grantId: string, target: GrantTarget, validFrom = T0, validUntil = months(validFrom, 12), who: By = by('mr'), employerCodes?: string[]): MemberEvent => ({
    type: 'GrantIssued',
    data: { organizationId: ORG, memberId, grantId, ...target, ...(employerCodes ? { employerCodes } : {}), validFrom, validUntil, ...m(who, validFrom) },
  }),
};

export function memberState(events: MemberEvent[]): MemberState {
  return events.reduce(evolveMember, initialMember());
}
