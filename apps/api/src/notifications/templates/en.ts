import type { Notice, PermissionChange, Subject } from '../notice.js';
import { capitalized, paragraphs, when, type Language } from './language.js';

type Change = Extract<Notice['facts'], { kind: 'permission-changed' }>;

const RESOURCES: Record<string, string> = { 'address-book': 'address book', workspace: 'workspace' };
const CAUSES: Record<string, string> = {
  'employment-ended': 'because the employment has ended',
  'access-removed': 'because the access to the system was removed',
  deactivated: 'because the account was deactivated',
  deleted: 'because the user was deleted',
  blocked: 'because the account was blocked at its end date',
  superseded: 'because a new appointment replaced it',
};

function authority(s: Subject): string {
  if (s.authority === 'main-responsible') return 'main responsible';
  if (s.authority === 'delegate') return 'delegate';
  return `administrator level ${s.level ?? ''}`.trim();
}

/** What ends or changes: "the permission for the service payroll". */
function what(s: Subject): string {
  if (s.service) return `the permission for the service ${s.service}`;
  if (s.role) return `the role ${s.role}`;
  if (s.authority) return `the appointment as ${authority(s)}`;
  return 'the membership';
}

function because(cause: string | undefined): string {
  return cause && CAUSES[cause] ? ` ${CAUSES[cause]}` : '';
}

function change(f: Change): string {
  const until = f.validUntil ? when(f.validUntil) : '';
  const resource = RESOURCES[f.resource ?? ''] ?? '';
  const texts: Record<PermissionChange, string> = {
    'grant-issued': `You have been given ${what(f)}, valid until ${until}.`,
    'grant-extended': `${capitalized(what(f))} has been extended until ${until}.`,
    'grant-revoked': `${capitalized(what(f))} has been revoked${because(f.cause)}.`,
    'grant-expired': `${capitalized(what(f))} expired at ${when(f.at)}.`,
    appointed: `You have been appointed ${authority(f)}, valid until ${until}.`,
    dismissed: `Your appointment as ${authority(f)} has ended${because(f.cause)}.`,
    'appointment-extended': `Your appointment as ${authority(f)} has been extended until ${until}.`,
    'appointment-expired': `Your appointment as ${authority(f)} expired at ${when(f.at)}.`,
    'share-received': `${f.owner} has shared their ${resource} with you.`,
    'share-revoked': `Your access to the ${resource} of ${f.owner} has been revoked${because(f.cause)}.`,
    'employment-ended': `Your employment ends at ${when(f.at)}. All your permissions, roles, appointments and shares then end automatically.`,
    'access-removed': 'Your access to the system has been removed. You can still log in and see your profile.',
    deactivated: 'Your account has been deactivated. You can no longer log in.',
    deleted: 'You have been removed as a user. You can no longer log in.',
    blocked: `Your account was blocked at ${when(f.at)}, when its end date passed.`,
  };
  return texts[f.change];
}

function acceptance(f: { organizationId: string; memberId: string; token?: string }): string {
  return `Code: ${f.token}\n(POST /v1/organizations/${f.organizationId}/members/${f.memberId}/invitation/acceptance with {"token": "${f.token}"})`;
}

/** English. */
export const english: Language = {
  subject({ organization, facts: f }) {
    switch (f.kind) {
      case 'invitation':
        return f.resent ? `Reminder: invitation to ${organization}` : `Invitation to ${organization}`;
      case 'permission-changed':
        return `Your permissions in ${organization} have changed`;
      case 'reminder':
        return `Reminder: ${what(f)}${f.own ? '' : ` of ${f.member}`} ends in ${f.daysBefore} days`;
      case 'leaver-report':
        return `The employment of ${f.leaver} in ${organization} ends`;
      case 'headless':
        return `Important: ${organization} has no main responsible`;
      case 'agreement-changed':
        return f.change === 'terminated' ? `The agreement of ${organization} has been terminated` : `The agreement of ${organization} has been renewed`;
    }
  },
  body({ to, organization, facts: f }) {
    const greeting = `Hello ${to.name},`;
    const footer = 'This message was sent automatically by Behörighet. Please do not reply.';
    switch (f.kind) {
      case 'invitation':
        return paragraphs(
          greeting,
          `You have been invited as a user of ${organization}. Log in and accept the invitation with the code below.`,
          f.message && `A message from the person who invited you:\n${f.message}`,
          f.token && acceptance(f),
          f.resent && 'The code of earlier invitations is no longer valid.',
          footer,
        );
      case 'permission-changed':
        return paragraphs(greeting, change(f), `Organization: ${organization}`, f.reason && `Reason: ${f.reason}`, footer);
      case 'reminder':
        return paragraphs(
          greeting,
          `${capitalized(what(f))}${f.own ? '' : ` of ${f.member}`} in ${organization} ends at ${when(f.expiresAt)}, in ${f.daysBefore} days.`,
          f.about === 'external-end' ? 'The account is then blocked automatically.' : 'A main responsible can extend the validity, at most 36 months ahead.',
          footer,
        );
      case 'leaver-report':
        return paragraphs(
          greeting,
          `The employment of ${f.leaver} in ${organization} ends at ${when(f.effectiveAt)}. All their permissions, roles, administrator appointments and shares then end automatically.`,
          f.reason && `Reason: ${f.reason}`,
          footer,
        );
      case 'headless':
        return paragraphs(
          greeting,
          `Since ${when(f.at)}, ${organization} has no valid main responsible. No user can log in until a new main responsible has been registered.`,
          'The organization registers a new main responsible with the platform operator.',
          footer,
        );
      case 'agreement-changed':
        return paragraphs(
          greeting,
          f.change === 'terminated'
            ? `The agreement of ${organization} was terminated at ${when(f.at)}. No user can log in until it is renewed.`
            : `The agreement of ${organization} was renewed at ${when(f.at)}. Users can log in again.`,
          f.reason && `Reason: ${f.reason}`,
          'You receive this message as a contact person.',
          footer,
        );
    }
  },
};
