import { unauthenticated } from './token-rejection.js';

// RFC 6750 §2.1: "Bearer" (any case), one or more spaces, exactly one b64token.
const BEARER = /^bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Extracts the token from an Authorization header value, or throws 401 UNAUTHENTICATED saying what is wrong with it. */
export function bearerTokenOf(header: string | string[] | undefined): string {
  if (Array.isArray(header)) throw unauthenticated('more than one Authorization header');
  const value = header?.trim();
  if (!value) throw unauthenticated('missing bearer token');
  if (!/^bearer(\s|$)/i.test(value)) throw unauthenticated('authorization scheme must be Bearer');
  const match = BEARER.exec(value);
  if (!match) throw unauthenticated('malformed bearer token');
  return match[1];
}
