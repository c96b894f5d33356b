import { SignJWT, type JWTPayload } from 'jose';

/** The claims of a dev token; `sub` is required, `roles` defaults to none. Any other JWT claim may be set explicitly. */
export interface DevTokenClaims extends JWTPayload {
  sub: string;
  roles?: string[];
}

export interface DevTokenOptions {
  /** Lifetime when `claims.exp` is not given: seconds, or a jose duration such as `'8h'`. Default one hour. */
  ttl?: string | number;
}

/**
 * Signs an HS256 token that the API accepts when it runs with `AUTH_DEV_SECRET=<secret>`.
 * `iat` is now and `exp` now + ttl unless the claims set them (tests pass past or future instants on purpose).
 */
export async function signDevToken(secret: string, claims: DevTokenClaims, options: DevTokenOptions = {}): Promise<string> {
  const jwt = new SignJWT({ roles: [], ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (claims.iat === undefined) jwt.setIssuedAt();
  if (claims.exp === undefined) jwt.setExpirationTime(typeof options.ttl === 'number' ? `${options.ttl}s` : (options.ttl ?? '1h'));
  return jwt.sign(new TextEncoder().encode(secret));
}
