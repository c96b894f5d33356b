import type { Response } from 'supertest';
import { memberDecider, memberStream, organizationDecider, organizationStream, upcast, type MemberState, type OrganizationState } from '@behorighet/domain';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import type { TestApp } from './test-app.js';
import { APP_CONFIG, type AppConfig } from '../../../apps/api/src/config/app-config.js';
import { invitationIssuedAt, invitationToken } from '../../../apps/api/src/members/invitation-token.js';
import { Aggregates } from '../../../apps/api/src/write-model/aggregates.js';

/**
 * Small steps that build state through the public HTTP API for end-to-end scenarios. Each answers the id it
 * created and fails with the problem body when the API refuses, so a broken setup says why.
 * Tokens are passed as bearer strings (`Bearer …`, see `bearer`).
 */

/** `Bearer <token>` for `subject`, with the platform-operator role when asked. */
export async function bearer(t: TestApp, subject: string, options: { operator?: boolean } = {}): Promise<string> {
  return `Bearer ${await t.token(subject, options)}`;
}

/** A deterministic e-mail address for a test subject. */
export function emailOf(subject: string): string {
  return `${subject.toLowerCase().replace(/[^a-z0-9.-]/g, '_')}@example.se`;
}

/** Throws with the answer's body unless it has `status`; returns the response for chaining. */
export function expectStatus(res: Response, status: number): Response {
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res;
}

