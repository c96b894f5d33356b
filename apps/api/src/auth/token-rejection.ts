import { ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { errors } from 'jose';

/** The 401 every authentication failure answers; `detail` is one of a fixed set of phrases, never token or library text. */
export function unauthenticated(detail: string): UnauthorizedException {
  return new UnauthorizedException({ code: 'UNAUTHENTICATED', detail });
}

/** The identity provider's key set could not be fetched: the token may be fine, so this is not the caller's fault. */
export function keysUnavailable(): ServiceUnavailableException {
  return new ServiceUnavailableException({ code: 'AUTH_KEYS_UNAVAILABLE', detail: 'The signing keys could not be fetched; retry later.' });
}

/** Marks a failure of the key source (network, timeout, bad JWKS document) as opposed to a bad token. */
export class KeySourceError extends Error {
  constructor(cause: unknown) {
    super('the JWKS could not be fetched', { cause });
    this.name = 'KeySourceError';
  }
}

const CLAIM_REASONS: Record<string, string> = {
  iss: 'unexpected issuer',
  aud: 'unexpected audience',
  nbf: 'token not yet valid',
  exp: 'token expired',
  iat: 'invalid issued-at time',
  sub: 'missing subject',
};

/** Maps a jose verification error to a short reason that is safe to show the caller. */
export function rejectionReason(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return `missing ${error.claim} claim`;
    return CLAIM_REASONS[error.claim] ?? 'invalid claims';
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'invalid signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown signing key';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed token';
  return 'invalid token';
}

/** Key-set failures that say nothing about the token: transport errors, timeouts, non-200 answers, invalid JWKS documents. */
export function isKeySourceFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === errors.JOSEError.code;
}
