import { orderStream, organizationStream } from '@behorighet/domain';
import {
  bearer,
  inviteAndAccept,
  issueGrant,
  organizationWithMainResponsible,
  placeOrder,
  registerServices,
  setClock,
  startTestApp,
  streamEvents,
  TestApp,
} from '@behorighet/testing';

const T0 = new Date('2030-03-04T09:00:00.000Z');
const daysAfterT0 = (days: number) => new Date(T0.getTime() + days * 86_400_000);

/**
 * Seed 003 (Inera's customer portal): orderers order, attestants approve — never the same person —, agent
 * assignments, case handlers' connection applications, and contact persons who only look (R-ORD-1…5).
 */
describe('seed 003: orders and attestation', () => {
  let t: TestApp;
  let operator: string;
  let org: string;
  let customer: string;
  const tokens: Record<string, string> = {};
  const members: Record<string, string> = {};

  const orders = () => `/v1/organizations/${org}/orders`;
  const attest = (as: string, orderId: string, organizationId = org) =>
    t.http.post(`/v1/organizations/${organizationId}/orders/${orderId}/attestation`).set('authorization', tokens[as] ?? as).send({});
  const reject = (as: string, orderId: string, reason: string) =>
    t.http.post(`/v1/organizations/${org}/orders/${orderId}/rejection`).set('authorization', tokens[as]).send({ reason });
  const subscriptions = async (organizationId = org) =>
    (await streamEvents(t, organizationStream(organizationId))).filter((e) => e.type === 'ServiceSubscribed').map((e) => e.data);
  const orderEvents = async (orderId: string) => (await streamEvents(t, orderStream(orderId))).map((e) => e.type);

  beforeAll(async () => {
    // Jobs run only when the spec asks (POST /v1/test/jobs/run), never on their interval mid-test.
    t = await startTestApp({ JOBS_ENABLED: '0' });
    await setClock(t, T0);
    operator = await bearer(t, 'operator-1', { operator: true });
    await registerServices(t, operator, ['e-archive', 'payroll', 'invoices', 'reports', 'statistics', 'agent-portal', 'e-referral', 'telephony', 'journal']);
    const inera = await organizationWithMainResponsible(t, operator, { name: 'Region Norrland', orgNumber: '556016-0680' }, 'mr-norrland');
    org = inera.organizationId;
    // Each person with the business roles seed 003 names (R-GRT-1).
    const people: Record<string, string[]> = {
      olle: ['orderer'],
      anna: ['attestant'],
      bosse: ['orderer', 'attestant'],
      agnes: ['agent-orderer'],
      carl: ['case-handler-agent'],
      kim: ['contact-person'],
    };
    for (const [subject, roles] of Object.entries(people)) {
      const memberId = await inviteAndAccept(t, inera.mainResponsible, org, { subject });
      for (const role of roles) await issueGrant(t, inera.mainResponsible, org, memberId, { role });
      members[subject] = memberId;
      tokens[subject] = await bearer(t, subject);
    }
    customer = (await organizationWithMainResponsible(t, operator, { name: 'Vårdcentralen Kusten AB', orgNumber: '556677-8899' }, 'mr-kusten')).organizationId;
  });
  afterAll(() => t.close());

  it('R-ORD-1 an orderer places an order; the attestant approves it and the organization subscribes', async () => {
    const placed = await t.http.post(orders()).set('authorization', tokens.olle).send({ service: 'e-archive', note: 'For the archive team' }).expect(201);
    expect(placed.body).toEqual({ id: expect.any(String), position: expect.stringMatching(/^\d+$/) });
    expect(await subscriptions()).toEqual([]);

    const attested = await attest('anna', placed.body.id).expect(200);
    expect(BigInt(attested.body.position)).toBeGreaterThan(BigInt(placed.body.position));
    expect(await orderEvents(placed.body.id)).toEqual(['OrderPlaced', 'OrderAttested']);
    expect(await subscriptions()).toEqual([expect.objectContaining({ service: 'e-archive', orderId: placed.body.id })]);

    // The subscription is in force: the same service cannot be ordered again, nor the order attested twice.
    expect((await t.http.post(orders()).set('authorization', tokens.olle).send({ service: 'e-archive' }).expect(409)).body.code).toBe('ALREADY_SUBSCRIBED');
    expect((await attest('anna', placed.body.id).expect(409)).body.code).toBe('ORDER_NOT_PENDING');
  });

  it('R-ORD-1 an order nobody has attested takes no effect', async () => {
    const orderId = await placeOrder(t, tokens.olle, org, { service: 'statistics' });
    expect(await orderEvents(orderId)).toEqual(['OrderPlaced']);
    expect((await subscriptions()).map((s) => s.service)).not.toContain('statistics');
  });

  it('R-ORD-1 a retried order (same Idempotency-Key) is placed once', async () => {
    const send = () => t.http.post(orders()).set('authorization', tokens.olle).set('idempotency-key', 'order-retry-1').send({ service: 'payroll' });
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.body).toEqual(first.body);
    expect(await orderEvents(first.body.id)).toEqual(['OrderPlaced']);
  });

  it('R-ORD-1 refuses an order for a service that is not in the catalog (422 UNKNOWN_SERVICE)', async () => {
    const res = await t.http.post(orders()).set('authorization', tokens.olle).send({ service: 'teleportation' }).expect(422);
    expect(res.body.code).toBe('UNKNOWN_SERVICE');
  });

  it('R-ORD-2 the attestant must be another person, even when one person holds both roles (403 SAME_PERSON_ATTESTATION)', async () => {
    const orderId = await placeOrder(t, tokens.bosse, org, { service: 'payroll' });
    const res = await attest('bosse', orderId).expect(403);
    expect(res.body.code).toBe('SAME_PERSON_ATTESTATION');
    expect(await orderEvents(orderId)).toEqual(['OrderPlaced']);
    expect((await subscriptions()).map((s) => s.service)).not.toContain('payroll');

    await attest('anna', orderId).expect(200);
    expect((await subscriptions()).map((s) => s.service)).toContain('payroll');
  });

  it('R-ORD-2 an orderer without the attestant role cannot attest another’s order (403 ROLE_REQUIRED)', async () => {
    const orderId = await placeOrder(t, tokens.bosse, org, { service: 'telephony' });
    expect((await attest('olle', orderId).expect(403)).body.code).toBe('ROLE_REQUIRED');
    expect(await orderEvents(orderId)).toEqual(['OrderPlaced']);
  });

  it('R-ORD-3 the attestant rejects an order with a reason; it can no longer be attested', async () => {
    const orderId = await placeOrder(t, tokens.olle, org, { service: 'invoices' });
    expect((await reject('olle', orderId, 'Not now').expect(403)).body.code).toBe('ROLE_REQUIRED');
    expect((await reject('anna', orderId, '   ').expect(422)).body.code).toBe('REASON_REQUIRED');
    expect(await orderEvents(orderId)).toEqual(['OrderPlaced']);

    await reject('anna', orderId, 'Not in this year’s budget').expect(200);
    const events = await streamEvents(t, orderStream(orderId));
    expect(events.at(-1)).toMatchObject({ type: 'OrderRejected', data: { reason: 'Not in this year’s budget' } });
    expect((await attest('anna', orderId).expect(409)).body.code).toBe('ORDER_NOT_PENDING');
    expect((await subscriptions()).map((s) => s.service)).not.toContain('invoices');
    // A rejection ends that order only: the service may be ordered anew.
    await placeOrder(t, tokens.olle, org, { service: 'invoices' });
  });

  it('R-ORD-1 an agent-orderer orders an agent assignment; an orderer may not, and the agent-orderer orders no services', async () => {
    const refused = await t.http.post(orders()).set('authorization', tokens.olle).send({ service: 'agent-portal', kind: 'agent-assignment' }).expect(403);
    expect(refused.body.code).toBe('ROLE_REQUIRED');
    const notAService = await t.http.post(orders()).set('authorization', tokens.agnes).send({ service: 'agent-portal' }).expect(403);
    expect(notAService.body.code).toBe('ROLE_REQUIRED');

    const orderId = await placeOrder(t, tokens.agnes, org, { service: 'agent-portal', kind: 'agent-assignment' });
    expect((await attest('agnes', orderId).expect(403)).body.code).toBe('SAME_PERSON_ATTESTATION');
    await attest('anna', orderId).expect(200);
    const events = await streamEvents(t, orderStream(orderId));
    expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderAttested']);
    expect(events[1].data).toMatchObject({ kind: 'agent-assignment', service: 'agent-portal' });
  });

  describe('R-ORD-4 connection applications at an agent', () => {
    const apply = (as: string, body: object) => t.http.post(`/v1/organizations/${org}/connection-applications`).set('authorization', tokens[as]).send(body);

    beforeAll(async () => {
      await t.http.post(`/v1/organizations/${org}/subscriptions`).set('authorization', operator).send({ service: 'e-referral' }).expect(201);
    });

    it('R-ORD-4 a case-handler-agent registers a customer’s application; an attestant at the agent approves it', async () => {
      const registered = await apply('carl', { service: 'e-referral', applicantOrganizationId: customer, note: 'Applied by phone' }).expect(201);
      const applicationId = registered.body.id;
      expect((await attest('carl', applicationId).expect(403)).body.code).toBe('SAME_PERSON_ATTESTATION');
      expect(await orderEvents(applicationId)).toEqual(['OrderPlaced']);

      await attest('anna', applicationId).expect(200);
      const events = await streamEvents(t, orderStream(applicationId));
      expect(events.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderAttested']);
      expect(events[1].data).toMatchObject({ kind: 'connection-application', service: 'e-referral', applicantOrganizationId: customer });
      // Approving an application connects the customer; it subscribes no one.
      expect(await subscriptions(customer)).toEqual([]);
    });

    it('R-ORD-4 the application needs an attestant at the agent: the customer’s own attestant cannot approve it', async () => {
      const applicationId = (await apply('carl', { service: 'e-referral', applicantOrganizationId: customer }).expect(201)).body.id;
      const customerMr = await bearer(t, 'mr-kusten');
      const customerAttestant = await inviteAndAccept(t, customerMr, customer, { subject: 'kusten-attestant' });
      await issueGrant(t, customerMr, customer, customerAttestant, { role: 'attestant' });
      const token = await bearer(t, 'kusten-attestant');
      expect((await attest(token, applicationId, customer).expect(404)).body.code).toBe('ORDER_NOT_FOUND');
      expect((await attest(token, applicationId).expect(404)).body.code).toBe('NOT_A_MEMBER');
      expect(await orderEvents(applicationId)).toEqual(['OrderPlaced']);
    });

    it('R-ORD-4 only a case-handler-agent registers applications, for a service the agent offers, from another organization', async () => {
      expect((await apply('olle', { service: 'e-referral', applicantOrganizationId: customer }).expect(403)).body.code).toBe('ROLE_REQUIRED');
      expect((await apply('carl', { service: 'payroll-x', applicantOrganizationId: customer }).expect(422)).body.code).toBe('UNKNOWN_SERVICE');
      expect((await apply('carl', { service: 'reports', applicantOrganizationId: customer }).expect(409)).body.code).toBe('SERVICE_NOT_SUBSCRIBED');
      expect((await apply('carl', { service: 'e-referral', applicantOrganizationId: org }).expect(422)).body.code).toBe('INVALID_INPUT');
    });
  });

  it('R-ORD-5 a contact-person can look but neither place, attest nor reject an order', async () => {
    expect((await t.http.post(orders()).set('authorization', tokens.kim).send({ service: 'reports' }).expect(403)).body.code).toBe('ROLE_REQUIRED');
    const orderId = await placeOrder(t, tokens.olle, org, { service: 'reports' });
    expect((await attest('kim', orderId).expect(403)).body.code).toBe('ROLE_REQUIRED');
    expect((await reject('kim', orderId, 'No').expect(403)).body.code).toBe('ROLE_REQUIRED');
    expect(await orderEvents(orderId)).toEqual(['OrderPlaced']);
    // …and looking is what the role is for: the contact person may log in.
    const eligibility = await t.http.get(`/v1/organizations/${org}/members/${members.kim}/login-eligibility`).set('authorization', tokens.kim).expect(200);
    expect(eligibility.body).toMatchObject({ allowed: true, profileOnly: false });
  });

  it('R-SEC-2 someone who is not a member of the organization cannot order (404 NOT_A_MEMBER)', async () => {
    const res = await t.http.post(orders()).set('authorization', await bearer(t, 'stranger')).send({ service: 'reports' }).expect(404);
    expect(res.body.code).toBe('NOT_A_MEMBER');
  });

  it('R-ORD-3 an order not attested within 30 days lapses: attestation and rejection are refused after it', async () => {
    const lapsing = await placeOrder(t, tokens.olle, org, { service: 'statistics', note: 'will lapse' });
    const inTime = await placeOrder(t, tokens.olle, org, { service: 'journal' });
    await setClock(t, daysAfterT0(29));
    await attest('anna', inTime).expect(200);
    await setClock(t, daysAfterT0(31));
    expect((await attest('anna', lapsing).expect(409)).body.code).toBe('ORDER_LAPSED');
    expect((await reject('anna', lapsing, 'Too late').expect(409)).body.code).toBe('ORDER_LAPSED');
    const subscribed = (await subscriptions()).map((s) => s.service);
    expect(subscribed).toContain('journal');
    expect(subscribed).not.toContain('statistics');
    expect(await orderEvents(lapsing)).toEqual(['OrderPlaced']);

    // The lapse job records it, dated when the 30 days ran out; an attested order does not lapse.
    await t.http.post('/v1/test/jobs/run').set('authorization', tokens.anna).expect(200);
    const history = await streamEvents(t, orderStream(lapsing));
    expect(history.map((e) => e.type)).toEqual(['OrderPlaced', 'OrderLapsed']);
    expect(history[1].data.occurredAt).toBe(daysAfterT0(30).toISOString());
    expect(await orderEvents(inTime)).toEqual(['OrderPlaced', 'OrderAttested']);
  });
});
