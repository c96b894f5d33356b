// The report rows of the in-process access section (bench/access.bench.ts answers an AccessResult).
import type { CheckFigures } from './latency.js';
import type { Row } from './report.js';

export interface AccessResult {
  spec: { organizations: number; membersPerOrganization: number; services: number };
  events: number;
  grants: number;
  historySeconds: number;
  projectSeconds: number;
  casbinBuildSeconds: number;
  heap: { readModelBytes: number; bytesPerLiveGrant: number; casbinBytes: number; casbinBytesPerGrant: number };
  readModel: CheckFigures;
  evaluator: CheckFigures;
  casbin: CheckFigures;
  disagreements: { compared: number; differing: number };
}

export function accessRows(r: AccessResult): Row[] {
  const members = r.spec.organizations * r.spec.membersPerOrganization;
  const data = `${members.toLocaleString('en-US')} members × ${r.spec.services} services`;
  const section = 'access check, in process';
  const casbin = { name: 'node-casbin RBAC with domains, same data', unit: 'checks/s', value: r.casbin.checksPerSecond };
  const disagree = r.disagreements.differing > 0 ? `${r.disagreements.differing} of ${r.disagreements.compared} answers differ from casbin` : undefined;
  return [
    { section, figure: `read model + effectiveAccess, p99 per check (${data})`, value: r.readModel.p99Micros, unit: 'µs', goal: { max: 10 }, note: disagree },
    { section, figure: 'read model + effectiveAccess, p50 per check', value: r.readModel.p50Micros, unit: 'µs' },
    { section, figure: 'read model + effectiveAccess, throughput', value: r.readModel.checksPerSecond, unit: 'checks/s', baseline: casbin, goal: { minRatio: 10 } },
    { section, figure: 'effectiveAccess alone (states in hand), p99', value: r.evaluator.p99Micros, unit: 'µs' },
    { section, figure: `node-casbin enforceSync, p99 per check (${r.casbin.checks.toLocaleString('en-US')} checks)`, value: r.casbin.p99Micros, unit: 'µs' },
    {
      section: 'memory',
      figure: `heap per live grant, access read model (${r.grants.toLocaleString('en-US')} grants)`,
      value: r.heap.bytesPerLiveGrant,
      unit: 'B',
      baseline: { name: 'node-casbin, same grants', value: r.heap.casbinBytesPerGrant, unit: 'B' },
      goal: { max: 150 },
    },
  ];
}
