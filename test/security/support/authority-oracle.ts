/**
 * An independent oracle for who may do what, written from SPEC's tables (R-ORG-4/5, R-ADM-1…5, R-GRT-2, R-MEM-6,
 * R-ORD-1/2, R-SHR-3) over a small model of one organization. It does not call the domain: it is what the domain
 * is checked against. Where SPEC is silent the choice is written down next to the rule.
 *
 * An expectation is either "allowed", or "refused" with the codes of every rule the command breaks (any of them is a
 * correct answer: which rule a decider checks first is its own business). A few outcomes depend on work the system
 * does after answering (the automatic endings of R-MEM-6 run in a process manager): those are "either".
 */

export type Unit = 'U1' | 'U1a' | 'U2';
/** U1a lies under U1; U2 is a sibling of U1 (R-ORG-6 unit tree). */
export const PARENT: Record<Unit, Unit | undefined> = { U1: undefined, U1a: 'U1', U2: undefined };
export const UNITS: readonly Unit[] = ['U1', 'U1a', 'U2'];

export type Level = 1 | 2 | 3 | 4;
export type Authority = { role: 'main-responsible' } | { role: 'delegate' } | { role: 'administrator'; level: Level; scope?: Unit };
export type BusinessRole = 'orderer' | 'attestant';
export type GrantWhat = 'payroll' | BusinessRole;

export interface ModelMember {
  name: string;
  subject: string;
  id: string;
  unit?: Unit;
  authority?: Authority;
  employed: boolean;
  /** Open grants by what they give → grant id. */
  grants: Partial<Record<GrantWhat, string>>;
  /** Grants that the automatic endings will end (or already ended) after an employment end. */
  ending: Partial<Record<GrantWhat, string>>;
}

export interface ModelOrder {
  id: string;
  orderer: string;
  service: string;
  status: 'placed' | 'attested';
}

export interface Model {
  members: ModelMember[];
  orders: ModelOrder[];
  /** Services the organization subscribes to (an attested order subscribes it, R-ORD-1). */
  subscribed: string[];
}

export type ModelCommand =
  | { kind: 'appointAdministrator'; actor: string; target: string; level: Level; scope?: Unit }
  | { kind: 'dismissAdministrator'; actor: string; target: string }
  | { kind: 'appointDelegate'; actor: string; target: string }
  | { kind: 'issueGrant'; actor: string; target: string; what: GrantWhat }
  | { kind: 'revokeGrant'; actor: string; target: string; what: GrantWhat }
  | { kind: 'endEmployment'; actor: string; target: string }
  | { kind: 'placeOrder'; actor: string; service: string }
  | { kind: 'attestOrder'; actor: string; order: number }
  | { kind: 'shareWorkspace'; actor: string; target: string; holder: string };

export type Expectation = { allowed: true } | { allowed: false; codes: string[] } | { either: true; codes: string[] };

/** The rule ids each refusal code stands for, for the counts the suite prints. */
export const RULE_OF: Record<string, string> = {
  ADMIN_LEVEL_TOO_LOW: 'R-ADM-2',
  OUT_OF_SCOPE: 'R-ADM-3',
  SELF_GRANT_FORBIDDEN: 'R-ADM-5',
  MAIN_RESPONSIBLE_ONLY: 'R-ORG-5',
  NOT_AUTHORIZED: 'R-ADM-1',
  SAME_PERSON_ATTESTATION: 'R-ORD-2',
  ROLE_REQUIRED: 'R-ORD-1',
  ORGANIZATION_HEADLESS: 'R-ORG-4',
  NOT_A_MEMBER: 'R-SEC-2',
};

const member = (model: Model, name: string): ModelMember => {
  const found = model.members.find((m) => m.name === name);
  if (!found) throw new Error(`no member ${name} in the model`);
  return found;
};

/** A unit lies in a scope when the scope is the whole organization, or the unit is the scope unit or below it (R-ADM-3). */
export function inScope(scope: Unit | undefined, unit: Unit | undefined): boolean {
  if (scope === undefined) return true;
  for (let u = unit; u !== undefined; u = PARENT[u]) if (u === scope) return true;
  return false;
}

/** Main responsibles and delegates act on the whole organization; administrators within their unit's subtree. */
const scopeOf = (a: Authority): Unit | undefined => (a.role === 'administrator' ? a.scope : undefined);
const actsAsMainResponsible = (a?: Authority) => a?.role === 'main-responsible' || a?.role === 'delegate';

/** R-ADM-2: MR and delegates (R-ADM-1, R-ORG-5) appoint every level; L1 → 1–4; L2 → 3–4; L3 and L4 nobody. */
export function appointable(a?: Authority): Level[] {
  if (actsAsMainResponsible(a) || (a?.role === 'administrator' && a.level === 1)) return [1, 2, 3, 4];
  if (a?.role === 'administrator' && a.level === 2) return [3, 4];
  return [];
}

