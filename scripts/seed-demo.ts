// `npm run seed:demo`: loads one demo organization per seed portal through the public API of a running server
// (BASE_URL, default http://localhost:$PORT or 3000), so `npm start` followed by this shows a living system.
import { DEV_DEFAULT_SECRET, loadAuthConfig } from '../apps/api/src/auth/auth.config.js';
import { OPERATOR_ROLE } from '../apps/api/src/auth/caller.js';
import { signDevToken } from '../libs/testing/src/tokens.js';

const base = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
const auth = loadAuthConfig(process.env, { defaultDevSecret: DEV_DEFAULT_SECRET });

type Json = Record<string, unknown>;

async function token(subject: string, operator = false): Promise<string> {
  if (!auth.devSecret) throw new Error('seed:demo signs its tokens with AUTH_DEV_SECRET; it is not set');
  const claims = { sub: subject, roles: operator ? [OPERATOR_ROLE] : [], ...(auth.issuer ? { iss: auth.issuer[0] } : {}), ...(auth.audience ? { aud: auth.audience[0] } : {}) };
  return signDevToken(auth.devSecret, claims, { ttl: '1h' });
}

/** One call as `subject`; answers the JSON body, or throws the problem's code and detail. */
async function call(subject: string, method: string, path: string, body: Json = {}, operator = false): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(subject, operator)}`, 'content-type': 'application/json' },
    body: method === 'GET' ? undefined : JSON.stringify(body),
  });
  const answer = (await res.json()) as Json;
  if (!res.ok) throw Object.assign(new Error(`${method} ${path}: ${res.status} ${answer.code} ${answer.detail ?? ''}`), { code: answer.code });
  return answer;
}

const operator = (method: string, path: string, body?: Json) => call('demo:operator', method, path, body, true);

async function catalog(): Promise<void> {
  for (const [key, name] of [['payroll', 'Lönerapporter'], ['pension', 'Pensionsuppgifter'], ['invoices', 'Fakturor'], ['bank', 'Bank'], ['timesheets', 'Tidrapporter']]) {
    await operator('POST', '/v1/services', { key, name }).catch((e: { code?: string }) => { if (e.code !== 'ALREADY_EXISTS') throw e; });
  }
  await operator('POST', '/v1/packages', { key: 'base', name: 'Baspaket', services: ['invoices', 'bank'] }).catch((e: { code?: string }) => { if (e.code !== 'ALREADY_EXISTS') throw e; });
}

/** An organization subscribing to `services`, with its main responsible `demo:<mr>`. */
async function organization(name: string, orgNumber: string, mr: string, services: string[]): Promise<{ org: string; mrId: string }> {
  const org = (await operator('POST', '/v1/organizations', { name, orgNumber })).id as string;
  for (const service of services) await operator('POST', `/v1/organizations/${org}/subscriptions`, { service });
  const mrId = (await operator('POST', `/v1/organizations/${org}/main-responsibles`, { subject: `demo:${mr}`, name: title(mr), email: `${mr}@demo.example` })).id as string;
  return { org, mrId };
}

/** Invites `demo:<who>` as `type` and lets them accept (they bind their identity by logging in). */
async function member(org: string, by: string, who: string, type = 'employee', extra: Json = {}): Promise<string> {
  const id = (await call(`demo:${by}`, 'POST', `/v1/organizations/${org}/members`, { email: `${who}@demo.example`, name: title(who), type, subject: `demo:${who}`, ...extra })).id as string;
  if (type !== 'person-only') await call(`demo:${who}`, 'POST', `/v1/organizations/${org}/members/${id}/invitation/acceptance`);
  return id;
}

const grant = (org: string, by: string, memberId: string, body: Json) => call(`demo:${by}`, 'POST', `/v1/organizations/${org}/members/${memberId}/grants`, body);
const title = (s: string) => s.split('.').map((p) => p[0]!.toUpperCase() + p.slice(1)).join(' ');

async function main(): Promise<void> {
  await catalog();
  const summary: string[] = [];

  // 000 — an internet office: one main responsible, users with services for at most 36 months, a leaver.
  const a = await organization('Internetkontoret Demo AB', '556016-0680', 'anna.andersson', ['payroll', 'pension']);
  const bo = await member(a.org, 'anna.andersson', 'bo.berg');
  await grant(a.org, 'anna.andersson', bo, { service: 'payroll' });
  const cecilia = await member(a.org, 'anna.andersson', 'cecilia.carlsson', 'consultant');
  await grant(a.org, 'anna.andersson', cecilia, { service: 'pension' });
  await call('demo:anna.andersson', 'POST', `/v1/organizations/${a.org}/members/${cecilia}/employment-end`, { reason: 'Uppdraget avslutat' });
  await call('demo:bo.berg', 'POST', `/v1/organizations/${a.org}/members/${bo}/logins`);
  summary.push(`000 Internetkontoret Demo AB  ${a.org}  main responsible demo:anna.andersson; bo.berg has payroll; cecilia.carlsson has left`);

  // 001 — an employer: authorized orderer (MR), a delegate, administrators, employer codes (one closed).
  const b = await organization('Arbetsgivare Demo', '556677-8899', 'david.dahl', ['pension']);
  const eva = await member(b.org, 'david.dahl', 'eva.ek');
  await call('demo:david.dahl', 'POST', `/v1/organizations/${b.org}/delegates`, { memberId: eva });
  const filip = await member(b.org, 'eva.ek', 'filip.fors');
  await call('demo:eva.ek', 'POST', `/v1/organizations/${b.org}/administrators`, { memberId: filip, level: 1 });
  for (const code of ['AG-1001', 'AG-1002']) await call('demo:david.dahl', 'POST', `/v1/organizations/${b.org}/employer-codes`, { code });
  await call('demo:david.dahl', 'POST', `/v1/organizations/${b.org}/employer-codes/AG-1002/closure`);
  const gun = await member(b.org, 'filip.fors', 'gun.gran');
  await grant(b.org, 'filip.fors', gun, { service: 'pension', employerCodes: ['AG-1001', 'AG-1002'] });
  summary.push(`001 Arbetsgivare Demo          ${b.org}  MR demo:david.dahl, delegate demo:eva.ek, L1 admin demo:filip.fors`);

  // 002 — a toolbox account: administrator levels by unit, privacy by design, shared workspaces.
  const c = await organization('Verktygslådan Demo AB', '556703-7485', 'hanna.holm', ['timesheets']);
  const sales = (await call('demo:hanna.holm', 'POST', `/v1/organizations/${c.org}/units`, { name: 'Sälj' })).id as string;
  const north = (await call('demo:hanna.holm', 'POST', `/v1/organizations/${c.org}/units`, { name: 'Sälj Norr', parentId: sales })).id as string;
  const ivar = await member(c.org, 'hanna.holm', 'ivar.isaksson', 'employee', { unitId: sales });
  await call('demo:hanna.holm', 'POST', `/v1/organizations/${c.org}/administrators`, { memberId: ivar, level: 2, unitId: sales });
  const jonna = await member(c.org, 'ivar.isaksson', 'jonna.jansson', 'employee', { unitId: north });
  const kalle = await member(c.org, 'ivar.isaksson', 'kalle.karlsson', 'employee', { unitId: north });
  await call('demo:ivar.isaksson', 'POST', `/v1/organizations/${c.org}/administrators`, { memberId: jonna, level: 4, unitId: north });
  await call('demo:kalle.karlsson', 'POST', `/v1/organizations/${c.org}/members/${kalle}/shares`, { resource: 'address-book', memberId: jonna, actions: ['read', 'edit'], grantable: ['read'] });
  summary.push(`002 Verktygslådan Demo AB      ${c.org}  MR demo:hanna.holm, L2 demo:ivar.isaksson (Sälj), L4 demo:jonna.jansson (Sälj Norr)`);

  // 003 — a customer portal: an orderer orders, another person attests, the organization subscribes.
  const d = await organization('Kundportal Demo Region', '556946-7466', 'lisa.lund', []);
  const maja = await member(d.org, 'lisa.lund', 'maja.malm');
  const nils = await member(d.org, 'lisa.lund', 'nils.nord');
  await grant(d.org, 'lisa.lund', maja, { role: 'orderer' });
  await grant(d.org, 'lisa.lund', nils, { role: 'attestant' });
  const order = (await call('demo:maja.malm', 'POST', `/v1/organizations/${d.org}/orders`, { service: 'invoices', note: 'Fakturatjänst för regionen' })).id as string;
  await call('demo:nils.nord', 'POST', `/v1/organizations/${d.org}/orders/${order}/attestation`);
  await call('demo:maja.malm', 'POST', `/v1/organizations/${d.org}/orders`, { service: 'bank' });
  summary.push(`003 Kundportal Demo Region     ${d.org}  orderer demo:maja.malm, attestant demo:nils.nord; one order attested, one waiting`);

  // 004 — an accounting client: the five user types, a package, removed access and a deactivated user.
  const e = await organization('Redovisningsklient Demo AB', '212000-0142', 'olle.olsson', ['invoices', 'bank', 'timesheets']);
  const pia = await member(e.org, 'olle.olsson', 'pia.persson');
  await grant(e.org, 'olle.olsson', pia, { package: 'base' });
  const endsAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
  const rut = await member(e.org, 'olle.olsson', 'rut.rask', 'external', { endsAt, message: 'Välkommen som sommarvikarie!' });
  await grant(e.org, 'olle.olsson', rut, { service: 'timesheets' });
  await member(e.org, 'olle.olsson', 'sune.sand', 'no-system-access');
  await member(e.org, 'olle.olsson', 'tora.tall', 'person-only', { subject: undefined });
  const ulf = await member(e.org, 'olle.olsson', 'ulf.ulv');
  await grant(e.org, 'olle.olsson', ulf, { service: 'bank' });
  await call('demo:olle.olsson', 'POST', `/v1/organizations/${e.org}/members/${ulf}/access-removal`, { reason: 'Byter roll' });
  summary.push(`004 Redovisningsklient Demo AB ${e.org}  MR demo:olle.olsson; package, external until ${endsAt.slice(0, 10)}, no-system-access, person-only, removed access`);

  console.log(`Loaded five demo organizations into ${base}:\n\n${summary.map((s) => `  ${s}`).join('\n')}\n`);
  console.log('Act as anyone with a token, e.g.:\n  TOKEN=$(npm run -s token -- demo:anna.andersson)');
  console.log(`  curl -s ${base}/v1/organizations/${a.org}/overview -H "authorization: Bearer $TOKEN"`);
}

main().catch((error: unknown) => {
  console.error(`seed:demo: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof TypeError) console.error(`Is the server running at ${base}? Start it with npm start.`);
  process.exit(1);
});
