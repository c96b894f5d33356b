import type { Response } from 'supertest';
import type { TestApp } from './test-app.js';

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