/** R-GRT-2: MR, delegates and L1–L3 edit members and grant; L4 only views. */
const edits = (a?: Authority) => actsAsMainResponsible(a) || (a?.role === 'administrator' && a.level <= 3);

const headless = (model: Model) => !model.members.some((m) => m.employed && m.authority?.role === 'main-responsible');
const holdsRole = (m: ModelMember, role: BusinessRole) => m.employed && m.grants[role] !== undefined;

/** Why `actor` may not manage an administrator appointment of `level` within `scope` (R-ADM-2/3), as codes. */
function mayManageAdministrator(actor: Authority | undefined, level: Level, scope: Unit | undefined): string[] {
  if (!actor) return ['NOT_AUTHORIZED'];
  const levels = appointable(actor);
  const codes: string[] = [];
  if (!levels.includes(level)) codes.push('ADMIN_LEVEL_TOO_LOW');
  if (!inScope(scopeOf(actor), scope) || (scope === undefined && scopeOf(actor) !== undefined)) codes.push('OUT_OF_SCOPE');
  return codes;
}

/** What SPEC says about `command` in `model`. */
export function expectation(model: Model, command: ModelCommand): Expectation {
  const actor = member(model, command.actor);
  // R-SEC-2: a person whose membership ended is no longer a member, and learns nothing more.
  if (!actor.employed) return { allowed: false, codes: ['NOT_A_MEMBER'] };
  // R-ORG-4: nobody acts in a headless organization (what the command names may still be reported unknown first).
  if (headless(model)) {
    const rest = expectationInWorkingOrganization(model, command, actor);
    const unknown = 'codes' in rest ? rest.codes.filter((c) => c.endsWith('_NOT_FOUND')) : [];
    return { allowed: false, codes: ['ORGANIZATION_HEADLESS', ...unknown] };
  }
  return expectationInWorkingOrganization(model, command, actor);
}

