import { HttpException, Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { JwksServer, signDevToken, startJwksServer } from '@behorighet/testing';
import { AuthConfig, DEFAULT_JWKS_ALGORITHMS } from './auth.config.js';
import { JwtVerifier } from './jwt-verifier.js';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'behorighet-api';

interface TestKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function testKey(kid: string, alg: string): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(key: TestKey, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ sub: 'person-1', roles: ['platform-operator'], iss: ISSUER, aud: AUDIENCE, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

async function rejection(promise: Promise<unknown>): Promise<HttpException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpException);
  return error as HttpException;
}

async function expectRejected(promise: Promise<unknown>, detail: string): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(UnauthorizedException);
  expect(error.getResponse()).toEqual({ code: 'UNAUTHENTICATED', detail });
}

describe('JwtVerifier against an identity provider JWKS (R-SEC-1)', () => {
  let server: JwksServer;
  let rsa: TestKey;
  let ec: TestKey;
  let config: AuthConfig;

  beforeAll(async () => {
    Logger.overrideLogger(false); // the outage tests log on purpose
    [rsa, ec] = await Promise.all([testKey('rsa-1', 'RS256'), testKey('ec-1', 'ES256')]);
    server = await startJwksServer();
    config = { jwksUrl: server.url, issuer: [ISSUER], audience: [AUDIENCE], algorithms: DEFAULT_JWKS_ALGORITHMS, clockToleranceSeconds: 30 };
  });
  beforeEach(() => {
    server.publish([rsa.publicJwk, ec.publicJwk]);
    server.failing = false;
  });
  afterAll(() => server.close());

  it('accepts RS256 and ES256 tokens signed by published keys', async () => {
    const verifier = new JwtVerifier(config);
    await expect(verifier.verify(await sign(rsa))).resolves.toEqual({ subject: 'person-1', roles: ['platform-operator'], operator: true });
    await expect(verifier.verify(await sign(ec, { roles: [] }))).resolves.toEqual({ subject: 'person-1', roles: [], operator: false });
  });

  it('refuses an HS256 token when only the JWKS is configured, even one keyed with the public key (algorithm confusion)', async () => {
    const verifier = new JwtVerifier(config);
    const confused = await new SignJWT({ sub: 'person-1', iss: ISSUER, aud: AUDIENCE })
      .setProtectedHeader({ alg: 'HS256', kid: rsa.kid })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(rsa.publicJwk)));
    await expectRejected(verifier.verify(confused), 'algorithm not allowed');
    await expectRejected(verifier.verify(await signDevToken('a-dev-secret-nobody-configured-on-this-server', { sub: 'x' })), 'algorithm not allowed');
  });

  it('refuses a published key whose algorithm is outside the allow-list', async () => {
    const es384 = await testKey('ec-384', 'ES384');
    server.publish([rsa.publicJwk, es384.publicJwk]);
    await expectRejected(new JwtVerifier(config).verify(await sign(es384)), 'algorithm not allowed');
  });

  it('refuses wrong issuer, wrong audience and a key that is not published', async () => {
    const verifier = new JwtVerifier(config);
    await expectRejected(verifier.verify(await sign(rsa, { iss: 'https://evil.test' })), 'unexpected issuer');
    await expectRejected(verifier.verify(await sign(rsa, { aud: 'another-app' })), 'unexpected audience');
    const stranger = await testKey(rsa.kid, 'RS256'); // same kid, different key: a forgery
    await expectRejected(verifier.verify(await sign(stranger)), 'invalid signature');
    await expectRejected(verifier.verify(await sign({ ...stranger, kid: 'unknown' })), 'unknown signing key');
  });

  it('follows a key rotation: an unknown kid refetches the key set', async () => {
    const verifier = new JwtVerifier(config, { cooldownMs: 0 });
    await expect(verifier.verify(await sign(rsa))).resolves.toMatchObject({ subject: 'person-1' });
    const before = server.fetches;
    const next = await testKey('rsa-2', 'RS256');
    server.publish([next.publicJwk]);

    await expect(verifier.verify(await sign(next))).resolves.toMatchObject({ subject: 'person-1' });
    expect(server.fetches).toBe(before + 1);
    await expectRejected(verifier.verify(await sign(rsa)), 'unknown signing key'); // the retired key
  });

  it('does not refetch for unknown kids during the cooldown, so forged kids cannot hammer the provider', async () => {
    const verifier = new JwtVerifier(config);
    await verifier.verify(await sign(rsa));
    const before = server.fetches;
    const next = await testKey('rsa-3', 'RS256');
    server.publish([next.publicJwk]);
    await expectRejected(verifier.verify(await sign(next)), 'unknown signing key');
    expect(server.fetches).toBe(before);
  });

  it('answers 503 AUTH_KEYS_UNAVAILABLE, not 401, when the key set cannot be fetched', async () => {
    server.failing = true;
    const error = await rejection(new JwtVerifier(config).verify(await sign(rsa)));
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(error.getResponse()).toMatchObject({ code: 'AUTH_KEYS_UNAVAILABLE' });

    const closed = await startJwksServer();
    await closed.close();
    const unreachable = await rejection(new JwtVerifier({ ...config, jwksUrl: closed.url }).verify(await sign(rsa)));
    expect(unreachable).toBeInstanceOf(ServiceUnavailableException);
  });

  it('accepts both the dev secret and the JWKS when both are configured', async () => {
    const secret = 'a-test-secret-that-is-long-enough-for-hs256';
    const verifier = new JwtVerifier({ ...config, devSecret: secret });
    await expect(verifier.verify(await signDevToken(secret, { sub: 'dev', iss: ISSUER, aud: AUDIENCE }))).resolves.toMatchObject({ subject: 'dev' });
    await expect(verifier.verify(await sign(ec))).resolves.toMatchObject({ subject: 'person-1' });
  });
});
