import { BadRequestException } from '@nestjs/common';
import { queryInstant } from './query-instant.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');

describe('queryInstant', () => {
  it('is now when absent, and the instant asked about otherwise', () => {
    expect(queryInstant(undefined, NOW)).toBe(NOW);
    expect(queryInstant('2026-01-01T00:00:00Z', NOW).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(queryInstant('2026-03-01T13:00:00+01:00', NOW).toISOString()).toBe(NOW.toISOString());
  });

  it.each([
    ['2026-01-01T00:00:00', 'time zone'],
    ['yesterday', 'time zone'],
    ['2026-03-01T12:00:00.001Z', 'future'],
  ])('answers 400 naming the field for %s', (value, why) => {
    const error = (() => {
      try {
        return queryInstant(value, NOW, 'at');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(BadRequestException);
    const body = (error as BadRequestException).getResponse() as { errors: Array<{ field: string; reason: string }> };
    expect(body.errors).toEqual([{ field: 'at', reason: expect.stringContaining(why) }]);
  });
});
