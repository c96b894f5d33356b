import { addMonths, maxValidUntil, parseInstant, resolveExtension, resolveValidity } from './time.js';

const t = (iso: string) => Date.parse(iso);

describe('time', () => {
  it('R-TIME-1 36 calendar months from the start, clamping days that do not exist', () => {
    expect(new Date(maxValidUntil(t('2025-01-31T10:00:00Z'))).toISOString()).toBe('2028-01-31T10:00:00.000Z');
    expect(new Date(maxValidUntil(t('2024-02-29T00:00:00Z'))).toISOString()).toBe('2027-02-28T00:00:00.000Z');
    expect(new Date(addMonths(t('2025-01-31T00:00:00Z'), 1)).toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(new Date(addMonths(t('2025-03-31T00:00:00Z'), -1)).toISOString()).toBe('2025-02-28T00:00:00.000Z');
  });

  it('R-TIME-1 the default validity is the maximum', () => {
    expect(resolveValidity(t('2025-01-01T00:00:00Z'), {})).toEqual({ validFrom: '2025-01-01T00:00:00.000Z', validUntil: '2028-01-01T00:00:00.000Z' });
  });

  it('R-TIME-3 an extension reaches at most 36 months from the extension instant', () => {
    expect(resolveExtension(t('2026-01-01T00:00:00Z'), '2029-01-01T00:00:00Z')).toBe('2029-01-01T00:00:00.000Z');
    expect(() => resolveExtension(t('2026-01-01T00:00:00Z'), '2029-01-01T00:00:00.001Z')).toThrow(expect.objectContaining({ code: 'VALIDITY_TOO_LONG' }));
  });

  it('accepts only ISO-8601 instants with a zone', () => {
    expect(parseInstant('2025-01-01T00:00:00+01:00', 'x')).toBe(t('2024-12-31T23:00:00Z'));
    expect(() => parseInstant('2025-01-01', 'x')).toThrow(expect.objectContaining({ code: 'INVALID_INSTANT' }));
  });
});
