import { WrongExpectedVersionError } from '@behorighet/event-store';

describe('toolchain', () => {
  it('compiles TypeScript through swc in ESM mode and resolves path aliases', () => {
    const e = new WrongExpectedVersionError('s', 'no-stream', 0n);
    expect(e.code).toBe('CONCURRENT_MODIFICATION');
  });
});
