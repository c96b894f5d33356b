import { Logger } from '@nestjs/common';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';
import type { AuthConfig } from './auth.config.js';
import { Caller, OPERATOR_ROLE } from './caller.js';
import { isKeySourceFailure, KeySourceError, keysUnavailable, rejectionReason, unauthenticated } from './token-rejection.js';

const DEV_SECRET_ALGORITHM = 'HS256';
const MAX_SUBJECT_LENGTH = 256;

/** Tuning for the remote key set; the defaults suit production, tests shorten the cooldown to exercise rotation. */
export interface JwksOptions {
  /** After a fetch, an unknown `kid` triggers no new fetch for this long (jose default 30 s). */
  cooldownMs?: number;
  /** Keys are refetched when older than this (jose default 10 min). */
  cacheMaxAgeMs?: number;
  timeoutMs?: number;
}

/**
 * Verifies bearer JWTs (RFC 8725): an explicit algorithm allow-list per key source, `alg: none` never,
 * HS256 only with the dev secret, issuer and audience whenever configured, `sub` and `exp` always.
 */
export class JwtVerifier {
  private readonly logger = new Logger('Auth');
  private readonly secret?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;

  constructor(private readonly config: AuthConfig, jwksOptions: JwksOptions = {}) {
    if (config.devSecret) this.secret = new TextEncoder().encode(config.devSecret);
    if (config.jwksUrl) this.jwks = keySourceOf(config.jwksUrl, jwksOptions);
  }

  /** Resolves the verified caller, or throws 401 UNAUTHENTICATED (503 AUTH_KEYS_UNAVAILABLE when the key set cannot be fetched). */
  async verify(token: string): Promise<Caller> {
    const payload = await this.verifiedPayload(token);
    return callerOf(payload);
  }

  private async verifiedPayload(token: string): Promise<JWTPayload> {
    const alg = algorithmOf(token);
    try {
      if (alg === DEV_SECRET_ALGORITHM && this.secret) {
        return (await jwtVerify(token, this.secret, this.options([DEV_SECRET_ALGORITHM]))).payload;
      }
      // Anything else, HS256 included when there is no dev secret, meets the JWKS allow-list (no algorithm confusion).
      if (this.jwks) return (await jwtVerify(token, this.jwks, this.options(this.config.algorithms))).payload;
    } catch (error) {
      if (error instanceof KeySourceError) {
        this.logger.error(`JWKS fetch from ${this.config.jwksUrl?.origin} failed`, describe(error.cause));
        throw keysUnavailable();
      }
      if (error instanceof errors.JOSEError) throw unauthenticated(rejectionReason(error));
      throw error;
    }
    throw unauthenticated('algorithm not allowed');
  }

  private options(algorithms: string[]): JWTVerifyOptions {
    return {
      algorithms,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: this.config.clockToleranceSeconds,
      ...(this.config.issuer ? { issuer: this.config.issuer } : {}),
      ...(this.config.audience ? { audience: this.config.audience } : {}),
    };
  }
}

/** Wraps jose's remote key set so that fetch failures are told apart from unknown keys. */
function keySourceOf(url: URL, options: JwksOptions): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, {
    ...(options.cooldownMs === undefined ? {} : { cooldownDuration: options.cooldownMs }),
    ...(options.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: options.cacheMaxAgeMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutDuration: options.timeoutMs }),
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      throw isKeySourceFailure(error) ? new KeySourceError(error) : error;
    }
  };
}

function algorithmOf(token: string): string {
  try {
    const { alg } = decodeProtectedHeader(token);
    if (typeof alg === 'string' && alg !== '') return alg;
  } catch (error) {
    if (!(error instanceof errors.JOSEError || error instanceof TypeError)) throw error;
  }
  throw unauthenticated('malformed token');
}

function callerOf(payload: JWTPayload): Caller {
  const { sub, roles } = payload;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > MAX_SUBJECT_LENGTH) throw unauthenticated('invalid subject');
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === 'string'))) {
    throw unauthenticated('roles must be an array of strings');
  }
  const granted = (roles as string[] | undefined) ?? [];
  return { subject: sub, roles: granted, operator: granted.includes(OPERATOR_ROLE) };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
