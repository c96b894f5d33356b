import { SignJWT, type JWTPayload } from 'jose';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { signDevToken, startTestApp, TEST_SECRET, TestApp } from '@behorighet/testing';

const ISSUER = 'https://idp.example.test';
const AUDIENCE = 'behorighet-api';
const now = () => Math.floor(Date.now() / 1000);
const b64url = (value: object | string) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const operatorClaims = () => ({ sub: 'operator-1', roles: ['platform-operator'] });

/** An HS256 token with exactly these claims (signDevToken always adds `exp`). */
function signExactly(payload: JWTPayload): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(TEST_SECRET));
}

/** Swaps the payload of a signed token and keeps its header and signature. */
function tampered(token: string, payload: object): string {
  const [header, , signature] = token.split('.');
  return `${header}.${b64url(payload)}.${signature}`;
}

/** Swaps the header of a signed token and keeps its payload and signature. */
function reHeadered(token: string, header: object): string {
  const [, payload, signature] = token.split('.');
  return `${b64url(header)}.${payload}.${signature}`;
}

/** R-SEC-1: every request needs a verified bearer token; each bad one answers 401 problem+json and writes nothing. */
describe('authentication against the running app', () => {
  let t: TestApp;
  let strict: TestApp;
  let key = 0;
  beforeAll(async () => {
    [t, strict] = await Promise.all([startTestApp(), startTestApp({ AUTH_ISSUER: ISSUER, AUTH_AUDIENCE: AUDIENCE })]);
  });
  afterAll(() => Promise.all([t.close(), strict.close()]));

  /** A write only an operator may make: the bad tokens below would otherwise open it. */
  const registerService = (app: TestApp, authorization: string) =>
    app.http.post('/v1/services').set('authorization', authorization).send({ key: `svc-${++key}`, name: 'A service' });

  async function expectRefused(app: TestApp, authorization: string, detail: string | RegExp): Promise<void> {
    const store = app.app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const res = await registerService(app, authorization);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(res.body.detail).toMatch(detail);
    expect(await store.headPosition()).toBe(before);
  }

  it('accepts a valid operator token (the control for every refusal below)', async () => {
    await registerService(t, `Bearer ${await signDevToken(TEST_SECRET, operatorClaims())}`).expect(201);
  });

  const refusals: [string, () => Promise<string>, string | RegExp][] = [
    ['no Authorization header', async () => '', 'missing bearer token'],
    ['another scheme', async () => `Basic ${b64url('operator-1:secret')}`, 'authorization scheme must be Bearer'],
    ['a malformed token', async () => 'Bearer not-a-jwt', 'malformed token'],
    ['alg: none', async () => `Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...operatorClaims(), exp: now() + 600 })}.`, 'algorithm not allowed'],
    ['a token signed with another key', async () => `Bearer ${await signDevToken('another-secret-that-is-32-bytes-long!!', operatorClaims())}`, 'invalid signature'],
    ['an expired token', async () => `Bearer ${await signDevToken(TEST_SECRET, { ...operatorClaims(), iat: now() - 7200, exp: now() - 3600 })}`, 'token expired'],
    ['a token not yet valid', async () => `Bearer ${await signDevToken(TEST_SECRET, { ...operatorClaims(), nbf: now() + 3600 })}`, 'token not yet valid'],
    ['a token without exp', async () => `Bearer ${await signExactly({ ...operatorClaims(), iat: now() })}`, 'missing exp claim'],
    ['a token without sub', async () => `Bearer ${await signExactly({ roles: ['platform-operator'], iat: now(), exp: now() + 600 })}`, 'missing sub claim'],
    ['a token with an empty sub', async () => `Bearer ${await signDevToken(TEST_SECRET, { ...operatorClaims(), sub: ' ' })}`, 'invalid subject'],
    ['a token whose header claims HS512', async () => `Bearer ${await reHeadered(await signDevToken(TEST_SECRET, operatorClaims()), { alg: 'HS512', typ: 'JWT' })}`, 'algorithm not allowed'],
    [
      'a tampered token (roles raised to platform-operator)',
      async () => `Bearer ${tampered(await signDevToken(TEST_SECRET, { sub: 'operator-1' }), { ...operatorClaims(), exp: now() + 600 })}`,
      'invalid signature',
    ],
  ];

  it.each(refusals)('R-SEC-1 refuses %s with 401 problem+json', async (_name, token, detail) => {
    await expectRefused(t, await token(), detail);
  });

  describe('with AUTH_ISSUER and AUTH_AUDIENCE configured', () => {
    const signed = (claims: object) => signDevToken(TEST_SECRET, { ...operatorClaims(), ...claims }).then((jwt) => `Bearer ${jwt}`);

    it('accepts a token from the issuer for the audience', async () => {
      await registerService(strict, await signed({ iss: ISSUER, aud: AUDIENCE })).expect(201);
    });

    it.each([
      ['another issuer', { iss: 'https://evil.example.test', aud: AUDIENCE }, 'unexpected issuer'],
      ['no issuer', { aud: AUDIENCE }, 'missing iss claim'],
      ['another audience', { iss: ISSUER, aud: 'another-api' }, 'unexpected audience'],
      ['no audience', { iss: ISSUER }, 'missing aud claim'],
    ])('R-SEC-1 refuses a token with %s', async (_name, claims, detail) => {
      await expectRefused(strict, await signed(claims), detail);
    });
  });
});

