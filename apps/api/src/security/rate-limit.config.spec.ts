import { loadRateLimitConfig } from './rate-limit.config.js';

describe('loadRateLimitConfig', () => {
  it('is on with generous budgets by default', () => {
    expect(loadRateLimitConfig({}, { testClock: false })).toEqual({ enabled: true, perSubject: 6000, perAddress: 30000, windowMs: 60_000 });
  });

  it('is off under the test clock unless RATE_LIMIT_ENABLED=1 turns it on', () => {
    expect(loadRateLimitConfig({}, { testClock: true }).enabled).toBe(false);
    expect(loadRateLimitConfig({ RATE_LIMIT_ENABLED: '1' }, { testClock: true }).enabled).toBe(true);
    expect(loadRateLimitConfig({ RATE_LIMIT_ENABLED: '0' }, { testClock: false }).enabled).toBe(false);
  });

  it('reads both budgets; the address budget follows the subject budget unless set', () => {
    expect(loadRateLimitConfig({ RATE_LIMIT_PER_MINUTE: '10' }, { testClock: false })).toMatchObject({ perSubject: 10, perAddress: 50 });
    expect(loadRateLimitConfig({ RATE_LIMIT_PER_MINUTE: '10', RATE_LIMIT_IP_PER_MINUTE: '7' }, { testClock: false })).toMatchObject({ perAddress: 7 });
  });

  it.each([
    [{ RATE_LIMIT_ENABLED: 'yes' }, /RATE_LIMIT_ENABLED/],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE/],
    [{ RATE_LIMIT_IP_PER_MINUTE: '1.5' }, /RATE_LIMIT_IP_PER_MINUTE/],
  ])('refuses %j at start-up', (env, message) => {
    expect(() => loadRateLimitConfig(env, { testClock: false })).toThrow(message);
  });
});
