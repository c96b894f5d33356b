import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEV_DEFAULT_SECRET, loadAuthConfig } from './auth.config.js';
import { JwtVerifier } from './jwt-verifier.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs `scripts/token.ts` the way `npm run token` does, with only the given AUTH_* and NODE_ENV variables. */
async function token(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AUTH_') && name !== 'NODE_ENV'));
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', './scripts/ts-register.mjs', 'scripts/token.ts', ...args], {
      cwd: root,
      env: { ...clean, ...env },
    });
    return { stdout: stdout.trim(), stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout.trim(), stderr: failed.stderr, code: failed.code };
  }
}

describe('npm run token', () => {
  it('prints an operator token the locally configured API accepts, with the local default secret', async () => {
    const { stdout, code } = await token(['199001011234', '--operator']);
    expect(code).toBe(0);
    const verifier = new JwtVerifier(loadAuthConfig({}, { defaultDevSecret: DEV_DEFAULT_SECRET }));
    await expect(verifier.verify(stdout)).resolves.toEqual({ subject: '199001011234', roles: ['platform-operator'], operator: true });
  });

  it('signs with AUTH_DEV_SECRET and carries the configured issuer, audience and lifetime', async () => {
    const env = { AUTH_DEV_SECRET: 'a-test-secret-that-is-long-enough-for-hs256', AUTH_ISSUER: 'https://idp.test', AUTH_AUDIENCE: 'api' };
    const { stdout, code } = await token(['someone', '--ttl', '15m'], env);
    expect(code).toBe(0);
    await expect(new JwtVerifier(loadAuthConfig(env)).verify(stdout)).resolves.toEqual({ subject: 'someone', roles: [], operator: false });
    const claims = JSON.parse(Buffer.from(stdout.split('.')[1], 'base64url').toString()) as Record<string, number>;
    expect(claims.exp - claims.iat).toBe(15 * 60);
  });

  it('refuses in production without a configured secret, and without a subject', async () => {
    const production = await token(['someone'], { NODE_ENV: 'production' });
    expect(production.code).toBe(1);
    expect(production.stdout).toBe('');
    expect(production.stderr).toMatch(/authentication is not configured/);
    expect((await token([])).stderr).toMatch(/usage: npm run -s token -- <sub>/);
  });
});
