import {
  appointAdministrator,
  bearer,
  createUnit,
  expectStatus,
  inviteAndAccept,
  issueGrant,
  organizationWithMainResponsible,
  placeOrder,
  shareAccess,
  type TestApp,
} from '@behorighet/testing';

/** The people of the security world, by the part they play. */
export const PEOPLE = ['mr', 'l1', 'l2', 'l3', 'l4', 'alice', 'bob', 'orderer', 'attestant'] as const;
export type Person = (typeof PEOPLE)[number];

/** A populated organization (and a second tenant) whose real ids the fuzzers and matrices put into paths. */
export interface SecurityWorld {
  operator: string;
  organizationId: string;
  otherOrganizationId: string;
  units: { top: string; sub: string };
  memberIds: Record<Person, string>;
  bearers: Record<Person, string>;
  grantId: string;
  orderId: string;
  shareId: string;
  employerCode: string;
  /** Real values for each path parameter name of the API. */
  pathValues: Record<string, string[]>;
}

/**
 * Builds the world through the public API: services, an organization with a main responsible, two units,
 * administrators L1 (whole), L2 (top unit), L3 (top unit), L4, members with a grant, an orderer and an attestant,
 * an open order and a share; plus a second organization. `tag` keeps subjects apart when one app holds several worlds.
 */
export async function buildSecurityWorld(t: TestApp, tag = 'w'): Promise<SecurityWorld> {
  const operator = await bearer(t, `${tag}-operator`, { operator: true });
  for (const key of ['payroll', 'invoices', 'archive']) {
    // A second world in the same app finds the catalog filled (409 ALREADY_EXISTS).
    const res = await t.http.post('/v1/services').set('authorization', operator).send({ key, name: `Service ${key}` });
    if (res.status !== 201 && res.body?.code !== 'ALREADY_EXISTS') expectStatus(res, 201);
  }
  const subject = (p: Person) => `${tag}-${p}`;
  const { organizationId, mainResponsibleId, mainResponsible: mr } = await organizationWithMainResponsible(
    t, operator, { name: `Säkerhet ${tag} AB`, orgNumber: '556016-0680' }, subject('mr'),
  );
  for (const service of ['payroll', 'invoices']) {
    expectStatus(await t.http.post(`/v1/organizations/${organizationId}/subscriptions`).set('authorization', operator).send({ service }), 201);
  }
  const top = await createUnit(t, mr, organizationId, { name: 'Ekonomi' });
  const sub = await createUnit(t, mr, organizationId, { name: 'Lön', parentId: top });
  const employerCode = 'AG-100';
  expectStatus(await t.http.post(`/v1/organizations/${organizationId}/employer-codes`).set('authorization', mr).send({ code: employerCode }), 201);

  const units: Partial<Record<Person, string>> = { l2: top, l3: sub, alice: sub, attestant: top };
  const memberIds = { mr: mainResponsibleId } as Record<Person, string>;
  for (const person of PEOPLE.filter((p) => p !== 'mr')) {
    memberIds[person] = await inviteAndAccept(t, mr, organizationId, { subject: subject(person), unitId: units[person] });
  }
  await appointAdministrator(t, mr, organizationId, { memberId: memberIds.l1, level: 1 });
  await appointAdministrator(t, mr, organizationId, { memberId: memberIds.l2, level: 2, unitId: top });
  await appointAdministrator(t, mr, organizationId, { memberId: memberIds.l3, level: 3, unitId: top });
  await appointAdministrator(t, mr, organizationId, { memberId: memberIds.l4, level: 4 });
  const grantId = await issueGrant(t, mr, organizationId, memberIds.alice, { service: 'payroll' });
  await issueGrant(t, mr, organizationId, memberIds.orderer, { role: 'orderer' });
  await issueGrant(t, mr, organizationId, memberIds.attestant, { role: 'attestant' });
  const bearers = Object.fromEntries(await Promise.all(PEOPLE.map(async (p) => [p, await bearer(t, subject(p))]))) as Record<Person, string>;
  const orderId = await placeOrder(t, bearers.orderer, organizationId, { service: 'archive' });
  const shareId = await shareAccess(t, bearers.alice, organizationId, memberIds.alice, { resource: 'address-book', memberId: memberIds.bob, actions: ['read'] });
  const { organizationId: otherOrganizationId } = await organizationWithMainResponsible(
    t, operator, { name: `Annan ${tag} AB`, orgNumber: '556677-8899' }, `${tag}-other-mr`,
  );
  const members = Object.values(memberIds);
  return {
    operator, organizationId, otherOrganizationId, units: { top, sub }, memberIds, bearers, grantId, orderId, shareId, employerCode,
    pathValues: {
      org: [organizationId, otherOrganizationId],
      member: members,
      owner: [memberIds.alice, memberIds.bob],
      grant: [grantId],
      order: [orderId],
      share: [shareId],
      code: [employerCode],
    },
  };
}