/** Sets the instant every rule uses (the app runs with the test clock); any valid token may. */
export async function setClock(t: TestApp, now: string | Date, token?: string): Promise<void> {
  const authorization = token ?? (await bearer(t, 'test-clock'));
  const res = await t.http.put('/v1/test/clock').set('authorization', authorization).send({ now: typeof now === 'string' ? now : now.toISOString() });
  if (res.status >= 300) throw new Error(`setting the clock failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** R-ORG-1: the operator registers an organization; answers its id. */
export async function registerOrganization(t: TestApp, operator: string, body: { name: string; orgNumber: string; groupId?: string }): Promise<string> {
  const res = await t.http.post('/v1/organizations').set('authorization', operator).send(body);
  return expectStatus(res, 201).body.id;
}

export interface MainResponsibleInput {
  subject: string;
  name?: string;
  email?: string;
  employedBy?: string;
  validUntil?: string;
}

/** R-ORG-2: the operator registers the organization's main responsible; answers its member id. */
export async function appointMainResponsible(t: TestApp, operator: string, organizationId: string, input: MainResponsibleInput): Promise<string> {
  const body = { name: `Main ${input.subject}`, email: emailOf(input.subject), ...input };
  const res = await t.http.post(`/v1/organizations/${organizationId}/main-responsibles`).set('authorization', operator).send(body);
  return expectStatus(res, 201).body.id;
}

/** An organization with one main responsible: ids and the main responsible's bearer token. */
export async function organizationWithMainResponsible(
  t: TestApp,
  operator: string,
  org: { name: string; orgNumber: string; groupId?: string },
  mainResponsibleSubject: string,
): Promise<{ organizationId: string; mainResponsibleId: string; mainResponsible: string }> {
  const organizationId = await registerOrganization(t, operator, org);
  const mainResponsibleId = await appointMainResponsible(t, operator, organizationId, { subject: mainResponsibleSubject });
  return { organizationId, mainResponsibleId, mainResponsible: await bearer(t, mainResponsibleSubject) };
}

/** R-MEM-2: `editor` invites an employee bound to `subject`, who accepts; answers the member id. */
export async function inviteAndAccept(
  t: TestApp,
  editor: string,
  organizationId: string,
  input: { subject: string; name?: string; email?: string; unitId?: string; type?: string },
): Promise<string> {
  const { subject, unitId } = input;
  const body = { type: input.type ?? 'employee', name: input.name ?? `User ${subject}`, email: input.email ?? emailOf(subject), subject, ...(unitId ? { unitId } : {}) };
  const invited = await t.http.post(`/v1/organizations/${organizationId}/members`).set('authorization', editor).send(body);
  const memberId: string = expectStatus(invited, 201).body.id;
  const accepted = await t.http
    .post(`/v1/organizations/${organizationId}/members/${memberId}/invitation/acceptance`)
    .set('authorization', await bearer(t, subject))
    .send({});
  expectStatus(accepted, 200);
  return memberId;
}

/** R-ORG-6: `editor` creates a unit (under `parentId` when given); answers its id. */
export async function createUnit(t: TestApp, editor: string, organizationId: string, body: { name: string; parentId?: string }): Promise<string> {
  const res = await t.http.post(`/v1/organizations/${organizationId}/units`).set('authorization', editor).send(body);
  return expectStatus(res, 201).body.id;
}

/** R-ADM-1…3: `appointer` appoints `memberId` administrator at `level` (scoped to `unitId` when given). */
export async function appointAdministrator(
  t: TestApp,
  appointer: string,
  organizationId: string,
  body: { memberId: string; level: 1 | 2 | 3 | 4; unitId?: string; validUntil?: string },
): Promise<void> {
  const res = await t.http.post(`/v1/organizations/${organizationId}/administrators`).set('authorization', appointer).send(body);
  expectStatus(res, 201);
}

/** R-GRT-1: `editor` grants a service (or role) to `memberId`; answers the first grant id. */
export async function issueGrant(
  t: TestApp,
  editor: string,
  organizationId: string,
  memberId: string,
  body: { service?: string; role?: string; employerCodes?: string[]; validUntil?: string },
): Promise<string> {
  const res = await t.http.post(`/v1/organizations/${organizationId}/members/${memberId}/grants`).set('authorization', editor).send(body);
  return expectStatus(res, 201).body.id;
}

/** R-LOG-1: the member's own login attempt (201 allowed, 403 LOGIN_DENIED with `reasons`). */
export async function attemptLogin(t: TestApp, organizationId: string, memberId: string, subject: string): Promise<Response> {
  return t.http.post(`/v1/organizations/${organizationId}/members/${memberId}/logins`).set('authorization', await bearer(t, subject)).send({});
}

/** The events of one stream as the log holds them (type and data), oldest first. */
export async function streamEvents(t: TestApp, stream: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
  const events: Array<{ type: string; data: Record<string, unknown> }> = [];
  for await (const e of t.app.get<EventStore>(EVENT_STORE).readStream(stream)) events.push({ type: e.type, data: upcast(e.type, e.data) as Record<string, unknown> });
  return events;
}

/** An organization's state folded from the log with the domain's own evolve: what the write model decides on. */
export async function organizationFromLog(t: TestApp, organizationId: string): Promise<OrganizationState> {
  const events = await streamEvents(t, organizationStream(organizationId));
  return events.reduce((state, e) => organizationDecider.evolve(state, e as never), organizationDecider.initialState());
}

/** A member stream's state (its grants) folded from the log. */
export async function memberFromLog(t: TestApp, memberId: string): Promise<MemberState> {
  const events = await streamEvents(t, memberStream(memberId));
  return events.reduce((state, e) => memberDecider.evolve(state, e as never), memberDecider.initialState());
}

/** The operator registers catalog services, each named after its key. */
export async function registerServices(t: TestApp, operator: string, keys: string[]): Promise<void> {
  for (const key of keys) expectStatus(await t.http.post('/v1/services').set('authorization', operator).send({ key, name: `Service ${key}` }), 201);
}

/** R-ORD-1: `orderer` places an order (a service, or an agent assignment); answers the order id. */
export async function placeOrder(
  t: TestApp,
  orderer: string,
  organizationId: string,
  body: { service: string; kind?: 'service' | 'agent-assignment'; note?: string },
): Promise<string> {
  const res = await t.http.post(`/v1/organizations/${organizationId}/orders`).set('authorization', orderer).send(body);
  return expectStatus(res, 201).body.id;
}

/** R-SHR-2: `sharer` opens the owner's address book or workspace to `body.memberId`; answers the share id. */
export async function shareAccess(
  t: TestApp,
  sharer: string,
  organizationId: string,
  ownerId: string,
  body: { resource: 'address-book' | 'workspace'; memberId: string; actions: string[]; grantable?: string[]; authorize?: boolean },
): Promise<string> {
  const res = await t.http.post(`/v1/organizations/${organizationId}/members/${ownerId}/shares`).set('authorization', sharer).send(body);
  return expectStatus(res, 201).body.id;
}

/** The operator subscribes the organization to catalog services. */
export async function subscribeServices(t: TestApp, operator: string, organizationId: string, services: string[]): Promise<void> {
  for (const service of services) {
    expectStatus(await t.http.post(`/v1/organizations/${organizationId}/subscriptions`).set('authorization', operator).send({ service }), 201);
  }
}

/** R-MEM-1/2: `editor` invites a member of any type (`person-only` is registered without invitation); answers the member id. */
export async function inviteMember(
  t: TestApp,
  editor: string,
  organizationId: string,
  body: { type: string; name: string; email?: string; subject?: string; unitId?: string; endsAt?: string; resellerOrgId?: string; message?: string },
): Promise<string> {
  return expectStatus(await t.http.post(`/v1/organizations/${organizationId}/members`).set('authorization', editor).send(body), 201).body.id;
}

/** R-LOG-1: `asker` asks whether the member may log in now (`{ allowed, reasons, profileOnly }`, or a problem). */
export async function askLoginEligibility(t: TestApp, asker: string, organizationId: string, memberId: string): Promise<Response> {
  return t.http.get(`/v1/organizations/${organizationId}/members/${memberId}/login-eligibility`).set('authorization', asker);
}

/** R-MEM-2: the token the member's latest invitation e-mail carries (for invitations that name no subject). */
export async function invitationTokenOf(t: TestApp, organizationId: string, memberId: string): Promise<string> {
  const organization = await t.app.get(Aggregates).organization(organizationId);
  const issuedAt = invitationIssuedAt(organization.members[memberId]);
  if (!issuedAt) throw new Error(`member ${memberId} has no open invitation`);
  return invitationToken(t.app.get<AppConfig>(APP_CONFIG).invitationSecret, memberId, issuedAt);
}

/**
 * R-SEC-3: sends `body` (or nothing) with `method` to `path` as `authorization` and expects a 400 problem naming
 * `field`, with the log's head position unchanged (nothing written). The validation matrices of every area use it.
 */
export async function expectValidationRefusal(
  t: TestApp,
  request: { method: 'post' | 'put' | 'delete' | 'get'; path: string; authorization: string; body?: object },
  field: string,
): Promise<void> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const before = await store.headPosition();
  const pending = t.http[request.method](request.path).set('authorization', request.authorization);
  const res = await (request.body === undefined ? pending : pending.send(request.body));
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe('VALIDATION_FAILED');
  expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await store.headPosition()).toBe(before);
}
