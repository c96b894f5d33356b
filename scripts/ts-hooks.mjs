// Module hooks for ts-register.mjs: `./x.js` imports from TypeScript resolve to `./x.ts`, and .ts files are
// compiled by @swc/core with the settings of .swcrc. `@behorighet/<lib>` resolves to libs/<lib>/src/index.ts (tsconfig's paths).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from '@swc/core';

const SWC = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
  swcrc: false,
};

const ALIAS = /^@behorighet\/([a-z-]+)$/;
const ROOT = new URL('../', import.meta.url);

export async function resolve(specifier, context, nextResolve) {
  const alias = ALIAS.exec(specifier);
  if (alias) return { url: new URL(`libs/${alias[1]}/src/index.ts`, ROOT).href, shortCircuit: true };
  if (context.parentURL?.endsWith('.ts') && /^\.{1,2}\/.*\.js$/.test(specifier)) {
    const candidate = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
    if (existsSync(fileURLToPath(candidate))) return { url: candidate.href, shortCircuit: true };
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  const { code } = await transform(await readFile(filename, 'utf8'), { ...SWC, filename });
  return { format: 'module', source: code, shortCircuit: true };
}
