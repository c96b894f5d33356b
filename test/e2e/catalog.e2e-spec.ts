import { startTestApp, TestApp } from '@behorighet/testing';

describe('catalog commands', () => {
  let t: TestApp;
  let operator: string;
  beforeAll(async () => {
    t = await startTestApp();
    operator = `Bearer ${await t.token('operator-1', { operator: true })}`;
  });
  afterAll(() => t.close());

  it('registers a service as the operator and answers the log position', async () => {
    const res = await t.http.post('/v1/services').set('authorization', operator).send({ key: 'payroll', name: 'Payroll' }).expect(201);
    expect(res.body).toEqual({ position: expect.stringMatching(/^\d+$/) });
  });

  it('R-ORG-1 refuses catalog changes by anyone but the operator (403 OPERATOR_ONLY)', async () => {
    const res = await t.http
      .post('/v1/services')
      .set('authorization', `Bearer ${await t.token('someone')}`)
      .send({ key: 'other', name: 'Other' })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'OPERATOR_ONLY', status: 403 });
  });

  it('R-SEC-3 answers 400 with field and reason for bad input, and writes nothing', async () => {
    const before = (await t.http.post('/v1/services').set('authorization', operator).send({ key: 'invoices', name: 'Invoices' })).body.position;
    const res = await t.http.post('/v1/services').set('authorization', operator).send({ key: 'Bad Key!', extra: 1 }).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['key', 'name', 'extra']));
    const after = (await t.http.post('/v1/services').set('authorization', operator).send({ key: 'reports', name: 'Reports' })).body.position;
    expect(BigInt(after)).toBe(BigInt(before) + 1n);
  });

  it('answers a retried command with the same Idempotency-Key with the first result, and 422 for another body', async () => {
    const send = (body: object) =>
      t.http.post('/v1/packages').set('authorization', operator).set('idempotency-key', 'pkg-1').send(body);
    const first = await send({ key: 'base', name: 'Base', services: ['payroll'] }).expect(201);
    const again = await send({ key: 'base', name: 'Base', services: ['payroll'] }).expect(201);
    expect(again.body).toEqual(first.body);
    const other = await send({ key: 'base2', name: 'Base 2', services: ['payroll'] }).expect(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('remembers idempotency keys across a restart (the index is derived from the log)', async () => {
    const body = { key: 'archive', name: 'Archive' };
    const first = await t.http.post('/v1/services').set('authorization', operator).set('idempotency-key', 'svc-archive').send(body).expect(201);
    t = await t.restart();
    const again = await t.http.post('/v1/services').set('authorization', operator).set('idempotency-key', 'svc-archive').send(body).expect(201);
    expect(again.body).toEqual(first.body);
  });
});
