/** How hard callers may push the API (RATE_LIMIT_* variables; the README's configuration table mirrors this). */
export interface RateLimitConfig {
  enabled: boolean;
  /** Requests per window for one verified subject (the token's `sub`), across all routes. */
  perSubject: number;
  /** Requests per window for one client address, counted before the token is checked. */
  perAddress: number;
  windowMs: number;
}

export const RATE_LIMIT_CONFIG = Symbol('RATE_LIMIT_CONFIG');

const DEFAULT_PER_MINUTE = 6000;
/** An office behind one NAT address carries many subjects, so the address budget is wider than a subject's. */
const ADDRESS_FACTOR = 5;

/**
 * Reads `RATE_LIMIT_ENABLED` (`0` switches off; off by default under the test clock so e2e suites are not throttled,
 * `1` turns it on there), `RATE_LIMIT_PER_MINUTE` (per subject, default 6000) and `RATE_LIMIT_IP_PER_MINUTE`
 * (per client address, default five times the subject budget).
 */
export function loadRateLimitConfig(env: NodeJS.ProcessEnv, options: { testClock: boolean }): RateLimitConfig {
  const switchedOn = env.RATE_LIMIT_ENABLED;
  if (switchedOn !== undefined && switchedOn !== '' && switchedOn !== '0' && switchedOn !== '1') {
    throw new Error(`RATE_LIMIT_ENABLED must be "0" or "1", got "${switchedOn}"`);
  }
  const enabled = switchedOn === '1' || ((switchedOn === undefined || switchedOn === '') && !options.testClock);
  const perSubject = positive(env.RATE_LIMIT_PER_MINUTE, DEFAULT_PER_MINUTE, 'RATE_LIMIT_PER_MINUTE');
  const perAddress = positive(env.RATE_LIMIT_IP_PER_MINUTE, perSubject * ADDRESS_FACTOR, 'RATE_LIMIT_IP_PER_MINUTE');
  return { enabled, perSubject, perAddress, windowMs: 60_000 };
}

function positive(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
