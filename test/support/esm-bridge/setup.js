// Loads the ESM instances that bridge.cjs hands to CommonJS packages (see there). The pure libraries never reach
// Nest, so their test files skip the ~0.1 s this costs.
const PURE = /[\\/]libs[\\/](domain|event-store)[\\/]/;

if (!PURE.test(expect.getState().testPath ?? '')) {
  const [common, core] = await Promise.all([import('@nestjs/common'), import('@nestjs/core')]);
  globalThis[Symbol.for('behorighet.jest.esm-bridge')] = { '@nestjs/common': common, '@nestjs/core': core };
}
