import type { Notice, NoticeFacts, PermissionChange } from '../notice.js';
import { renderNotice } from './render.js';

const CHANGES: PermissionChange[] = [
  'grant-issued',
  'grant-extended',
  'grant-revoked',
  'grant-expired',
  'appointed',
  'dismissed',
  'appointment-extended',
  'appointment-expired',
  'share-received',
  'share-revoked',
  'employment-ended',
  'access-removed',
  'deactivated',
  'deleted',
  'blocked',
];

const AT = '2027-03-04T05:06:00.000Z';
const notice = (facts: NoticeFacts): Notice => ({ to: { email: 'anna@example.se', name: 'Anna Åström' }, organization: 'Acme AB', facts });

const every: Notice[] = [
  notice({ kind: 'invitation', organizationId: 'o-1', memberId: 'm-1', resent: false, message: 'Välkommen till oss!', token: 'tok-1' }),
  notice({ kind: 'invitation', organizationId: 'o-1', memberId: 'm-1', resent: true, token: 'tok-2' }),
  ...CHANGES.map((change) =>
    notice({ kind: 'permission-changed', change, at: AT, validUntil: AT, service: 'payroll', authority: 'administrator', level: 2, resource: 'workspace', owner: 'Bo Berg', cause: 'employment-ended' }),
  ),
  notice({ kind: 'reminder', about: 'grant', member: 'Anna Åström', own: true, service: 'payroll', daysBefore: 30, expiresAt: AT }),
  notice({ kind: 'reminder', about: 'appointment', member: 'Anna Åström', own: false, authority: 'main-responsible', daysBefore: 7, expiresAt: AT }),
  notice({ kind: 'reminder', about: 'external-end', member: 'Anna Åström', own: true, daysBefore: 7, expiresAt: AT }),
  notice({ kind: 'leaver-report', leaver: 'Bo Berg', effectiveAt: AT, reason: 'Egen uppsägning' }),
  notice({ kind: 'headless', at: AT }),
  notice({ kind: 'agreement-changed', change: 'terminated', at: AT, reason: 'Avtalet löper ut' }),
  notice({ kind: 'agreement-changed', change: 'renewed', at: AT }),
];

describe('e-mail texts in Swedish and English (R-NOT-1)', () => {
  it.each(every.map((n) => [n.facts.kind === 'permission-changed' ? n.facts.change : n.facts.kind, n] as const))(
    'R-NOT-1 %s: a readable subject and body in both languages, with the facts filled in',
    (_, n) => {
      const { subject, text } = renderNotice(n);
      expect(subject).toMatch(/^.+ \/ .+$/);
      expect(`${subject}\n${text}`).not.toMatch(/undefined|null|\[object|NaN|\$\{/);
      const [swedish, english] = text.split('---- In English ----');
      expect(swedish).toContain('Hej Anna Åström!');
      expect(english).toContain('Hello Anna Åström,');
      for (const part of [swedish!, english!]) expect(part).toContain('Acme AB');
    },
  );

  it('R-TIME-2 a reminder says what ends, when, and in how many days', () => {
    const { subject, text } = renderNotice(every.find((n) => n.facts.kind === 'reminder')!);
    expect(subject).toBe('Påminnelse: behörigheten till tjänsten payroll upphör om 30 dagar / Reminder: the permission for the service payroll ends in 30 days');
    expect(text).toContain('Behörigheten till tjänsten payroll i Acme AB upphör 2027-03-04 05:06 UTC, om 30 dagar.');
    expect(text).toContain('The permission for the service payroll in Acme AB ends at 2027-03-04 05:06 UTC, in 30 days.');
  });

  it('R-MEM-2 an invitation carries the personal message and the code to accept it with', () => {
    const { text } = renderNotice(every[0]!);
    expect(text).toContain('Meddelande från den som bjöd in dig:\nVälkommen till oss!');
    expect(text).toContain('Kod: tok-1');
    expect(text).toContain('POST /v1/organizations/o-1/members/m-1/invitation/acceptance with {"token": "tok-1"}');
    expect(renderNotice(every[1]!).text).toContain('The code of earlier invitations is no longer valid.');
  });
});
