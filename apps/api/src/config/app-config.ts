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
  eventStore: { kind: 'embedded' } | { kind: 'eventstoredb'; connectionString: string };
  readStore: { kind: 'memory' } | { kind: 'mongodb'; uri: string };
  /** Keys the invitation e-mails' tokens (members/invitation-token.ts). */
  invitationSecret: string;
  /** Which parts this process runs: serving HTTP, projecting read models, running scheduled jobs. */
  roles: Set<'api' | 'projector' | 'scheduler'>;
  /** Scheduled jobs (role `scheduler`): the interval is off when `enabled` is false; `/v1/test/jobs/run` still runs them. */
  jobs: { enabled: boolean; intervalMs: number; reminderDays: number[] };
  /** Notifications (R-NOT-1): SMTP when `smtpUrl` is set, else `.eml` files under `DATA_DIR/outbox`. */
  mail: { smtpUrl?: string; from: string };
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
    invitationSecret: invitationSecret(env),
    eventStore: eventStoreConfig(env),
    readStore: readStoreConfig(env),
    roles: rolesConfig(env.APP_ROLES),
    jobs: {
      enabled: jobsEnabled(env),
      intervalMs: integer(env.JOBS_INTERVAL_MS, 60_000, 'JOBS_INTERVAL_MS'),
      reminderDays: reminderDays(env.REMINDER_DAYS),
    },
    mail: { ...(env.SMTP_URL ? { smtpUrl: env.SMTP_URL } : {}), from: env.MAIL_FROM || 'Behörighet <no-reply@behorighet.local>' },
  };
}

/** The jobs' interval runs unless JOBS_ENABLED=0; under the test clock only when JOBS_ENABLED=1 (tests run jobs on demand). */
function jobsEnabled(env: NodeJS.ProcessEnv): boolean {
  const raw = env.JOBS_ENABLED?.trim();
  if (raw === undefined || raw === '') return env.APP_TEST_CLOCK !== '1';
  return raw !== '0' && raw !== 'false';
}

function reminderDays(raw: string | undefined): number[] {
  const days = (raw ?? '30,7').split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`REMINDER_DAYS must be positive whole days separated by commas, got "${raw}"`);
  }
  return [...new Set(days)].sort((a, b) => b - a);
}

/** A public default only outside production, like the dev token secret. */
export const DEV_INVITATION_SECRET = 'behorighet-local-invitation-secret-change-me';

function invitationSecret(env: NodeJS.ProcessEnv): string {
  const secret = env.INVITATION_SECRET?.trim();
  if (secret) {
    if (Buffer.byteLength(secret) < 32) throw new Error('INVITATION_SECRET must be at least 32 bytes long');
    return secret;
  }
  if (env.NODE_ENV === 'production') throw new Error('INVITATION_SECRET is required when NODE_ENV=production');
  return DEV_INVITATION_SECRET;
}

function eventStoreConfig(env: NodeJS.ProcessEnv): AppConfig['eventStore'] {
  const kind = env.EVENT_STORE ?? 'embedded';
  if (kind === 'embedded') return { kind };
  if (kind !== 'eventstoredb') throw new Error(`EVENT_STORE must be "embedded" or "eventstoredb", got "${kind}"`);
  if (!env.EVENTSTORE_CONNECTION_STRING) throw new Error('EVENT_STORE=eventstoredb needs EVENTSTORE_CONNECTION_STRING');
  return { kind, connectionString: env.EVENTSTORE_CONNECTION_STRING };
}

function readStoreConfig(env: NodeJS.ProcessEnv): AppConfig['readStore'] {
  const kind = env.READ_STORE ?? 'memory';
  if (kind === 'memory') return { kind };
  if (kind !== 'mongodb') throw new Error(`READ_STORE must be "memory" or "mongodb", got "${kind}"`);
  if (!env.MONGODB_URI) throw new Error('READ_STORE=mongodb needs MONGODB_URI');
  return { kind, uri: env.MONGODB_URI };
}

const ROLES = ['api', 'projector', 'scheduler'] as const;

function rolesConfig(raw: string | undefined): AppConfig['roles'] {
  const names = (raw ?? ROLES.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(ROLES as readonly string[]).includes(name)) throw new Error(`APP_ROLES may hold ${ROLES.join(', ')}; got "${name}"`);
  }
  return new Set(names as Array<(typeof ROLES)[number]>);
}

function integer(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}
