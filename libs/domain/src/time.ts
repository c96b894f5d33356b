import { DomainError } from './errors.js';

/** R-TIME-1: every grant, role and appointment lasts at most this many calendar months from its start. */
export const MAX_VALIDITY_MONTHS = 36;
/** R-ORD-3: an order not attested within this many days lapses. */
export const ORDER_LAPSE_DAYS = 30;
/** R-TIME-2: default reminder offsets, in days before the end. */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [30, 7];

const DAY_MS = 86_400_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO-8601 instant held in state or events. */
export function ms(iso: string): number {
  return Date.parse(iso);
}

/** The canonical form of instants in event data: ISO-8601 UTC with milliseconds. */
export function iso(instant: Date | number): string {
  return new Date(instant).toISOString();
}

/** Parses an instant from a command; throws INVALID_INSTANT when it is not ISO-8601 with a zone. */
export function parseInstant(value: string, field: string): number {
  const t = Date.parse(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(t)) {
    throw new DomainError('INVALID_INSTANT', `${field} must be an ISO-8601 instant with a time zone`, { field });
  }
  return t;
}

/**
 * Adds calendar months in UTC, keeping the time of day; a day that does not exist in the target
 * month is clamped to its last day (31 Jan + 1 month = 28/29 Feb).
 */
export function addMonths(instant: number, months: number): number {
  const d = new Date(instant);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(y, m, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

export function addDays(instant: number, days: number): number {
  return instant + days * DAY_MS;
}

/** The latest validUntil R-TIME-1 allows for something starting (or extended) at `start`. */
export function maxValidUntil(start: number): number {
  return addMonths(start, MAX_VALIDITY_MONTHS);
}

export interface Validity {
  validFrom: string;
  validUntil: string;
}

/**
 * Resolves a requested validity: `validFrom` defaults to now and may not lie in the past;
 * `validUntil` defaults to the maximum (R-TIME-1) and must lie after `validFrom` and within 36 months of it.
 */
export function resolveValidity(now: number, requested: { validFrom?: string; validUntil?: string }): Validity {
  const from = requested.validFrom === undefined ? now : parseInstant(requested.validFrom, 'validFrom');
  if (from < now) throw new DomainError('INSTANT_IN_PAST', 'validFrom lies in the past', { field: 'validFrom' });
  const until = requested.validUntil === undefined ? maxValidUntil(from) : parseInstant(requested.validUntil, 'validUntil');
  if (until <= from) throw new DomainError('INVALID_VALIDITY', 'validUntil must lie after validFrom', { field: 'validUntil' });
  if (until > maxValidUntil(from)) {
    throw new DomainError('VALIDITY_TOO_LONG', `validity may not exceed ${MAX_VALIDITY_MONTHS} months from its start`, {
      field: 'validUntil',
      max: iso(maxValidUntil(from)),
    });
  }
  return { validFrom: iso(from), validUntil: iso(until) };
}

/** R-TIME-3: an extension at `now` may reach at most 36 months from now, and must lie in the future. */
export function resolveExtension(now: number, validUntil: string): string {
  const until = parseInstant(validUntil, 'validUntil');
  if (until <= now) throw new DomainError('INVALID_VALIDITY', 'validUntil must lie in the future', { field: 'validUntil' });
  if (until > maxValidUntil(now)) {
    throw new DomainError('VALIDITY_TOO_LONG', `an extension may not reach beyond ${MAX_VALIDITY_MONTHS} months from now`, {
      field: 'validUntil',
      max: iso(maxValidUntil(now)),
    });
  }
  return iso(until);
}

/** True when `at` lies in the half-open interval [from, until). */
export function within(at: number, from: string, until: string | undefined): boolean {
  return ms(from) <= at && (until === undefined || at < ms(until));
}

/** True when the optional instant has been reached at `at`. */
export function reached(instant: string | undefined, at: number): boolean {
  return instant !== undefined && ms(instant) <= at;
}
