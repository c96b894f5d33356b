import { randomUUID } from 'node:crypto';
import { expectValidationRefusal, startTestApp, TestApp } from '@behorighet/testing';

/** R-SEC-3 for the member, grant and login routes: bad input answers 400 naming the field, and nothing is written. */
describe('member, grant and login routes: the validation matrix', () => {
  let t: TestApp;
  let bearer: string;
  const org = randomUUID();
  const m = `/v1/organizations/${org}/members/${randomUUID()}`;
  const grant = `${m}/grants/${randomUUID()}`;
  const invite = { email: 'anna@example.se', name: 'Anna', type: 'employee' };

  beforeAll(async () => {
    t = await startTestApp();
    bearer = `Bearer ${await t.token('someone')}`;
  });
  afterAll(() => t.close());

  type Case = [string, 'post' | 'delete' | 'get', string, object | undefined, string];
  const cases: Case[] = [
    ['invite: name missing', 'post', `/v1/organizations/${org}/members`, { email: 'a@example.se', type: 'employee' }, 'name'],
    ['invite: e-mail missing for an employee', 'post', `/v1/organizations/${org}/members`, { name: 'Anna', type: 'employee' }, 'email'],
    ['invite: e-mail malformed', 'post', `/v1/organizations/${org}/members`, { ...invite, email: 'anna' }, 'email'],
    ['invite: unknown type', 'post', `/v1/organizations/${org}/members`, { ...invite, type: 'intern' }, 'type'],
    ['invite: name of the wrong type', 'post', `/v1/organizations/${org}/members`, { ...invite, name: 42 }, 'name'],
    ['invite: end date not an instant', 'post', `/v1/organizations/${org}/members`, { ...invite, type: 'external', endsAt: 'next summer' }, 'endsAt'],
    ['invite: unit not a UUID', 'post', `/v1/organizations/${org}/members`, { ...invite, unitId: 'sales' }, 'unitId'],
    ['invite: reseller not a UUID', 'post', `/v1/organizations/${org}/members`, { ...invite, type: 'reseller', resellerOrgId: 'acme' }, 'resellerOrgId'],
    ['invite: unknown field', 'post', `/v1/organizations/${org}/members`, { ...invite, phone: '070-123' }, 'phone'],
    ['invite: organization id not a UUID', 'post', '/v1/organizations/acme/members', invite, 'org'],
    ['resend: message of the wrong type', 'post', `${m}/invitation/resend`, { message: ['hi'] }, 'message'],
    ['resend: unknown field', 'post', `${m}/invitation/resend`, { email: 'b@example.se' }, 'email'],
    ['resend: member id not a UUID', 'post', `/v1/organizations/${org}/members/anna/invitation/resend`, {}, 'member'],
    ['acceptance: unknown field', 'post', `${m}/invitation/acceptance`, { subject: 'me' }, 'subject'],
    ['employment end: effectiveAt not an instant', 'post', `${m}/employment-end`, { effectiveAt: 'tomorrow' }, 'effectiveAt'],
    ['employment end: reason of the wrong type', 'post', `${m}/employment-end`, { reason: 3 }, 'reason'],
    ['employment end: unknown field', 'post', `${m}/employment-end`, { at: '2030-01-01T00:00:00Z' }, 'at'],
    ['access removal: unknown field', 'post', `${m}/access-removal`, { type: 'person-only' }, 'type'],
    ['access removal: reason of the wrong type', 'post', `${m}/access-removal`, { reason: true }, 'reason'],
    ['deactivation: unknown field', 'post', `${m}/deactivation`, { keepHistory: false }, 'keepHistory'],
    ['deletion: unknown field', 'delete', m, { hard: true }, 'hard'],
    ['deletion: member id not a UUID', 'delete', `/v1/organizations/${org}/members/7`, undefined, 'member'],
    ['grant: none of service, package, role', 'post', `${m}/grants`, { validUntil: '2030-01-01T00:00:00Z' }, 'service'],
    ['grant: two of service, package, role', 'post', `${m}/grants`, { service: 'payroll', package: 'base' }, 'package'],
    ['grant: unknown role', 'post', `${m}/grants`, { role: 'boss' }, 'role'],
    ['grant: service of the wrong type', 'post', `${m}/grants`, { service: 12 }, 'service'],
    ['grant: employer codes not an array', 'post', `${m}/grants`, { service: 'payroll', employerCodes: 'AG-1' }, 'employerCodes'],
    ['grant: validUntil not an instant', 'post', `${m}/grants`, { service: 'payroll', validUntil: 'forever' }, 'validUntil'],
    ['grant: unknown field', 'post', `${m}/grants`, { service: 'payroll', level: 1 }, 'level'],
    ['extension: validUntil missing', 'post', `${grant}/extension`, {}, 'validUntil'],
    ['extension: validUntil of the wrong type', 'post', `${grant}/extension`, { validUntil: 2030 }, 'validUntil'],
    ['extension: unknown field', 'post', `${grant}/extension`, { validUntil: '2030-01-01T00:00:00Z', months: 12 }, 'months'],
    ['extension: grant id not a UUID', 'post', `${m}/grants/g1/extension`, { validUntil: '2030-01-01T00:00:00Z' }, 'grant'],
    ['revocation: reason of the wrong type', 'delete', grant, { reason: 1 }, 'reason'],
    ['revocation: unknown field', 'delete', grant, { cascade: true }, 'cascade'],
    ['login: unknown field', 'post', `${m}/logins`, { password: 'x' }, 'password'],
    ['login: member id not a UUID', 'post', `/v1/organizations/${org}/members/me/logins`, {}, 'member'],
    ['login eligibility: member id not a UUID', 'get', `/v1/organizations/${org}/members/me/login-eligibility`, undefined, 'member'],
  ];

  it.each(cases)('R-SEC-3 %s → 400 VALIDATION_FAILED naming the field, nothing written', async (_name, method, path, body, field) => {
    await expectValidationRefusal(t, { method, path, authorization: bearer, body }, field);
  });

  it('accepts absent or empty bodies on the routes whose fields are all optional (the answer then comes from the domain)', async () => {
    const routes: Array<['post' | 'delete', string]> = [
      ['post', `${m}/invitation/acceptance`],
      ['post', `${m}/access-removal`],
      ['delete', m],
      ['delete', grant],
    ];
    for (const [method, path] of routes) {
      for (const body of [undefined, {}]) {
        const request = t.http[method](path).set('authorization', bearer);
        const res = await (body === undefined ? request : request.send(body));
        expect(res.status).toBe(404);
      }
    }
  });
});
