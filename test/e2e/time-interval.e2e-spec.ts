import { addDays, iso, memberStream } from '@behorighet/domain';
import {
  bearer,
  inviteAndAccept,
  issueGrant,
  organizationWithMainResponsible,
  registerServices,
  setClock,
  startTestApp,
  streamEvents,
  subscribeServices,
  type TestApp,
} from '@behorighet/testing';
import { runJobs, VALID_ORG_NUMBER } from './time.support.js';

const T0 = Date.parse('2026-02-02T09:00:00.000Z');

/** A member holding a grant that ends 10 days after T0; answers a probe for its GrantExpired. */
async function grantEndingSoon(t: TestApp) {
  await setClock(t, iso(T0));
  const operator = await bearer(t, 'operator-1', { operator: true });
  await registerServices(t, operator, ['crm']);
  const org = await organizationWithMainResponsible(t, operator, { name: 'Intervall AB', orgNumber: VALID_ORG_NUMBER }, 'mr-int');
  await subscribeServices(t, operator, org.organizationId, ['crm']);
  const memberId = await inviteAndAccept(t, org.mainResponsible, org.organizationId, { subject: 'ivar' });
  await issueGrant(t, org.mainResponsible, org.organizationId, memberId, { service: 'crm', validUntil: iso(addDays(T0, 10)) });
  return async () => (await streamEvents(t, memberStream(memberId))).filter((e) => e.type === 'GrantExpired');
}

async function eventually<T>(probe: () => Promise<T[]>, timeoutMs: number): Promise<T[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found.length > 0 || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('when the scheduled jobs run by themselves', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('R-TIME-4 every JOBS_INTERVAL_MS at the clock\'s instant: the expiry is recorded without anyone asking', async () => {
    t = await startTestApp({ JOBS_ENABLED: '1', JOBS_INTERVAL_MS: '100' });
    const expired = await grantEndingSoon(t);
    await setClock(t, iso(addDays(T0, 11)));
    expect((await eventually(expired, 5000)).map((e) => e.data.occurredAt)).toEqual([iso(addDays(T0, 10))]);
  });

  it.each([
    ['with JOBS_ENABLED=0', { JOBS_ENABLED: '0' }],
    ['by default under the test clock', {}],
  ])('R-TIME-4 not %s: then only on demand', async (_, env: Record<string, string>) => {
    t = await startTestApp({ ...env, JOBS_INTERVAL_MS: '100' });
    const expired = await grantEndingSoon(t);
    await setClock(t, iso(addDays(T0, 11)));
    expect(await eventually(expired, 600)).toEqual([]);
    await runJobs(t);
    expect(await expired()).toHaveLength(1);
  });

  it('R-TIME-4 not in a process without the scheduler role: it has no jobs to run', async () => {
    t = await startTestApp({ APP_ROLES: 'api,projector', JOBS_ENABLED: '1', JOBS_INTERVAL_MS: '100' });
    const expired = await grantEndingSoon(t);
    await setClock(t, iso(addDays(T0, 11)));
    expect(await runJobs(t)).toEqual({});
    expect(await eventually(expired, 300)).toEqual([]);
  });
});
