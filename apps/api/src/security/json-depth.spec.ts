import { jsonDepth } from './json-depth.js';

describe('jsonDepth', () => {
  it.each([
    [undefined, 0],
    ['text', 0],
    [{}, 1],
    [{ a: [1, { b: 'c' }] }, 3],
    [[[], [[[]]]], 4],
  ])('measures %j as %i levels', (value, depth) => {
    expect(jsonDepth(value)).toBe(depth);
  });

  it('survives nesting that would overflow a recursive walk, and stops once past the limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(jsonDepth(deep, 32)).toBe(33);
    expect(jsonDepth(deep)).toBe(200_000);
  });
});
