import fc from 'fast-check';
import { UNITS, type Authority, type BusinessRole, type GrantWhat, type Level, type Model, type ModelCommand, type ModelMember, type Unit } from './authority-oracle.js';
import type { Caller, Outcome, Step, Transport } from './authority-transport.js';

/** Services placed orders ask for, one fresh service per order so attestations never collide. */
export const ORDERABLE = Array.from({ length: 12 }, (_, i) => `orderable-${i}`);

export interface PersonSpec {
  unit?: Unit;
  authority?: Authority;
  roles: BusinessRole[];
  payroll: boolean;
}

const unit = fc.option(fc.constantFrom(...UNITS), { nil: undefined });
const level = fc.constantFrom<Level>(1, 2, 3, 4);
const authority: fc.Arbitrary<Authority | undefined> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant({ role: 'delegate' } as Authority) },
  { weight: 4, arbitrary: fc.record({ role: fc.constant('administrator' as const), level, scope: unit }).map((a) => (a.scope ? a : { role: a.role, level: a.level })) },
);

/** Random members besides the main responsible: a unit, an authority (none, delegate, L1–L4 over a scope), business roles. */
export const peopleSpec: fc.Arbitrary<PersonSpec[]> = fc.array(
  fc.record({ unit, authority, roles: fc.subarray<BusinessRole>(['orderer', 'attestant']), payroll: fc.boolean() }),
  { minLength: 3, maxLength: 6 },
);

/** A command drawn by position: indices pick members and orders of whatever world it lands in. */
export type CommandDraw = { kind: ModelCommand['kind']; actor: number; target: number; holder: number; level: Level; scope?: Unit; what: GrantWhat; order: number; self: boolean };

export const commandDraw: fc.Arbitrary<CommandDraw> = fc.record({
  kind: fc.oneof(
    ...([
      ['appointAdministrator', 3], ['dismissAdministrator', 1], ['appointDelegate', 1], ['issueGrant', 3], ['revokeGrant', 1],
      ['endEmployment', 1], ['placeOrder', 2], ['attestOrder', 2], ['shareWorkspace', 1],
    ] as const).map(([kind, weight]) => ({ weight, arbitrary: fc.constant<ModelCommand['kind']>(kind) })),
  ),
  actor: fc.nat(),
  target: fc.nat(),
  holder: fc.nat(),
  level,
  scope: unit,
  what: fc.constantFrom<GrantWhat>('payroll', 'orderer', 'attestant'),
  order: fc.nat(),
  // Aims the command at the actor itself (R-ADM-5), or an attestation at one's own order (R-ORD-2), more often than chance would.
  self: fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 4, arbitrary: fc.constant(false) }),
});

/** The command a draw stands for in `model`. */
export function commandOf(draw: CommandDraw, model: Model): ModelCommand {
  const pick = (i: number) => model.members[i % model.members.length]!.name;
  const actor = pick(draw.actor);
  const [target, holder] = [draw.self ? actor : pick(draw.target), draw.self ? actor : pick(draw.holder)];
  switch (draw.kind) {
    case 'appointAdministrator': return { kind: draw.kind, actor, target, level: draw.level, ...(draw.scope ? { scope: draw.scope } : {}) };
    case 'issueGrant': case 'revokeGrant': return { kind: draw.kind, actor, target, what: draw.what };
    case 'placeOrder': return { kind: draw.kind, actor, service: ORDERABLE[model.orders.length % ORDERABLE.length]! };
    case 'attestOrder': {
      const order = model.orders.length ? draw.order % (model.orders.length + 1) : 0;
      return { kind: draw.kind, actor: draw.self && model.orders[order] ? model.orders[order].orderer : actor, order };
    }
    case 'shareWorkspace': return { kind: draw.kind, actor, target, holder };
    default: return { kind: draw.kind, actor, target };
  }
}

