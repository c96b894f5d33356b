import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import type { TestApp } from '@behorighet/testing';
import { ChangeMember } from '../../../apps/api/src/members/member-command.handler.js';
import { ChangeOrder } from '../../../apps/api/src/orders/order-command.handler.js';
import { ChangeOrganization } from '../../../apps/api/src/organizations/organization-command.handler.js';
import type { RequestContext } from '../../../apps/api/src/write-model/request-context.js';
import { answerDefects } from './answer-checks.js';
import type { GrantWhat, Level } from './authority-oracle.js';

/** One thing a caller asks of one organization, in the API's words. */
export type Step =
  | { kind: 'registerOrganization'; name: string }
  | { kind: 'registerMainResponsible'; subject: string }
  | { kind: 'subscribe'; service: string }
  | { kind: 'createUnit'; name: string; parentId?: string }
  | { kind: 'invite'; subject: string; unitId?: string }
  | { kind: 'accept'; memberId: string }
  | { kind: 'appointAdministrator'; memberId: string; level: Level; unitId?: string }
  | { kind: 'dismissAdministrator'; memberId: string }
  | { kind: 'appointDelegate'; memberId: string }
  | { kind: 'issueGrant'; memberId: string; what: GrantWhat }
  | { kind: 'revokeGrant'; memberId: string; grantId: string }
  | { kind: 'endEmployment'; memberId: string }
  | { kind: 'placeOrder'; service: string }
  | { kind: 'attestOrder'; orderId: string }
  | { kind: 'shareWorkspace'; ownerId: string; holderId: string };

export type Outcome = { ok: true; id?: string } | { ok: false; code: string };

export interface Caller {
  subject: string;
  operator?: boolean;
}

/** Runs steps as a caller: over HTTP (the whole API) or through the command bus (the same handlers, no transport). */
export interface Transport {
  readonly name: string;
  run(caller: Caller, organizationId: string, step: Step): Promise<Outcome>;
}

const target = (what: GrantWhat) => (what === 'payroll' ? { service: 'payroll' } : { role: what });

/** Through the public API; refusals must be problems with a code (checked here). */
export class HttpTransport implements Transport {
  readonly name = 'HTTP';
  private readonly bearers = new Map<string, Promise<string>>();

  constructor(private readonly t: TestApp) {}

  async run(caller: Caller, org: string, step: Step): Promise<Outcome> {
    const key = `${caller.subject}:${caller.operator === true}`;
    if (!this.bearers.has(key)) this.bearers.set(key, this.t.token(caller.subject, { operator: caller.operator }).then((t) => `Bearer ${t}`));
    const [method, path, body] = this.route(org, step);
    const res = await this.t.http[method](path).set('authorization', await this.bearers.get(key)!).send(body);
    if (res.status < 300) return { ok: true, id: res.body?.id };
    const defects = answerDefects(res);
    if (defects.length > 0) throw new Error(`${method.toUpperCase()} ${path} answered ${res.status} with ${defects.join(', ')}`);
    return { ok: false, code: res.body.code };
  }

  private route(org: string, step: Step): ['post' | 'delete', string, object] {
    const o = `/v1/organizations/${org}`;
    switch (step.kind) {
      case 'registerOrganization': return ['post', '/v1/organizations', { name: step.name, orgNumber: '556016-0680' }];
      case 'registerMainResponsible': return ['post', `${o}/main-responsibles`, { subject: step.subject, name: step.subject, email: `${step.subject}@example.se` }];
      case 'subscribe': return ['post', `${o}/subscriptions`, { service: step.service }];
      case 'createUnit': return ['post', `${o}/units`, { name: step.name, ...(step.parentId ? { parentId: step.parentId } : {}) }];
      case 'invite': return ['post', `${o}/members`, { type: 'employee', name: step.subject, email: `${step.subject}@example.se`, subject: step.subject, ...(step.unitId ? { unitId: step.unitId } : {}) }];
      case 'accept': return ['post', `${o}/members/${step.memberId}/invitation/acceptance`, {}];
      case 'appointAdministrator': return ['post', `${o}/administrators`, { memberId: step.memberId, level: step.level, ...(step.unitId ? { unitId: step.unitId } : {}) }];
      case 'dismissAdministrator': return ['delete', `${o}/administrators/${step.memberId}`, {}];
      case 'appointDelegate': return ['post', `${o}/delegates`, { memberId: step.memberId }];
      case 'issueGrant': return ['post', `${o}/members/${step.memberId}/grants`, target(step.what)];
      case 'revokeGrant': return ['delete', `${o}/members/${step.memberId}/grants/${step.grantId}`, {}];
      case 'endEmployment': return ['post', `${o}/members/${step.memberId}/employment-end`, {}];
      case 'placeOrder': return ['post', `${o}/orders`, { service: step.service }];
      case 'attestOrder': return ['post', `${o}/orders/${step.orderId}/attestation`, {}];
      case 'shareWorkspace': return ['post', `${o}/members/${step.ownerId}/shares`, { resource: 'workspace', memberId: step.holderId, actions: ['read'] }];
    }
  }
}

