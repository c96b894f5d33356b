import { randomUUID } from 'node:crypto';
import { bearer, expectValidationRefusal, organizationWithMainResponsible, startTestApp, TestApp } from '@behorighet/testing';

/** R-SEC-3 for the organization, authority and structure routes: bad input answers 400 naming the field, and nothing is written. */
describe('organization, authority and structure routes: the validation matrix', () => {
  let t: TestApp;
  let operator: string;
  let mainResponsible: string;
  let org: string;
  let member: string;
  const unknown = randomUUID();
  const mr = { subject: 'se-eid:1', name: 'Maria Lind', email: 'maria@example.se' };
  const until = '2027-01-01T00:00:00Z';

  beforeAll(async () => {
    t = await startTestApp();
    operator = await bearer(t, 'operator-1', { operator: true });
    // A real organization, so that a body the pipe let through would reach the domain and write.
    ({ organizationId: org, mainResponsibleId: member, mainResponsible } = await organizationWithMainResponsible(t, operator, { name: 'Acme AB', orgNumber: '556016-0680' }, 'matrix-mr'));
  });
  afterAll(() => t.close());

  type Case = [name: string, method: 'post' | 'delete', path: (org: string) => string, body: object | undefined, field: string];
  const o = (suffix: string) => (id: string) => `/v1/organizations/${id}${suffix}`;
  const cases: Case[] = [
    ['organization: name missing', 'post', () => '/v1/organizations', { orgNumber: '556016-0680' }, 'name'],
    ['organization: org number missing', 'post', () => '/v1/organizations', { name: 'X AB' }, 'orgNumber'],
    ['organization: org number of the wrong type', 'post', () => '/v1/organizations', { name: 'X AB', orgNumber: 5560160680 }, 'orgNumber'],
    ['organization: org number malformed', 'post', () => '/v1/organizations', { name: 'X AB', orgNumber: '55601-60680' }, 'orgNumber'],
    ['organization: org number with a wrong Luhn digit', 'post', () => '/v1/organizations', { name: 'X AB', orgNumber: '556016-0681' }, 'orgNumber'],
    ['organization: group id of the wrong type', 'post', () => '/v1/organizations', { name: 'X AB', orgNumber: '556016-0680', groupId: 7 }, 'groupId'],
    ['organization: unknown field', 'post', () => '/v1/organizations', { name: 'X AB', orgNumber: '556016-0680', id: 'mine' }, 'id'],
    ['termination: reason of the wrong type', 'post', o('/agreement/termination'), { reason: 1 }, 'reason'],
    ['termination: unknown field', 'post', o('/agreement/termination'), { effectiveAt: until }, 'effectiveAt'],
    ['termination: organization id not a UUID', 'post', () => '/v1/organizations/acme/agreement/termination', {}, 'org'],
    ['renewal: unknown field', 'post', o('/agreement/renewal'), { until }, 'until'],
    ['subscription: service missing', 'post', o('/subscriptions'), {}, 'service'],
    ['subscription: service of the wrong type', 'post', o('/subscriptions'), { service: ['payroll'] }, 'service'],
    ['subscription: unknown field', 'post', o('/subscriptions'), { service: 'payroll', price: 0 }, 'price'],
    ['main responsible: subject missing', 'post', o('/main-responsibles'), { name: mr.name, email: mr.email }, 'subject'],
    ['main responsible: e-mail malformed', 'post', o('/main-responsibles'), { ...mr, email: 'maria' }, 'email'],
    ['main responsible: employer not a UUID', 'post', o('/main-responsibles'), { ...mr, employedBy: 'Moder AB' }, 'employedBy'],
    ['main responsible: validUntil not an instant', 'post', o('/main-responsibles'), { ...mr, validUntil: 'next year' }, 'validUntil'],
    ['main responsible: unknown field', 'post', o('/main-responsibles'), { ...mr, level: 1 }, 'level'],
    ['main responsible removal: member id not a UUID', 'delete', o('/main-responsibles/maria'), undefined, 'member'],
    ['main responsible removal: unknown field', 'delete', (id) => `/v1/organizations/${id}/main-responsibles/${member}`, { force: true }, 'force'],
    ['main responsible extension: validUntil missing', 'post', (id) => `/v1/organizations/${id}/main-responsibles/${member}/extension`, {}, 'validUntil'],
    ['main responsible extension: validUntil of the wrong type', 'post', (id) => `/v1/organizations/${id}/main-responsibles/${member}/extension`, { validUntil: 20270101 }, 'validUntil'],
    ['delegate: member id missing', 'post', o('/delegates'), {}, 'memberId'],
    ['delegate: member id not a UUID', 'post', o('/delegates'), { memberId: 'anna' }, 'memberId'],
    ['delegate: unknown field', 'post', o('/delegates'), { memberId: unknown, role: 'main-responsible' }, 'role'],
    ['delegate extension: validUntil missing', 'post', o(`/delegates/${unknown}/extension`), {}, 'validUntil'],
    ['delegate extension: member id not a UUID', 'post', o('/delegates/anna/extension'), { validUntil: until }, 'member'],
    ['delegate removal: member id not a UUID', 'delete', o('/delegates/anna'), undefined, 'member'],
    ['administrator: level missing', 'post', o('/administrators'), { memberId: unknown }, 'level'],
    ['administrator: level out of range', 'post', o('/administrators'), { memberId: unknown, level: 5 }, 'level'],
    ['administrator: level of the wrong type', 'post', o('/administrators'), { memberId: unknown, level: '1' }, 'level'],
    ['administrator: unit not a UUID', 'post', o('/administrators'), { memberId: unknown, level: 2, unitId: 'sales' }, 'unitId'],
    ['administrator: validFrom not an instant', 'post', o('/administrators'), { memberId: unknown, level: 2, validFrom: '2027-13-01' }, 'validFrom'],
    ['administrator: unknown field', 'post', o('/administrators'), { memberId: unknown, level: 2, scope: 'all' }, 'scope'],
    ['administrator dismissal: member id not a UUID', 'delete', o('/administrators/42'), undefined, 'member'],
    ['administrator extension: validUntil missing', 'post', o(`/administrators/${unknown}/extension`), {}, 'validUntil'],
    ['administrator extension: unknown field', 'post', o(`/administrators/${unknown}/extension`), { validUntil: until, level: 1 }, 'level'],
    ['unit: name missing', 'post', o('/units'), { parentId: unknown }, 'name'],
    ['unit: name of the wrong type', 'post', o('/units'), { name: { sv: 'Ekonomi' } }, 'name'],
    ['unit: parent not a UUID', 'post', o('/units'), { name: 'Ekonomi', parentId: 'root' }, 'parentId'],
    ['unit: unknown field', 'post', o('/units'), { name: 'Ekonomi', unitId: unknown }, 'unitId'],
    ['employer code: code missing', 'post', o('/employer-codes'), {}, 'code'],
    ['employer code: code of the wrong type', 'post', o('/employer-codes'), { code: 1234 }, 'code'],
    ['employer code: code malformed', 'post', o('/employer-codes'), { code: 'AG 1/2' }, 'code'],
    ['employer code: unknown field', 'post', o('/employer-codes'), { code: 'AG-1', active: true }, 'active'],
    ['employer code closure: code malformed', 'post', o('/employer-codes/%20AG/closure'), {}, 'code'],
    ['employer code closure: unknown field', 'post', o('/employer-codes/AG-1/closure'), { reason: 'old' }, 'reason'],
  ];

  /** Whoever may call the route, so that a body the pipe let through would meet the domain's rules, not a refusal. */
  const callerOf = (path: string) => (/\/(delegates|administrators|units|employer-codes)/.test(path) ? mainResponsible : operator);

  it.each(cases)('R-SEC-3 %s → 400 VALIDATION_FAILED naming the field, nothing written', async (_name, method, path, body, field) => {
    await expectValidationRefusal(t, { method, path: path(org), authorization: callerOf(path(org)), body }, field);
  });

  it('accepts an absent or empty body on the routes that take none or only optional fields (the answer then comes from the domain)', async () => {
    for (const body of [undefined, {}]) {
      const request = t.http.post(`/v1/organizations/${org}/agreement/renewal`).set('authorization', operator);
      const res = await (body === undefined ? request : request.send(body));
      expect([res.status, res.body.code]).toEqual([409, 'AGREEMENT_ACTIVE']);
      const removal = await t.http.delete(`/v1/organizations/${org}/delegates/${unknown}`).set('authorization', mainResponsible);
      expect([removal.status, removal.body.code]).toEqual([404, 'APPOINTMENT_NOT_FOUND']);
    }
  });
});
