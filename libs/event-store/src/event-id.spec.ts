import { newEventId } from './event-id.js';

describe('newEventId', () => {
  it('makes RFC 9562 version-7 UUIDs carrying the time in their first 48 bits', () => {
    const now = Date.UTC(2030, 0, 2, 3, 4, 5, 678);
    const id = newEventId(now);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
  });

  it('sorts ids of later milliseconds after earlier ones, and does not repeat', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => newEventId(1_700_000_000_000 + Math.floor(i / 10)));
    const distinctMs = ids.filter((_, i) => i % 10 === 0);
    expect([...distinctMs].sort()).toEqual(distinctMs);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
