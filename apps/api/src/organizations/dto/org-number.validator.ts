import { registerDecorator, type ValidationOptions } from 'class-validator';
import { luhnValid } from '@behorighet/domain';

/** `NNNNNN-NNNN` or ten digits: the forms the HTTP contract accepts for a Swedish organization number. */
export const ORG_NUMBER_FORMAT = /^\d{6}-?\d{4}$/;

/** True when `value` has the contract's format and its last digit is the domain's Luhn check digit (R-ORG-1). */
export function isSwedishOrgNumber(value: unknown): boolean {
  return typeof value === 'string' && ORG_NUMBER_FORMAT.test(value) && luhnValid(value.replace('-', ''));
}

/**
 * R-ORG-1 checked at the door: a malformed number or a wrong check digit answers 400 naming the field,
 * with the domain's own Luhn function (one rule, one implementation). The decider still normalizes and
 * re-checks, so a command that bypasses HTTP meets the same rule (422 INVALID_ORG_NUMBER).
 */
export function IsSwedishOrgNumber(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isSwedishOrgNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a Swedish organization number (NNNNNN-NNNN or 10 digits) with a valid Luhn check digit`, ...options },
      validator: { validate: isSwedishOrgNumber },
    });
}
