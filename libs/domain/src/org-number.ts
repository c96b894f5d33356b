/**
 * R-ORG-1: a Swedish organization number: ten digits `NNNNNN-NNNN` (a 12-digit form with century
 * prefix 16/19/20 is accepted), the last digit a Luhn check digit over the first nine.
 * Returns the canonical `NNNNNN-NNNN` form, or undefined when invalid.
 */
export function normalizeOrgNumber(input: string): string | undefined {
  const match = /^(?:(16|19|20)?)(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match) return undefined;
  const digits = match[2]! + match[3]!;
  return luhnValid(digits) ? `${match[2]}-${match[3]}` : undefined;
}

/** The Luhn (mod 10) check over a digit string whose last digit is the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
