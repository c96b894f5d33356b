/**
 * The secret `npm start` and `npm run token` fall back on when nothing else is configured and NODE_ENV is not
 * `production`. It is public (it is in the repository), so it is never used next to a real identity provider.
 */
export const DEV_DEFAULT_SECRET = 'behorighet-local-dev-secret-change-me';

/** Asymmetric algorithms a JWKS may sign with. HMAC is deliberately absent: a public key must never double as an HMAC secret. */
export const SUPPORTED_JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
export const DEFAULT_JWKS_ALGORITHMS = ['RS256', 'ES256', 'EdDSA', 'PS256'];
/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash output. */
const MIN_DEV_SECRET_BYTES = 32;
const MAX_CLOCK_TOLERANCE_S = 300;

/** How bearer tokens are verified. Built once at start-up by {@link loadAuthConfig}. */
export interface AuthConfig {
  /** The identity provider's key set; absent when only the dev secret is used. */
  jwksUrl?: URL;
  /** Accepted `iss` values; when set, every token must carry one of them. */
  issuer?: string[];
  /** Accepted `aud` values; when set, every token must name one of them. */
  audience?: string[];
  /** HS256 secret for local runs and tests. */
  devSecret?: string;
  /** Where the dev secret came from, so start-up can warn about the public default. */
  devSecretSource?: 'env' | 'default';
  /** The allow-list for JWKS-signed tokens (never HS*). The dev secret path accepts HS256 only. */
  algorithms: string[];
  clockToleranceSeconds: number;
}

export interface AuthConfigDefaults {
  /** Used as AUTH_DEV_SECRET when neither a JWKS nor a secret is configured and NODE_ENV is not `production`. */
  defaultDevSecret?: string;
}

export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

/**
 * Reads AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE, AUTH_DEV_SECRET, AUTH_ALGORITHMS and AUTH_CLOCK_TOLERANCE_S.
 * Pure: pass the environment and any local default in; throws an explanatory Error when the result would be unsafe
 * or unusable, so the process refuses to start instead of refusing every request.
 */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env, defaults: AuthConfigDefaults = {}): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const jwksUrl = optionalUrl(env.AUTH_JWKS_URL);
  const issuer = list(env.AUTH_ISSUER);
  const audience = list(env.AUTH_AUDIENCE);
  let devSecret = nonEmpty(env.AUTH_DEV_SECRET);
  let devSecretSource: AuthConfig['devSecretSource'] = devSecret ? 'env' : undefined;
  // The public default only stands in when nothing real is configured; next to a JWKS it would be a back door.
  if (!devSecret && !jwksUrl && !production && defaults.defaultDevSecret) {
    devSecret = defaults.defaultDevSecret;
    devSecretSource = 'default';
  }
  if (!jwksUrl && !devSecret) {
    throw new Error(
      'authentication is not configured: set AUTH_JWKS_URL (with AUTH_ISSUER and AUTH_AUDIENCE) to trust an identity provider, ' +
        'or AUTH_DEV_SECRET for local runs and tests',
    );
  }
  if (devSecret && Buffer.byteLength(devSecret, 'utf8') < MIN_DEV_SECRET_BYTES) {
    throw new Error(`AUTH_DEV_SECRET must be at least ${MIN_DEV_SECRET_BYTES} bytes long (RFC 7518 §3.2)`);
  }
  if (jwksUrl && production && (!issuer || !audience)) {
    throw new Error('AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE in production, or tokens minted for other applications would be accepted');
  }
  return {
    ...(jwksUrl ? { jwksUrl } : {}),
    ...(issuer ? { issuer } : {}),
    ...(audience ? { audience } : {}),
    ...(devSecret ? { devSecret, devSecretSource } : {}),
    algorithms: algorithms(env.AUTH_ALGORITHMS),
    clockToleranceSeconds: clockTolerance(env.AUTH_CLOCK_TOLERANCE_S),
  };
}

function algorithms(raw: string | undefined): string[] {
  const requested = list(raw) ?? DEFAULT_JWKS_ALGORITHMS;
  for (const alg of requested) {
    if (/^HS\d+$/i.test(alg)) throw new Error(`AUTH_ALGORITHMS must not list ${alg}: HMAC tokens are accepted only through AUTH_DEV_SECRET`);
    if (!SUPPORTED_JWKS_ALGORITHMS.includes(alg)) {
      throw new Error(`AUTH_ALGORITHMS: "${alg}" is not supported; choose from ${SUPPORTED_JWKS_ALGORITHMS.join(', ')}`);
    }
  }
  return requested;
}

function clockTolerance(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 30;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > MAX_CLOCK_TOLERANCE_S) {
    throw new Error(`AUTH_CLOCK_TOLERANCE_S must be an integer from 0 to ${MAX_CLOCK_TOLERANCE_S} seconds, got "${raw}"`);
  }
  return value;
}

function optionalUrl(raw: string | undefined): URL | undefined {
  const value = nonEmpty(raw);
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`AUTH_JWKS_URL is not a valid URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('AUTH_JWKS_URL must be an http(s) URL');
  return url;
}

function list(raw: string | undefined): string[] | undefined {
  const items = (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function nonEmpty(raw: string | undefined): string | undefined {
  return raw === undefined || raw.trim() === '' ? undefined : raw;
}
