// Jest 30 in native ESM mode (run with node --experimental-vm-modules); @swc/jest compiles TypeScript.
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

const requiredEsm = ['content-disposition'];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc],
    // ESM-only packages that CommonJS dependencies require(): Node 20 loads them natively (require(esm)),
    // Jest on Node 20 cannot, so they are compiled to CommonJS for the tests.
    [`node_modules/(${requiredEsm.join('|')})/.+\\.js$`]: ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${requiredEsm.join('|')})/)`],
  moduleNameMapper: {
    '^@behorighet/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // @nestjs/throttler is CommonJS requiring ESM-only Nest packages, which Jest on Node 20 cannot do (test/support/esm-bridge).
  resolver: '<rootDir>/test/support/esm-bridge/resolver.cjs',
  setupFilesAfterEnv: ['<rootDir>/test/support/esm-bridge/setup.js'],
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,e2e-spec}.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