/** Through the CommandBus with the commands the controllers build: the same handlers, loaders and deciders. */
export class BusTransport implements Transport {
  readonly name = 'command bus';
  private readonly bus: CommandBus;

  constructor(t: TestApp) {
    this.bus = t.app.get(CommandBus);
  }

  async run(caller: Caller, org: string, step: Step): Promise<Outcome> {
    const ctx: RequestContext = {
      caller: { subject: caller.subject, roles: caller.operator ? ['platform-operator'] : [], operator: caller.operator === true },
      correlationId: randomUUID(),
      causationId: `test:${randomUUID()}`,
    };
    const id = randomUUID();
    try {
      const answer = await this.bus.execute(this.command(org, step, ctx, id));
      return { ok: true, id: answer.id };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && (error as { kind?: unknown }).kind !== undefined) return { ok: false, code };
      throw error;
    }
  }

  private command(org: string, step: Step, ctx: RequestContext, id: string) {
    const organization = (command: ConstructorParameters<typeof ChangeOrganization>[1], created?: string) => new ChangeOrganization(org, command, ctx, created);
    switch (step.kind) {
      case 'registerOrganization': return new ChangeOrganization(id, { type: 'RegisterOrganization', organizationId: id, name: step.name, orgNumber: '556016-0680' }, ctx, id);
      case 'registerMainResponsible': return organization({ type: 'RegisterMainResponsible', memberId: id, subject: step.subject, name: step.subject, email: `${step.subject}@example.se` }, id);
      case 'subscribe': return organization({ type: 'SubscribeService', service: step.service });
      case 'createUnit': return organization({ type: 'CreateUnit', unitId: id, name: step.name, parentId: step.parentId }, id);
      case 'invite': return organization({ type: 'InviteUser', memberId: id, memberType: 'employee', name: step.subject, email: `${step.subject}@example.se`, subject: step.subject, unitId: step.unitId }, id);
      case 'accept': return organization({ type: 'AcceptInvitation', memberId: step.memberId });
      case 'appointAdministrator': return organization({ type: 'AppointAdministrator', memberId: step.memberId, level: step.level, unitId: step.unitId });
      case 'dismissAdministrator': return organization({ type: 'DismissAdministrator', memberId: step.memberId });
      case 'appointDelegate': return organization({ type: 'AppointDelegate', memberId: step.memberId });
      case 'endEmployment': return organization({ type: 'EndEmployment', memberId: step.memberId });
      case 'issueGrant': return new ChangeMember(org, { type: 'IssueGrant', memberId: step.memberId, grantIds: [id], target: target(step.what) as never }, ctx, id);
      case 'revokeGrant': return new ChangeMember(org, { type: 'RevokeGrant', memberId: step.memberId, grantId: step.grantId }, ctx);
      case 'shareWorkspace': return new ChangeMember(org, { type: 'ShareAccess', memberId: step.ownerId, shareId: id, resource: 'workspace', holderMemberId: step.holderId, actions: ['read'] }, ctx, id);
      case 'placeOrder': return new ChangeOrder(org, { type: 'PlaceOrder', orderId: id, service: step.service }, ctx, id);
      case 'attestOrder': return new ChangeOrder(org, { type: 'AttestOrder', orderId: step.orderId }, ctx);
    }
  }
}
