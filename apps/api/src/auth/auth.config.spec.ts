import { DEFAULT_JWKS_ALGORITHMS, DEV_DEFAULT_SECRET, loadAuthConfig } from './auth.config.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';
const JWKS = 'https://idp.example/.well-known/jwks.json';

describe('loadAuthConfig', () => {
  it('reads the identity provider settings with their defaults', () => {
    const config = loadAuthConfig({ AUTH_JWKS_URL: JWKS, AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'api, portal' });
    expect(config).toEqual({
      jwksUrl: new URL(JWKS),
      issuer: ['https://idp.example'],
      audience: ['api', 'portal'],
      algorithms: DEFAULT_JWKS_ALGORITHMS,
      clockToleranceSeconds: 30,
    });
  });

  it('reads the dev secret, the allow-list and the clock tolerance', () => {
    expect(loadAuthConfig({ AUTH_DEV_SECRET: SECRET, AUTH_ALGORITHMS: 'ES256,ES384', AUTH_CLOCK_TOLERANCE_S: '5' })).toEqual({
      devSecret: SECRET,
      devSecretSource: 'env',
      algorithms: ['ES256', 'ES384'],
      clockToleranceSeconds: 5,
    });
  });

  it('refuses to start when nothing is configured', () => {
    expect(() => loadAuthConfig({})).toThrow(/authentication is not configured: set AUTH_JWKS_URL .* or AUTH_DEV_SECRET/);
  });

  it('falls back on a passed-in default secret for local runs only', () => {
    const defaults = { defaultDevSecret: DEV_DEFAULT_SECRET };
    expect(loadAuthConfig({}, defaults)).toMatchObject({ devSecret: DEV_DEFAULT_SECRET, devSecretSource: 'default' });
    expect(() => loadAuthConfig({ NODE_ENV: 'production' }, defaults)).toThrow(/not configured/);
    // Next to a real identity provider the public default would be a back door.
    expect(loadAuthConfig({ AUTH_JWKS_URL: JWKS }, defaults).devSecret).toBeUndefined();
    expect(loadAuthConfig({ AUTH_DEV_SECRET: SECRET }, defaults)).toMatchObject({ devSecret: SECRET, devSecretSource: 'env' });
  });

  it('accepts an explicit dev secret in production (the operator chose it)', () => {
    expect(loadAuthConfig({ NODE_ENV: 'production', AUTH_DEV_SECRET: SECRET }).devSecret).toBe(SECRET);
  });

  it('requires issuer and audience next to a JWKS in production', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: JWKS, AUTH_ISSUER: 'https://idp.example' })).toThrow(
      /AUTH_ISSUER and AUTH_AUDIENCE/,
    );
  });

  it('refuses a dev secret too short for HS256', () => {
    expect(() => loadAuthConfig({ AUTH_DEV_SECRET: 'short' })).toThrow(/at least 32 bytes/);
  });

  it('refuses HMAC, none and unknown algorithms in the JWKS allow-list', () => {
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: JWKS, AUTH_ALGORITHMS: 'RS256,HS256' })).toThrow(/must not list HS256/);
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: JWKS, AUTH_ALGORITHMS: 'none' })).toThrow(/"none" is not supported/);
  });

  it('refuses a bad URL and a bad clock tolerance', () => {
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: 'not a url' })).toThrow(/AUTH_JWKS_URL is not a valid URL/);
    expect(() => loadAuthConfig({ AUTH_JWKS_URL: 'file:///etc/keys.json' })).toThrow(/http\(s\)/);
    expect(() => loadAuthConfig({ AUTH_DEV_SECRET: SECRET, AUTH_CLOCK_TOLERANCE_S: '-1' })).toThrow(/AUTH_CLOCK_TOLERANCE_S/);
    expect(() => loadAuthConfig({ AUTH_DEV_SECRET: SECRET, AUTH_CLOCK_TOLERANCE_S: '3600' })).toThrow(/AUTH_CLOCK_TOLERANCE_S/);
  });
});
