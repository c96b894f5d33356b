import { HttpException, UnauthorizedException } from '@nestjs/common';
import { SignJWT } from 'jose';
import { signDevToken } from '@behorighet/testing';
import type { AuthConfig } from './auth.config.js';
import { JwtVerifier } from './jwt-verifier.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const ISSUER = 'https://idp.test';
const AUDIENCE = 'behorighet-api';
const config: AuthConfig = { devSecret: SECRET, issuer: [ISSUER], audience: [AUDIENCE], algorithms: ['RS256'], clockToleranceSeconds: 30 };
const now = (): number => Math.floor(Date.now() / 1000);
const valid = { sub: '199001011234', iss: ISSUER, aud: AUDIENCE };

/** Asserts a 401 UNAUTHENTICATED with the given reason, and that nothing of the token leaks into the answer. */
async function expectRejected(verifier: JwtVerifier, token: string, detail: string): Promise<void> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthorizedException);
  const body = (error as HttpException).getResponse();
  expect(body).toEqual({ code: 'UNAUTHENTICATED', detail });
  for (const part of token.split('.').filter((p) => p.length > 8)) expect(JSON.stringify(body)).not.toContain(part);
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('JwtVerifier with the dev secret (R-SEC-1, RFC 8725)', () => {
  const verifier = new JwtVerifier(config);

  it('accepts a valid HS256 token and reads subject and roles', async () => {
    await expect(verifier.verify(await signDevToken(SECRET, valid))).resolves.toEqual({ subject: valid.sub, roles: [], operator: false });
    await expect(verifier.verify(await signDevToken(SECRET, { ...valid, roles: ['platform-operator'] }))).resolves.toEqual({
      subject: valid.sub,
      roles: ['platform-operator'],
      operator: true,
    });
  });

  it('refuses alg "none"', async () => {
    const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...valid, exp: now() + 600 })}.`;
    await expectRejected(verifier, token, 'algorithm not allowed');
  });

  it('refuses an HMAC algorithm other than HS256, even with the right secret', async () => {
    const token = await new SignJWT({ ...valid }).setProtectedHeader({ alg: 'HS512' }).setExpirationTime('1h').sign(new TextEncoder().encode(SECRET));
    await expectRejected(verifier, token, 'algorithm not allowed');
  });

  it('refuses a token signed with another key', async () => {
    await expectRejected(verifier, await signDevToken('another-secret-that-is-also-long-enough!', valid), 'invalid signature');
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await signDevToken(SECRET, valid)).split('.');
    const forged = base64url({ ...valid, roles: ['platform-operator'], exp: now() + 600 });
    await expectRejected(verifier, `${header}.${forged}.${signature}`, 'invalid signature');
  });

  it('refuses a wrong or missing issuer', async () => {
    await expectRejected(verifier, await signDevToken(SECRET, { ...valid, iss: 'https://evil.test' }), 'unexpected issuer');
    await expectRejected(verifier, await signDevToken(SECRET, { sub: valid.sub, aud: AUDIENCE }), 'missing iss claim');
  });

  it('refuses a wrong audience', async () => {
    await expectRejected(verifier, await signDevToken(SECRET, { ...valid, aud: 'another-app' }), 'unexpected audience');
  });

  it('refuses an expired token beyond the clock tolerance and accepts one within it', async () => {
    await expectRejected(verifier, await signDevToken(SECRET, { ...valid, iat: now() - 3600, exp: now() - 60 }), 'token expired');
    await expect(verifier.verify(await signDevToken(SECRET, { ...valid, iat: now() - 3600, exp: now() - 10 }))).resolves.toMatchObject({
      subject: valid.sub,
    });
  });

  it('refuses a token whose nbf lies beyond the clock tolerance and accepts one within it', async () => {
    await expectRejected(verifier, await signDevToken(SECRET, { ...valid, nbf: now() + 120 }), 'token not yet valid');
    await expect(verifier.verify(await signDevToken(SECRET, { ...valid, nbf: now() + 10 }))).resolves.toMatchObject({ subject: valid.sub });
  });

  it('requires a non-empty string sub and an exp', async () => {
    const key = new TextEncoder().encode(SECRET);
    const noSub = await new SignJWT({ iss: ISSUER, aud: AUDIENCE }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
    await expectRejected(verifier, noSub, 'missing sub claim');
    const noExp = await new SignJWT({ ...valid }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    await expectRejected(verifier, noExp, 'missing exp claim');
    await expectRejected(verifier, await signDevToken(SECRET, { ...valid, sub: ' ' }), 'invalid subject');
    const numericSub = await new SignJWT({ ...valid, sub: 42 as unknown as string }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key);
    await expectRejected(verifier, numericSub, 'invalid subject');
  });

  it('refuses roles that are not an array of strings', async () => {
    const token = await signDevToken(SECRET, { ...valid, roles: 'platform-operator' as unknown as string[] });
    await expectRejected(verifier, token, 'roles must be an array of strings');
  });

  it('refuses garbage', async () => {
    await expectRejected(verifier, 'not-a-jwt', 'malformed token');
    await expectRejected(verifier, 'bm90IGpzb24.e30.c2ln', 'malformed token');
    // The signature is checked before the payload is read, so a garbled payload is a bad signature.
    await expectRejected(verifier, 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln', 'invalid signature');
  });

  it('checks neither issuer nor audience when none is configured', async () => {
    const open = new JwtVerifier({ devSecret: SECRET, algorithms: ['RS256'], clockToleranceSeconds: 0 });
    await expect(open.verify(await signDevToken(SECRET, { sub: 'someone' }))).resolves.toMatchObject({ subject: 'someone' });
    await expectRejected(open, await signDevToken(SECRET, { sub: 'someone', iat: now() - 60, exp: now() - 5 }), 'token expired');
  });
});
