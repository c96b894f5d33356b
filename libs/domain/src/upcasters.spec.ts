import { createUpcaster, upcast, UPCASTERS, type UpcasterRegistry } from './upcasters.js';

describe('upcasters', () => {
  it('is the identity for the current (v1) events', () => {
    const data = { schemaVersion: 1, memberId: 'm', occurredAt: '2025-01-01T00:00:00.000Z', by: {} };
    expect(upcast('GrantIssued', data)).toBe(data);
    expect(UPCASTERS).toEqual({});
  });

  it('shows how a v2 is added: a step lifts stored v1 data on read', () => {
    // Example: a v2 of GrantIssued that names its target as { target: { kind, key } } instead of service/role.
    const registry: UpcasterRegistry = {
      GrantIssued: {
        1: ({ service, role, ...rest }) => ({ ...rest, schemaVersion: 2, target: service !== undefined ? { kind: 'service', key: service } : { kind: 'role', key: role } }),
      },
    };
    const read = createUpcaster(registry);
    expect(read('GrantIssued', { schemaVersion: 1, grantId: 'g', service: 'payroll' })).toEqual({ schemaVersion: 2, grantId: 'g', target: { kind: 'service', key: 'payroll' } });
    expect(read('GrantIssued', { grantId: 'g', role: 'attestant' })).toEqual({ schemaVersion: 2, grantId: 'g', target: { kind: 'role', key: 'attestant' } });
    const v2 = { schemaVersion: 2, grantId: 'g', target: { kind: 'service', key: 'x' } };
    expect(read('GrantIssued', v2)).toBe(v2);
    expect(read('GrantRevoked', { schemaVersion: 1 })).toEqual({ schemaVersion: 1 });
  });

  it('refuses a step that does not raise the version', () => {
    const broken: UpcasterRegistry = { X: { 1: (d) => d } };
    expect(() => upcast('X', { schemaVersion: 1 }, broken)).toThrow(/raise schemaVersion/);
  });
});
