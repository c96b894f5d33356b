import { startTestApp, TestApp } from '@behorighet/testing';

describe('the application', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /health while the process lives, without a token', async () => {
    await t.http.get('/health').expect(200, { status: 'ok' });
  });

  it('serves its OpenAPI document at /docs-json and Swagger UI at /docs', async () => {
    const doc = await t.http.get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    await t.http.get('/docs').expect(200);
  });

  it('R-SEC-1 answers 401 problem+json to a request without a bearer token', async () => {
    const res = await t.http.put('/v1/test/clock').send({ now: '2030-01-01T00:00:00Z' }).expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('answers 404 problem+json for an unknown path', async () => {
    const res = await t.http.get('/v1/nothing-here').set('authorization', `Bearer ${await t.token('x')}`).expect(404);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});

describe('start-up on a damaged event log', () => {
  it('stops with the store’s explanation before the application is built (no framework stack trace)', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'behorighet-damaged-'));
    writeFileSync(join(dir, 'events.sqlite'), Buffer.alloc(8192, 7));
    await expect(startTestApp({}, dir)).rejects.toMatchObject({ code: 'EVENT_STORE_CORRUPTED', message: expect.stringContaining('is damaged') });
  });
});
