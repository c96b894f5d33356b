// `npm run token -- <sub> [--operator] [--ttl 8h]`: prints an HS256 bearer token the locally configured API accepts.
import { parseArgs } from 'node:util';
import { DEV_DEFAULT_SECRET, loadAuthConfig } from '../apps/api/src/auth/auth.config.js';
import { OPERATOR_ROLE } from '../apps/api/src/auth/caller.js';
import { signDevToken } from '../libs/testing/src/tokens.js';

const USAGE = 'usage: npm run -s token -- <sub> [--operator] [--ttl 8h]';

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { operator: { type: 'boolean', default: false }, ttl: { type: 'string', default: '8h' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [subject, ...extra] = positionals;
  if (!subject?.trim() || extra.length > 0) throw new Error(USAGE);

  // The same resolution the server makes, so the token is one this configuration accepts.
  const config = loadAuthConfig(process.env, { defaultDevSecret: DEV_DEFAULT_SECRET });
  if (!config.devSecret) throw new Error('AUTH_JWKS_URL is set without AUTH_DEV_SECRET: the API accepts only tokens from the identity provider');

  const claims = {
    sub: subject,
    roles: values.operator ? [OPERATOR_ROLE] : [],
    ...(config.issuer ? { iss: config.issuer[0] } : {}),
    ...(config.audience ? { aud: config.audience[0] } : {}),
  };
  const token = await signDevToken(config.devSecret, claims, { ttl: values.ttl }).catch((error: unknown) => {
    throw error instanceof TypeError ? new Error(`--ttl "${values.ttl}" is not a duration such as 30m, 8h or 2d`) : error;
  });
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
