import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { startTestApp, TestApp } from '@behorighet/testing';
import type { Response } from 'supertest';

const head = (t: TestApp) => t.app.get<EventStore>(EVENT_STORE).headPosition();

function expectProblem(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
}

describe('security headers (helmet)', () => {
  let t: TestApp;
  let operator: string;
  beforeAll(async () => {
    t = await startTestApp();
    operator = `Bearer ${await t.token('operator-1', { operator: true })}`;
  });
  afterAll(() => t.close());

  it.each([
    ['a command answer', () => t.http.post('/v1/services').set('authorization', operator).send({ key: 'payroll', name: 'Payroll' }), 201],
    ['a 401 problem', () => t.http.post('/v1/services').send({}), 401],
    ['a 404 problem', () => t.http.get('/v1/no-such-path').set('authorization', operator), 404],
    ['the liveness probe', () => t.http.get('/health'), 200],
  ])('R-SEC-1 puts the hardening headers and a deny-all CSP on %s', async (_name, request, status) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
    });
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves Swagger UI under a CSP that admits only its own scripts, and the page needs nothing else', async () => {
    const page = await t.http.get('/docs').expect(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const scripts = [...page.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) {
      const src = /src=["']([^"']+)["']/.exec(attributes)?.[1];
      expect(src).toBeDefined(); // an inline script would be blocked by script-src 'self'
      expect(src).not.toMatch(/^(https?:)?\/\//);
      const path = new URL(src!, 'http://localhost/docs').pathname;
      expect([path, (await t.http.get(path)).status]).toEqual([path, 200]);
    }
  });
});

describe('R-SEC-3 body size limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(() => t.close());

  it('answers 413 problem+json PAYLOAD_TOO_LARGE to a body over BODY_LIMIT_BYTES and writes nothing', async () => {
    const operator = `Bearer ${await t.token('operator-1', { operator: true })}`;
    const before = await head(t);
    const res = await t.http.post('/v1/services').set('authorization', operator).send({ key: 'big', name: 'x'.repeat(4096) });
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await head(t)).toBe(before);
    await t.http.post('/v1/services').set('authorization', operator).send({ key: 'small', name: 'x'.repeat(150) }).expect(201);
  });
});

describe('CORS', () => {
  const preflight = (t: TestApp, origin: string) =>
    t.http.options('/v1/services').set('origin', origin).set('access-control-request-method', 'POST').set('access-control-request-headers', 'authorization,content-type');

  it('R-SEC-2 is off when CORS_ORIGINS is unset: no origin is allowed', async () => {
    const t = await startTestApp({ CORS_ORIGINS: '' });
    try {
      const res = await preflight(t, 'https://portal.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await t.http.get('/health').set('origin', 'https://portal.example');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('R-SEC-2 allows exactly the configured origins', async () => {
    const t = await startTestApp({ CORS_ORIGINS: 'https://portal.example, https://admin.example' });
    try {
      const allowed = await preflight(t, 'https://portal.example');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example');
      const other = await preflight(t, 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('R-SEC-3 prototype poisoning in JSON bodies', () => {
  let t: TestApp;
  let operator: string;
  beforeAll(async () => {
    t = await startTestApp();
    operator = `Bearer ${await t.token('operator-1', { operator: true })}`;
  });
  afterAll(() => t.close());

  it.each([
    '{"__proto__":{"operator":true}}',
    '{"key":"svc","name":"Svc","__proto__":{"roles":["platform-operator"]}}',
    '{"constructor":{"prototype":{"operator":true}}}',
    '{"key":"svc","name":{"constructor":{"prototype":{"polluted":1}}}}',
    '{"key":"svc","name":"Svc","nested":[{"__proto__":{"polluted":1}}]}',
  ])('answers 400 problem+json to %s, writes nothing and pollutes nothing', async (raw) => {
    const before = await head(t);
    const res = await t.http.post('/v1/services').set('authorization', operator).set('content-type', 'application/json').send(raw);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(await head(t)).toBe(before);
    expect(({} as Record<string, unknown>).operator).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('R-SEC-3 answers refused before routing are problems too', () => {
  let t: TestApp;
  let operator: string;
  beforeAll(async () => {
    t = await startTestApp();
    operator = `Bearer ${await t.token('operator-1', { operator: true })}`;
  });
  afterAll(() => t.close());

  it.each([
    ['arrays', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['objects', `{"key":"k","name":"n","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`],
  ])('refuses JSON %s nested thousands deep with 400 naming the body (the validator would overflow its stack)', async (_kind, raw) => {
    const before = await head(t);
    const res = await t.http.post('/v1/services').set('authorization', operator).set('content-type', 'application/json').send(raw);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'body', reason: expect.stringContaining('nest') }]);
    expect(await head(t)).toBe(before);
  });

  it('answers headers over the size limit with 431 problem+json', async () => {
    const res = await t.http.get('/health').set('x-padding', 'a'.repeat(20_000));
    expectProblem(res, 431, 'HEADERS_TOO_LARGE');
  });

  it('answers an over-long path parameter with 414 problem+json, without quoting it back', async () => {
    const res = await t.http.post(`/v1/organizations/${'A'.repeat(500)}/units`).set('authorization', operator).send({ name: 'x' });
    expectProblem(res, 414, 'URI_TOO_LONG');
    expect(res.text).not.toContain('A'.repeat(500));
  });
});
