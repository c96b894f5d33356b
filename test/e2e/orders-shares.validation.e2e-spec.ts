import { randomUUID } from 'node:crypto';
import { expectValidationRefusal, startTestApp, TestApp } from '@behorighet/testing';

/** R-SEC-3 for the order and share routes: bad input answers 400 naming the field, and nothing is written. */
describe('order and share routes: the validation matrix', () => {
  let t: TestApp;
  let bearer: string;
  const org = randomUUID();
  const owner = randomUUID();
  const id = randomUUID();
  const validShare = { resource: 'workspace', memberId: randomUUID(), actions: ['read'] };

  beforeAll(async () => {
    t = await startTestApp();
    const operator = `Bearer ${await t.token('operator-1', { operator: true })}`;
    await t.http.post('/v1/services').set('authorization', operator).send({ key: 'payroll', name: 'Payroll' }).expect(201);
    bearer = `Bearer ${await t.token('someone')}`;
  });
  afterAll(() => t.close());

  type Case = [string, 'post' | 'delete', string, object | undefined, string];
  const cases: Case[] = [
    ['order: service missing', 'post', `/v1/organizations/${org}/orders`, { note: 'x' }, 'service'],
    ['order: unknown field', 'post', `/v1/organizations/${org}/orders`, { service: 'payroll', price: 10 }, 'price'],
    ['order: service of the wrong type', 'post', `/v1/organizations/${org}/orders`, { service: 42 }, 'service'],
    ['order: unknown kind', 'post', `/v1/organizations/${org}/orders`, { service: 'payroll', kind: 'connection-application' }, 'kind'],
    ['order: organization id not a UUID', 'post', '/v1/organizations/acme/orders', { service: 'payroll' }, 'org'],
    ['application: applicant missing', 'post', `/v1/organizations/${org}/connection-applications`, { service: 'payroll' }, 'applicantOrganizationId'],
    ['application: applicant not a UUID', 'post', `/v1/organizations/${org}/connection-applications`, { service: 'payroll', applicantOrganizationId: 'acme' }, 'applicantOrganizationId'],
    ['application: unknown field', 'post', `/v1/organizations/${org}/connection-applications`, { service: 'payroll', applicantOrganizationId: id, kind: 'service' }, 'kind'],
    ['attestation: unknown field', 'post', `/v1/organizations/${org}/orders/${id}/attestation`, { approved: true }, 'approved'],
    ['attestation: order id not a UUID', 'post', `/v1/organizations/${org}/orders/42/attestation`, {}, 'order'],
    ['rejection: reason missing', 'post', `/v1/organizations/${org}/orders/${id}/rejection`, {}, 'reason'],
    ['rejection: reason of the wrong type', 'post', `/v1/organizations/${org}/orders/${id}/rejection`, { reason: 7 }, 'reason'],
    ['rejection: unknown field', 'post', `/v1/organizations/${org}/orders/${id}/rejection`, { reason: 'no', by: 'me' }, 'by'],
    ['share: holder missing', 'post', `/v1/organizations/${org}/members/${owner}/shares`, { resource: 'workspace', actions: ['read'] }, 'memberId'],
    ['share: unknown resource', 'post', `/v1/organizations/${org}/members/${owner}/shares`, { ...validShare, resource: 'mailbox' }, 'resource'],
    ['share: actions not an array', 'post', `/v1/organizations/${org}/members/${owner}/shares`, { ...validShare, actions: 'read' }, 'actions'],
    ['share: unknown grantable right', 'post', `/v1/organizations/${org}/members/${owner}/shares`, { ...validShare, grantable: ['delete'] }, 'grantable'],
    ['share: authorize of the wrong type', 'post', `/v1/organizations/${org}/members/${owner}/shares`, { ...validShare, authorize: 'yes' }, 'authorize'],
    ['share: unknown field', 'post', `/v1/organizations/${org}/members/${owner}/shares`, { ...validShare, expires: 'never' }, 'expires'],
    ['share: owner id not a UUID', 'post', `/v1/organizations/${org}/members/me/shares`, validShare, 'owner'],
    ['share revocation: share id not a UUID', 'delete', `/v1/organizations/${org}/members/${owner}/shares/first`, undefined, 'share'],
    ['switch: unknown field', 'post', `/v1/organizations/${org}/members/${owner}/shares/${id}/switch`, { as: 'owner' }, 'as'],
    ['switch: share id not a UUID', 'post', `/v1/organizations/${org}/members/${owner}/shares/x/switch`, {}, 'share'],
  ];

  it.each(cases)('R-SEC-3 %s → 400 VALIDATION_FAILED naming the field, nothing written', async (_name, method, path, body, field) => {
    await expectValidationRefusal(t, { method, path, authorization: bearer, body }, field);
  });

  it('accepts an absent or empty body on the routes that take none (the answer then comes from the domain)', async () => {
    for (const body of [undefined, {}]) {
      const request = t.http.post(`/v1/organizations/${org}/orders/${id}/attestation`).set('authorization', bearer);
      const res = await (body === undefined ? request : request.send(body));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_A_MEMBER');
    }
  });
});
