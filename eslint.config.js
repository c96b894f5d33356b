// Lint: typescript-eslint's recommended rules, and the dependency rule that keeps the domain pure.
import tseslint from 'typescript-eslint';

const DOMAIN_FORBIDDEN = ['@nestjs/*', 'node:*', 'fs', 'net', 'http', 'mongodb', '@eventstore/*', 'better-sqlite3', 'fastify'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'bench/results/', '.tmp/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**', 'bench/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // CommonJS shims that bridge Jest's resolver to ESM-only packages must use require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // libs/domain is pure: no framework, no I/O, no store clients, no clock or randomness (STYLE.md).
    files: ['libs/domain/src/**/*.ts'],
    ignores: ['libs/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: DOMAIN_FORBIDDEN, message: 'libs/domain is pure: no framework, I/O or store imports.' }] }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The domain never reads the clock: take `now` from the command or context.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The domain never reads the clock: take `now` from the command or context.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The domain is deterministic: ids and randomness come from the caller.' },
        { selector: "CallExpression[callee.property.name='randomUUID']", message: 'The domain is deterministic: ids come from the caller.' },
      ],
    },
  },
);