function expectationInWorkingOrganization(model: Model, command: ModelCommand, actor: ModelMember): Expectation {
  const a = actor.authority;
  const codes: string[] = [];
  const refuse = (...c: string[]) => codes.push(...c);
  switch (command.kind) {
    case 'appointAdministrator': {
      const target = member(model, command.target);
      if (a?.role === 'administrator' && a.level >= 3) refuse('ADMIN_LEVEL_TOO_LOW');
      refuse(...mayManageAdministrator(a, command.level, command.scope));
      if (target === actor) refuse('SELF_GRANT_FORBIDDEN'); // R-ADM-5
      if (!target.employed) refuse('MEMBER_INACTIVE');
      if (a && !inScope(scopeOf(a), target.unit)) refuse('OUT_OF_SCOPE'); // R-ADM-3: only members inside the scope
      // One appointment per member: appointing replaces the current one, so it needs the power to end it.
      const current = target.authority;
      if (current?.role === 'main-responsible') refuse('ALREADY_EXISTS'); // only the operator removes an MR (R-ORG-2)
      if (current?.role === 'delegate' && a?.role !== 'main-responsible') refuse('MAIN_RESPONSIBLE_ONLY'); // R-ORG-5
      if (current?.role === 'administrator') refuse(...mayManageAdministrator(a, current.level, current.scope));
      break;
    }
    case 'dismissAdministrator': {
      const target = member(model, command.target);
      const current = target.authority;
      if (current?.role !== 'administrator') refuse('APPOINTMENT_NOT_FOUND');
      // Giving up one's own appointment takes no power (SPEC is silent; it escalates nothing).
      else if (target !== actor) {
        if (a?.role === 'administrator' && a.level >= 3) refuse('ADMIN_LEVEL_TOO_LOW');
        refuse(...mayManageAdministrator(a, current.level, current.scope));
        if (a && !inScope(scopeOf(a), target.unit)) refuse('OUT_OF_SCOPE'); // R-ADM-3
      }
      break;
    }
    case 'appointDelegate': {
      const target = member(model, command.target);
      if (a?.role !== 'main-responsible') refuse('MAIN_RESPONSIBLE_ONLY'); // R-ORG-5
      if (target === actor) refuse('SELF_GRANT_FORBIDDEN');
      if (!target.employed) refuse('MEMBER_INACTIVE');
      if (actsAsMainResponsible(target.authority)) refuse('ALREADY_EXISTS');
      break;
    }
    case 'issueGrant': {
      const target = member(model, command.target);
      if (!a) refuse('NOT_AUTHORIZED');
      else if (!edits(a)) refuse('ADMIN_LEVEL_TOO_LOW'); // R-GRT-2: L4 views only
      if (target === actor) refuse('SELF_GRANT_FORBIDDEN'); // R-ADM-5
      if (a && !inScope(scopeOf(a), target.unit)) refuse('OUT_OF_SCOPE');
      if (!target.employed) refuse('MEMBER_INACTIVE');
      if (target.grants[command.what] ?? target.ending[command.what]) refuse('ALREADY_EXISTS');
      break;
    }
    case 'revokeGrant': {
      const target = member(model, command.target);
      if (!a) refuse('NOT_AUTHORIZED');
      else if (!edits(a)) refuse('ADMIN_LEVEL_TOO_LOW');
      if (a && !inScope(scopeOf(a), target.unit)) refuse('OUT_OF_SCOPE');
      if (!target.grants[command.what] && !target.ending[command.what]) refuse('GRANT_NOT_FOUND');
      // The automatic endings may or may not have ended the grant yet.
      if (codes.length === 0 && target.ending[command.what]) return { either: true, codes: ['GRANT_ENDED'] };
      break;
    }
    case 'endEmployment': {
      const target = member(model, command.target);
      if (!a) refuse('NOT_AUTHORIZED');
      else if (!edits(a)) refuse('ADMIN_LEVEL_TOO_LOW');
      if (a && !inScope(scopeOf(a), target.unit)) refuse('OUT_OF_SCOPE');
      if (!target.employed) refuse('EMPLOYMENT_ALREADY_ENDED', 'MEMBER_INACTIVE');
      // An administrator never removes someone above it: a main responsible, a delegate, or a lower-numbered level.
      const t = target.authority;
      if (target !== actor && a?.role === 'administrator' && t && (t.role !== 'administrator' || t.level < a.level)) refuse('ADMIN_LEVEL_TOO_LOW');
      // R-ORG-5: a delegate cannot remove main responsibles or delegates — ending their employment removes them.
      if (target !== actor && a?.role === 'delegate' && actsAsMainResponsible(t)) refuse('MAIN_RESPONSIBLE_ONLY');
      break;
    }
    case 'placeOrder':
      if (!holdsRole(actor, 'orderer')) refuse('ROLE_REQUIRED'); // R-ORD-1
      if (model.subscribed.includes(command.service)) refuse('ALREADY_SUBSCRIBED');
      break;
    case 'attestOrder': {
      const order = model.orders[command.order];
      if (!order) refuse('ORDER_NOT_FOUND');
      else {
        if (order.status !== 'placed') refuse('ORDER_NOT_PENDING');
        if (order.orderer === actor.name) refuse('SAME_PERSON_ATTESTATION'); // R-ORD-2, even holding both roles
      }
      if (!holdsRole(actor, 'attestant')) refuse('ROLE_REQUIRED');
      break;
    }
    case 'shareWorkspace': {
      const owner = member(model, command.target);
      const holder = member(model, command.holder);
      if (!owner.employed) refuse('MEMBER_INACTIVE');
      if (holder === owner) refuse('INVALID_SHARE_RIGHTS');
      if (holder === actor && actor !== owner) refuse('SELF_GRANT_FORBIDDEN'); // R-ADM-5, R-SHR-3
      if (!holder.employed) refuse('MEMBER_INACTIVE');
      if (actor !== owner) {
        // R-SHR-1/3: only the owner, or an L1–L2 administrator (MR and delegates hold every level) over the owner.
        const administers = actsAsMainResponsible(a) || (a?.role === 'administrator' && a.level <= 2);
        if (!administers || !inScope(scopeOf(a!), owner.unit)) refuse('NOT_AUTHORIZED', 'SHARE_RIGHTS_EXCEEDED');
      }
      break;
    }
  }
  return codes.length === 0 ? { allowed: true } : { allowed: false, codes: [...new Set(codes)] };
}

/** The model after `command` was accepted (`id` is what the command created). */
export function apply(model: Model, command: ModelCommand, id?: string): void {
  switch (command.kind) {
    case 'appointAdministrator':
      member(model, command.target).authority = { role: 'administrator', level: command.level, ...(command.scope ? { scope: command.scope } : {}) };
      break;
    case 'dismissAdministrator':
      member(model, command.target).authority = undefined;
      break;
    case 'appointDelegate':
      member(model, command.target).authority = { role: 'delegate' };
      break;
    case 'issueGrant':
      member(model, command.target).grants[command.what] = id;
      break;
    case 'revokeGrant': {
      const target = member(model, command.target);
      delete target.grants[command.what];
      delete target.ending[command.what];
      break;
    }
    case 'endEmployment': {
      // R-MEM-6: appointments end at once; grants, roles and shares by the automatic endings.
      const target = member(model, command.target);
      target.employed = false;
      target.authority = undefined;
      target.ending = { ...target.ending, ...target.grants };
      target.grants = {};
      break;
    }
    case 'placeOrder':
      model.orders.push({ id: id!, orderer: command.actor, status: 'placed', service: command.service });
      break;
    case 'attestOrder':
      model.orders[command.order]!.status = 'attested';
      model.subscribed.push(model.orders[command.order]!.service);
      break;
    case 'shareWorkspace':
      break;
  }
}
