import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Every production file of libs/domain/src (specs excluded), recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const FORBIDDEN_IMPORT = /(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)['"](@nestjs\/[^'"]*|node:[^'"]*|fs|fs\/promises|net|http|https|child_process|crypto|os|mongodb|@eventstore\/[^'"]*|better-sqlite3)['"]/g;
const CLOCK_OR_RANDOM = [
  { name: 'Date.now()', pattern: /\bDate\.now\s*\(/ },
  { name: 'new Date() without argument', pattern: /\bnew\s+Date\s*\(\s*\)/ },
  { name: 'Math.random()', pattern: /\bMath\.random\s*\(/ },
  { name: 'randomUUID()', pattern: /\brandomUUID\s*\(/ },
  { name: 'performance.now()', pattern: /\bperformance\.now\s*\(/ },
  { name: 'process access', pattern: /\bprocess\.(env|hrtime|uptime)\b/ },
];

/** What the scanner finds in one source text: forbidden imports and clock/random reads. */
function impurities(text: string): string[] {
  const found = [...text.matchAll(FORBIDDEN_IMPORT)].map((m) => `imports ${m[1]}`);
  for (const { name, pattern } of CLOCK_OR_RANDOM) if (pattern.test(text)) found.push(`reads ${name}`);
  return found;
}

describe('libs/domain purity', () => {
  const files = sources(here);

  it('scans the domain sources', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith('access.ts'))).toBe(true);
  });

  it('no production file imports frameworks, I/O or stores, or reads a clock or randomness', () => {
    const offences = files.flatMap((file) => impurities(readFileSync(file, 'utf8')).map((what) => `${file.slice(here.length + 1)}: ${what}`));
    expect(offences).toEqual([]);
  });

  it('the scanner catches what it must', () => {
    expect(impurities(`import { Injectable } from '@nestjs/common';`)).toEqual(['imports @nestjs/common']);
    expect(impurities(`import { readFileSync } from 'node:fs';\nimport x from "fs";`)).toEqual(['imports node:fs', 'imports fs']);
    expect(impurities(`import { MongoClient } from 'mongodb'; import { EventStoreDBClient } from '@eventstore/db-client';`)).toHaveLength(2);
    expect(impurities(`const db = await import('better-sqlite3');`)).toEqual(['imports better-sqlite3']);
    expect(impurities(`const t = Date.now();`)).toEqual(['reads Date.now()']);
    expect(impurities(`const t = new Date();`)).toEqual(['reads new Date() without argument']);
    expect(impurities(`const t = new Date(x);`)).toEqual([]);
    expect(impurities(`const r = Math.random();`)).toEqual(['reads Math.random()']);
    expect(impurities(`const id = crypto.randomUUID();`)).toEqual(['reads randomUUID()']);
  });
});
