import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type { EventStore } from '@behorighet/event-store';
import { createApp } from '../../../apps/api/src/app.factory.js';
import { loadAppConfig } from '../../../apps/api/src/config/app-config.js';
import { signDevToken } from './tokens.js';

export const TEST_SECRET = 'behorighet-test-secret-0123456789abcdef';

export interface TestApp {
  app: NestFastifyApplication;
  dataDir: string;
  http: ReturnType<typeof request>;
  /** A bearer token for `subject` (with the platform-operator role when asked). */
  token(subject: string, options?: { operator?: boolean }): Promise<string>;
  /** Restarts the app on the same data directory (what survives is what was durable). */
  restart(): Promise<TestApp>;
  close(): Promise<void>;
}

/**
 * The real application on the embedded store in a fresh temp directory, with the test clock and HS256 tokens.
 * Requests go through supertest against the in-process fastify server.
 */
export async function startTestApp(env: Record<string, string> = {}, dataDir?: string, options: { eventStore?: EventStore } = {}): Promise<TestApp> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'behorighet-'));
  const fullEnv = { ...process.env, DATA_DIR: dir, AUTH_DEV_SECRET: TEST_SECRET, APP_TEST_CLOCK: '1', ...env };
  // `eventStore` (e.g. an InMemoryEventStore) replaces the embedded log where durability is not under test and speed matters.
  const app = await createApp(loadAppConfig(fullEnv), { env: fullEnv, logger: false, ...options });
  const http = request(app.getHttpServer());
  const testApp: TestApp = {
    app,
    dataDir: dir,
    http,
    token: (subject, options = {}) =>
      signDevToken(TEST_SECRET, { sub: subject, roles: options.operator ? ['platform-operator'] : [] }),
    restart: async () => {
      await app.close();
      return startTestApp(env, dir);
    },
    close: async () => {
      await app.close();
      if (!dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return testApp;
}
