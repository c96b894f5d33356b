import { resolve } from 'node:path';

/** Every environment variable the API reads, with its default. The README's configuration table mirrors this. */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  readWaitMs: number;
  testClock: boolean;
  bodyLimitBytes: number;
  corsOrigins: string[];
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug';
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? './data'),
    readWaitMs: integer(env.READ_WAIT_MS, 5000, 'READ_WAIT_MS'),
    testClock: env.APP_TEST_CLOCK === '1',
    bodyLimitBytes: integer(env.BODY_LIMIT_BYTES, 256 * 1024, 'BODY_LIMIT_BYTES'),
    corsOrigins: (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    logLevel: (env.LOG_LEVEL as AppConfig['logLevel']) ?? 'info',
  };
}

function integer(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}
