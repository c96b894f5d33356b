// The data every section of `npm run bench` works on, as one list of domain commands with their actors: the API
// server sends them through its command bus, the in-process sections fold them through the deciders.
import { randomUUID } from 'node:crypto';
import { luhnValid, type Actor, type CatalogCommand, type MemberCommand, type OrganizationCommand } from '@behorighet/domain';

export interface WorldSpec {
  organizations: number;
  membersPerOrganization: number;
  services: number;
  /** Give every member a grant of every service (one package command per member). */
  grants: boolean;
}

export interface PlannedMember {
  memberId: string;
  subject: string;
}

export interface PlannedOrganization {
  organizationId: string;
  orgNumber: string;
  mainResponsible: PlannedMember;
  members: PlannedMember[];
}

export interface WorldPlan {
  spec: WorldSpec;
  services: string[];
  /** The package of every service, used to grant them all in one command. */
  packageKey: string;
  organizations: PlannedOrganization[];
}

export type WorldStep =
  | { kind: 'catalog'; actor: Actor; command: CatalogCommand }
  | { kind: 'organization'; actor: Actor; organizationId: string; command: OrganizationCommand }
  | { kind: 'member'; actor: Actor; organizationId: string; command: MemberCommand };

/** The HS256 secret of the bench's API process (its AUTH_DEV_SECRET) and of the tokens the load carries. */
export const BENCH_SECRET = 'bench-secret-not-for-production-0123456789';
export const OPERATOR: Actor = { subject: 'bench-operator', operator: true };
export const serviceKey = (i: number) => `svc-${String(i).padStart(2, '0')}`;

/** A valid Swedish organization number (R-ORG-1) derived from `n`: nine digits and their Luhn check digit. */
export function orgNumberOf(n: number): string {
  const nine = String(556_000_000 + n).slice(-9);
  const check = [...'0123456789'].find((d) => luhnValid(nine + d))!;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${check}`;
}

export function planWorld(spec: WorldSpec): WorldPlan {
  const services = Array.from({ length: spec.services }, (_, i) => serviceKey(i));
  const organizations = Array.from({ length: spec.organizations }, (_, o) => ({
    organizationId: randomUUID(),
    orgNumber: orgNumberOf(o),
    mainResponsible: { memberId: randomUUID(), subject: `bench-mr-${o}` },
    members: Array.from({ length: spec.membersPerOrganization }, (_, m) => ({ memberId: randomUUID(), subject: `bench-member-${o}-${m}` })),
  }));
  return { spec, services, packageKey: 'bench-all', organizations };
}

/** The commands that build the plan, in an order every decider accepts. */
export function* worldSteps(plan: WorldPlan): Generator<WorldStep> {
  for (const key of plan.services) yield { kind: 'catalog', actor: OPERATOR, command: { type: 'RegisterService', key, name: `Service ${key}` } };
  if (plan.spec.grants) {
    yield { kind: 'catalog', actor: OPERATOR, command: { type: 'DefinePackage', key: plan.packageKey, name: 'Everything', services: plan.services } };
  }
  for (const [o, org] of plan.organizations.entries()) {
    const organizationId = org.organizationId;
    const onOrg = (actor: Actor, command: OrganizationCommand): WorldStep => ({ kind: 'organization', actor, organizationId, command });
    yield onOrg(OPERATOR, { type: 'RegisterOrganization', organizationId, name: `Bench ${o} AB`, orgNumber: org.orgNumber });
    for (const service of plan.services) yield onOrg(OPERATOR, { type: 'SubscribeService', service });
    const mr = org.mainResponsible;
    yield onOrg(OPERATOR, { type: 'RegisterMainResponsible', memberId: mr.memberId, subject: mr.subject, name: 'Main Responsible', email: `mr-${o}@bench.example` });
    const mrActor: Actor = { subject: mr.subject, operator: false };
    for (const [m, member] of org.members.entries()) {
      const { memberId, subject } = member;
      yield onOrg(mrActor, { type: 'InviteUser', memberId, memberType: 'employee', name: `Member ${m}`, email: `m${o}-${m}@bench.example`, subject });
      yield onOrg({ subject, operator: false }, { type: 'AcceptInvitation', memberId });
    }
    if (!plan.spec.grants) continue;
    for (const { memberId } of org.members) {
      yield { kind: 'member', actor: mrActor, organizationId, command: { type: 'IssueGrant', memberId, grantIds: plan.services.map(() => randomUUID()), target: { package: plan.packageKey } } };
    }
  }
}
