import { startTestApp, TestApp } from '@behorighet/testing';
import type { Response } from 'supertest';

/** A route behind authentication that writes nothing for a non-operator (403 OPERATOR_ONLY). */
const ROUTE = { method: 'post', path: '/v1/services', body: { key: 'payroll', name: 'Payroll' } } as const;

const limited = (env: Record<string, string>) => startTestApp({ RATE_LIMIT_ENABLED: '1', ...env });

function expectRateLimited(res: Response): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: 'Too Many Requests', type: expect.any(String) });
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
}

describe('R-SEC-1 rate limiting per verified subject', () => {
  let t: TestApp;
  const send = async (subject: string, path: string = ROUTE.path) =>
    t.http.post(path).set('authorization', `Bearer ${await t.token(subject)}`).send(ROUTE.body);
  beforeAll(async () => {
    t = await limited({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_IP_PER_MINUTE: '1000' });
  });
  afterAll(() => t.close());

  it('answers 429 problem+json RATE_LIMITED with Retry-After once a subject spent its budget, on any route', async () => {
    for (let i = 0; i < 5; i++) expect((await send('alice')).status).toBe(403);
    expectRateLimited(await send('alice'));
    expectRateLimited(await send('alice', '/v1/packages'));
  });

  it('leaves other subjects from the same address unaffected', async () => {
    const res = await send('bob');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('OPERATOR_ONLY');
  });

  it('never limits the liveness and readiness probes', async () => {
    for (let i = 0; i < 12; i++) expect((await t.http.get('/health')).status).toBe(200);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).not.toBe(429);
  });
});

describe('R-SEC-1 rate limiting per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await limited({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_IP_PER_MINUTE: '4' });
  });
  afterAll(() => t.close());

  it('counts requests with forged tokens before they are verified, and trusts no X-Forwarded-For without TRUST_PROXY', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await t.http.post(ROUTE.path).set('authorization', 'Bearer forged.token.value').send(ROUTE.body);
      expect(res.status).toBe(401);
    }
    expectRateLimited(await t.http.post(ROUTE.path).set('authorization', 'Bearer forged.token.value').send(ROUTE.body));
    const spoofed = await t.http.post(ROUTE.path).set('x-forwarded-for', '198.51.100.7').set('authorization', `Bearer ${await t.token('carol')}`).send(ROUTE.body);
    expectRateLimited(spoofed);
  });
});

describe('R-SEC-1 rate limiting behind a trusted proxy (TRUST_PROXY=1)', () => {
  let t: TestApp;
  const from = (address: string) => t.http.post(ROUTE.path).set('x-forwarded-for', address).send(ROUTE.body);
  beforeAll(async () => {
    t = await limited({ RATE_LIMIT_IP_PER_MINUTE: '3', TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  it('budgets each forwarded client address on its own', async () => {
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.1')).status).toBe(401);
    expectRateLimited(await from('203.0.113.1'));
    expect((await from('203.0.113.2')).status).toBe(401);
  });
});

describe('rate limiting switched off', () => {
  it.each([
    ['RATE_LIMIT_ENABLED=0', { RATE_LIMIT_ENABLED: '0' }],
    ['the test clock without RATE_LIMIT_ENABLED', { RATE_LIMIT_ENABLED: '' }],
  ])('R-SEC-1 lets every request through with %s', async (_name, env) => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_IP_PER_MINUTE: '1', ...env });
    try {
      const token = `Bearer ${await t.token('dave')}`;
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await t.http.post(ROUTE.path).set('authorization', token).send(ROUTE.body)).status);
      expect(statuses).toEqual([403, 403, 403, 403, 403]);
    } finally {
      await t.close();
    }
  });
});
