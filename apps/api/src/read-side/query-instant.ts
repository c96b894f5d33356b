import { BadRequestException } from '@nestjs/common';
import { DomainError, parseInstant } from '@behorighet/domain';

/**
 * The instant a query asks about: `now` when absent; otherwise an ISO-8601 instant with a zone, not after
 * `now` (the states answer for every instant up to now). Anything else answers 400 naming the field.
 */
export function queryInstant(value: string | undefined, now: Date, field = 'at'): Date {
  if (value === undefined) return now;
  let t: number;
  try {
    t = parseInstant(value, field);
  } catch (error) {
    if (error instanceof DomainError) throw invalid(field, `${field} must be an ISO-8601 instant with a time zone, e.g. 2026-01-01T00:00:00Z`);
    throw error;
  }
  if (t > +now) throw invalid(field, `${field} must not lie in the future`);
  return new Date(t);
}

function invalid(field: string, reason: string): BadRequestException {
  return new BadRequestException({ code: 'VALIDATION_FAILED', detail: 'The request is not valid.', errors: [{ field, reason }] });
}
