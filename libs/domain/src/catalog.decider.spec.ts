import { spec } from '../../testing/src/decider-spec.js';
import { catalogDecider } from './deciders.js';
import { actor, catEv, NOW, OPERATOR, OPERATOR_BY } from './scenario.fixture.js';

const catalog = spec(catalogDecider);
const now = NOW;

describe('catalog decider', () => {
  it('R-GRT-1 the operator registers services and defines packages as named sets of services', () => {
    catalog.given([]).when({ type: 'RegisterService', key: 'payroll', name: 'Payroll' }, { now, actor: OPERATOR }).then([
      { type: 'ServiceRegistered', data: { key: 'payroll', name: 'Payroll', schemaVersion: 1, occurredAt: NOW.toISOString(), by: OPERATOR_BY } },
    ]);
    const given = [catEv.service('payroll'), catEv.service('invoices')];
    catalog.given(given).when({ type: 'DefinePackage', key: 'base', name: 'Base', services: ['payroll', 'invoices', 'payroll'] }, { now, actor: OPERATOR }).thenMatch([
      { type: 'PackageDefined', data: { key: 'base', services: ['payroll', 'invoices'] } },
    ]);
  });

  it('refuses duplicates, unknown services, empty packages and non-operators', () => {
    const given = [catEv.service('payroll')];
    catalog.given(given).when({ type: 'RegisterService', key: 'payroll', name: 'P' }, { now, actor: OPERATOR }).thenFails('ALREADY_EXISTS');
    catalog.given(given).when({ type: 'DefinePackage', key: 'p', name: 'P', services: ['nope'] }, { now, actor: OPERATOR }).thenFails('UNKNOWN_SERVICE');
    catalog.given(given).when({ type: 'DefinePackage', key: 'p', name: 'P', services: [] }, { now, actor: OPERATOR }).thenFails('INVALID_INPUT');
    catalog.given(given).when({ type: 'RegisterService', key: 'x', name: 'X' }, { now, actor: actor('mr') }).thenFails('OPERATOR_ONLY');
  });
});
