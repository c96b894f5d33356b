import { spec } from '../../testing/src/decider-spec.js';
import { organizationDecider } from './deciders.js';
import { isHeadless, warnings } from './headless.js';
import { normalizeOrgNumber } from './org-number.js';
import { actor, catalog, JOB, NOW, OPERATOR, OPERATOR_BY, ORG, orgEv, orgState, PEOPLE, T0, VALID_ORG_NUMBER, world } from './scenario.fixture.js';

const org = spec(organizationDecider);
const now = NOW;
const at = NOW.toISOString();

describe('organization decider', () => {
  describe('R-ORG-1 registration and agreement', () => {
    it('R-ORG-1 the operator registers an organization with a valid org number; its agreement is active', () => {
      org.given([]).when({ type: 'RegisterOrganization', organizationId: ORG, name: 'Acme AB', orgNumber: '5560360793', groupId: 'g' }, { now, actor: OPERATOR }).then([
        { type: 'OrganizationRegistered', data: { organizationId: ORG, name: 'Acme AB', orgNumber: VALID_ORG_NUMBER, groupId: 'g', schemaVersion: 1, occurredAt: at, by: OPERATOR_BY } },
      ]);
      const state = orgState([orgEv.registered(at)]);
      expect(state.agreement).toEqual([{ from: at }]);
    });

    it('R-ORG-1 refuses an org number failing the Luhn check, and a non-operator', () => {
      org.given([]).when({ type: 'RegisterOrganization', organizationId: ORG, name: 'Acme AB', orgNumber: '556036-0794' }, { now, actor: OPERATOR }).thenFails('INVALID_ORG_NUMBER');
      org.given([]).when({ type: 'RegisterOrganization', organizationId: ORG, name: 'Acme AB', orgNumber: VALID_ORG_NUMBER }, { now, actor: actor('mr') }).thenFails('OPERATOR_ONLY');
      org.given([orgEv.registered()]).when({ type: 'RegisterOrganization', organizationId: ORG, name: 'X', orgNumber: VALID_ORG_NUMBER }, { now, actor: OPERATOR }).thenFails('ALREADY_EXISTS');
      expect(normalizeOrgNumber('16556036-0793')).toBe(VALID_ORG_NUMBER);
      expect(normalizeOrgNumber('55603607')).toBeUndefined();
    });

    it('R-ORG-1 the agreement is terminated and renewed by the operator, not twice', () => {
      org.given([orgEv.registered()]).when({ type: 'TerminateAgreement', reason: 'unpaid' }, { now, actor: OPERATOR }).thenMatch([
        { type: 'AgreementTerminated', data: { organizationId: ORG, reason: 'unpaid' } },
      ]);
      org.given([orgEv.registered(), orgEv.terminated(T0)]).when({ type: 'TerminateAgreement' }, { now, actor: OPERATOR }).thenFails('AGREEMENT_TERMINATED');
      org.given([orgEv.registered(), orgEv.terminated(T0)]).when({ type: 'RenewAgreement' }, { now, actor: OPERATOR }).thenMatch([{ type: 'AgreementRenewed' }]);
      org.given([orgEv.registered()]).when({ type: 'RenewAgreement' }, { now, actor: OPERATOR }).thenFails('AGREEMENT_ACTIVE');
      org.given([orgEv.registered()]).when({ type: 'TerminateAgreement' }, { now, actor: actor('mr') }).thenFails('OPERATOR_ONLY');
    });
  });

  describe('R-ORG-3 one or two main responsibles', () => {
    it('R-ORG-3 warns at zero and at more than two main responsibles, not at one or two', () => {
      const base = [orgEv.registered(), orgEv.registeredMember('a', 'sa'), orgEv.registeredMember('b', 'sb'), orgEv.registeredMember('c', 'sc')];
      expect(warnings(orgState(base), NOW)).toEqual([{ code: 'NO_MAIN_RESPONSIBLE', count: 0 }]);
      const one = [...base, orgEv.appointed('a', 'main-responsible')];
      expect(warnings(orgState(one), NOW)).toEqual([]);
      const two = [...one, orgEv.appointed('b', 'main-responsible')];
      expect(warnings(orgState(two), NOW)).toEqual([]);
      const three = [...two, orgEv.appointed('c', 'main-responsible')];
      expect(warnings(orgState(three), NOW)).toEqual([{ code: 'TOO_MANY_MAIN_RESPONSIBLES', count: 3 }]);
    });

    it('R-ORG-3 removing the last main responsible is allowed and leaves the organization headless', () => {
      org.given(world()).when({ type: 'DismissMainResponsible', memberId: PEOPLE.mr.memberId }, { now, actor: OPERATOR }).thenMatch([
        { type: 'AdminDismissed', data: { memberId: PEOPLE.mr.memberId, role: 'main-responsible', cause: 'dismissed' } },
      ]);
      const after = orgState([...world(), orgEv.dismissed(PEOPLE.mr.memberId, 'main-responsible', at)]);
      expect(isHeadless(after, NOW)).toBe(true);
      expect(isHeadless(after, new Date(Date.parse(at) - 1))).toBe(false);
    });
  });

  describe('R-ORG-6 units and employer codes', () => {
    it('R-ORG-6 units form a tree; a unit-scoped L1 creates units only inside its subtree', () => {
      org.given(world()).when({ type: 'CreateUnit', unitId: 'u-new', name: 'Payroll team', parentId: 'u-pay' }, { now, actor: actor('l1hr') }).thenMatch([
        { type: 'UnitCreated', data: { unitId: 'u-new', parentId: 'u-pay' } },
      ]);
      org.given(world()).when({ type: 'CreateUnit', unitId: 'u-new', name: 'X', parentId: 'u-sales' }, { now, actor: actor('l1hr') }).thenFails('OUT_OF_SCOPE');
      org.given(world()).when({ type: 'CreateUnit', unitId: 'u-new', name: 'X', parentId: 'nope' }, { now, actor: actor('mr') }).thenFails('UNKNOWN_UNIT');
      org.given(world()).when({ type: 'CreateUnit', unitId: 'u-new', name: 'X' }, { now, actor: actor('l2') }).thenFails('ADMIN_LEVEL_TOO_LOW');
      org.given(world()).when({ type: 'CreateUnit', unitId: 'u-hr', name: 'X' }, { now, actor: actor('mr') }).thenFails('ALREADY_EXISTS');
    });

    it('R-ORG-6 employer codes are added and closed once', () => {
      org.given(world()).when({ type: 'AddEmployerCode', code: 'AG-3' }, { now, actor: actor('delegate') }).thenMatch([{ type: 'EmployerCodeAdded', data: { code: 'AG-3' } }]);
      org.given(world()).when({ type: 'AddEmployerCode', code: 'AG-1' }, { now, actor: actor('mr') }).thenFails('ALREADY_EXISTS');
      org.given(world()).when({ type: 'CloseEmployerCode', code: 'AG-1' }, { now, actor: actor('l1') }).thenMatch([{ type: 'EmployerCodeClosed', data: { code: 'AG-1' } }]);
      const closed = { type: 'EmployerCodeClosed' as const, data: { organizationId: ORG, code: 'AG-1', schemaVersion: 1 as const, occurredAt: T0, by: OPERATOR_BY } };
      org.given([...world(), closed]).when({ type: 'CloseEmployerCode', code: 'AG-1' }, { now, actor: actor('mr') }).thenFails('EMPLOYER_CODE_CLOSED');
      org.given(world()).when({ type: 'CloseEmployerCode', code: 'AG-1' }, { now, actor: actor('l1hr') }).thenFails('OUT_OF_SCOPE');
    });
  });

  it('subscriptions: the operator subscribes an organization to a catalog service once', () => {
    org.given(world()).when({ type: 'SubscribeService', service: 'archive' }, { now, actor: OPERATOR, catalog: catalog() }).thenMatch([
      { type: 'ServiceSubscribed', data: { service: 'archive' } },
    ]);
    org.given(world()).when({ type: 'SubscribeService', service: 'payroll' }, { now, actor: OPERATOR, catalog: catalog() }).thenFails('ALREADY_SUBSCRIBED');
    org.given(world()).when({ type: 'SubscribeService', service: 'nope' }, { now, actor: OPERATOR, catalog: catalog() }).thenFails('UNKNOWN_SERVICE');
    org.given(world()).when({ type: 'SubscribeService', service: 'archive' }, { now, actor: JOB, catalog: catalog() }).thenFails('OPERATOR_ONLY');
  });
});