/** The API step for a model command, as its actor. */
export function stepOf(command: ModelCommand, model: Model, unitIds: Record<Unit, string>, unknownId: string): Step {
  const id = (name: string) => model.members.find((m) => m.name === name)!.id;
  switch (command.kind) {
    case 'appointAdministrator': return { kind: command.kind, memberId: id(command.target), level: command.level, ...(command.scope ? { unitId: unitIds[command.scope] } : {}) };
    case 'dismissAdministrator': case 'appointDelegate': case 'endEmployment': return { kind: command.kind, memberId: id(command.target) };
    case 'issueGrant': return { kind: command.kind, memberId: id(command.target), what: command.what };
    case 'revokeGrant': {
      const target = model.members.find((m) => m.name === command.target)!;
      return { kind: command.kind, memberId: target.id, grantId: target.grants[command.what] ?? target.ending[command.what] ?? unknownId };
    }
    case 'placeOrder': return { kind: command.kind, service: command.service };
    case 'attestOrder': return { kind: command.kind, orderId: model.orders[command.order]?.id ?? unknownId };
    case 'shareWorkspace': return { kind: command.kind, ownerId: id(command.target), holderId: id(command.holder) };
  }
}

export interface BuiltWorld {
  organizationId: string;
  model: Model;
  unitIds: Record<Unit, string>;
}

/**
 * Builds an organization through `transport` as the operator and its main responsible (who may do all of it):
 * units U1 > U1a and U2, the members of `people` with their units, appointments and grants.
 */
export async function buildWorld(transport: Transport, people: PersonSpec[], tag: string): Promise<BuiltWorld> {
  const operator: Caller = { subject: `${tag}-operator`, operator: true };
  const must = async (caller: Caller, org: string, step: Step): Promise<string | undefined> => {
    const outcome: Outcome = await transport.run(caller, org, step);
    if (!outcome.ok) throw new Error(`setting up the world: ${step.kind} by ${caller.subject} was refused with ${outcome.code}`);
    return outcome.id;
  };
  const org = (await must(operator, '', { kind: 'registerOrganization', name: `Org ${tag}` }))!;
  const mr: ModelMember = { name: 'mr', subject: `${tag}-mr`, id: '', authority: { role: 'main-responsible' }, employed: true, grants: {}, ending: {} };
  mr.id = (await must(operator, org, { kind: 'registerMainResponsible', subject: mr.subject }))!;
  await must(operator, org, { kind: 'subscribe', service: 'payroll' });
  const asMr: Caller = { subject: mr.subject };
  const u1 = (await must(asMr, org, { kind: 'createUnit', name: 'U1' }))!;
  const unitIds: Record<Unit, string> = { U1: u1, U1a: (await must(asMr, org, { kind: 'createUnit', name: 'U1a', parentId: u1 }))!, U2: (await must(asMr, org, { kind: 'createUnit', name: 'U2' }))! };
  const members: ModelMember[] = [mr];
  for (const [i, person] of people.entries()) {
    const subject = `${tag}-p${i}`;
    const id = (await must(asMr, org, { kind: 'invite', subject, ...(person.unit ? { unitId: unitIds[person.unit] } : {}) }))!;
    await must({ subject }, org, { kind: 'accept', memberId: id });
    const m: ModelMember = { name: `p${i}`, subject, id, unit: person.unit, authority: person.authority, employed: true, grants: {}, ending: {} };
    const a = person.authority;
    if (a?.role === 'delegate') await must(asMr, org, { kind: 'appointDelegate', memberId: id });
    if (a?.role === 'administrator') await must(asMr, org, { kind: 'appointAdministrator', memberId: id, level: a.level, ...(a.scope ? { unitId: unitIds[a.scope] } : {}) });
    for (const what of [...person.roles, ...(person.payroll ? (['payroll'] as const) : [])]) {
      m.grants[what] = await must(asMr, org, { kind: 'issueGrant', memberId: id, what });
    }
    members.push(m);
  }
  return { organizationId: org, unitIds, model: { members, orders: [], subscribed: [] } };
}
