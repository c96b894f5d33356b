import type { Notice, PermissionChange, Subject } from '../notice.js';
import { capitalized, paragraphs, when, type Language } from './language.js';

type Change = Extract<Notice['facts'], { kind: 'permission-changed' }>;

const RESOURCES: Record<string, string> = { 'address-book': 'adressboken', workspace: 'arbetsytan' };
const CAUSES: Record<string, string> = {
  'employment-ended': 'eftersom anställningen har upphört',
  'access-removed': 'eftersom åtkomsten till systemet har tagits bort',
  deactivated: 'eftersom kontot har inaktiverats',
  deleted: 'eftersom användaren har tagits bort',
  blocked: 'eftersom kontot har spärrats vid slutdatumet',
  superseded: 'eftersom ett nytt uppdrag har ersatt det',
};

function authority(s: Subject): string {
  if (s.authority === 'main-responsible') return 'huvudansvarig';
  if (s.authority === 'delegate') return 'delegerad behörig beställare';
  return `administratör nivå ${s.level ?? ''}`.trim();
}

/** What ends or changes, in the definite form: "behörigheten till tjänsten lön". */
function what(s: Subject): string {
  if (s.service) return `behörigheten till tjänsten ${s.service}`;
  if (s.role) return `rollen ${s.role}`;
  if (s.authority) return `uppdraget som ${authority(s)}`;
  return 'medlemskapet';
}

function because(cause: string | undefined): string {
  return cause && CAUSES[cause] ? ` ${CAUSES[cause]}` : '';
}

function change(f: Change): string {
  const until = f.validUntil ? when(f.validUntil) : '';
  const resource = RESOURCES[f.resource ?? ''] ?? '';
  const texts: Record<PermissionChange, string> = {
    'grant-issued': `Du har fått ${what(f)}, giltig till ${until}.`,
    'grant-extended': `${capitalized(what(f))} har förlängts till ${until}.`,
    'grant-revoked': `${capitalized(what(f))} har återkallats${because(f.cause)}.`,
    'grant-expired': `${capitalized(what(f))} löpte ut ${when(f.at)}.`,
    appointed: `Du har utsetts till ${authority(f)}, giltigt till ${until}.`,
    dismissed: `Ditt uppdrag som ${authority(f)} har upphört${because(f.cause)}.`,
    'appointment-extended': `Ditt uppdrag som ${authority(f)} har förlängts till ${until}.`,
    'appointment-expired': `Ditt uppdrag som ${authority(f)} löpte ut ${when(f.at)}.`,
    'share-received': `${f.owner} har delat ${resource} med dig.`,
    'share-revoked': `Din åtkomst till ${resource} som tillhör ${f.owner} har återkallats${because(f.cause)}.`,
    'employment-ended': `Din anställning upphör ${when(f.at)}. Då upphör alla dina behörigheter, roller, uppdrag och delningar automatiskt.`,
    'access-removed': 'Din åtkomst till systemet har tagits bort. Du kan fortfarande logga in och se din profil.',
    deactivated: 'Ditt konto har inaktiverats. Du kan inte längre logga in.',
    deleted: 'Du har tagits bort som användare. Du kan inte längre logga in.',
    blocked: `Ditt konto spärrades ${when(f.at)} när slutdatumet passerades.`,
  };
  return texts[f.change];
}

function acceptance(f: { organizationId: string; memberId: string; token?: string }): string {
  return `Kod: ${f.token}\n(POST /v1/organizations/${f.organizationId}/members/${f.memberId}/invitation/acceptance med {"token": "${f.token}"})`;
}

/** Svenska. */
export const svenska: Language = {
  subject({ organization, facts: f }) {
    switch (f.kind) {
      case 'invitation':
        return f.resent ? `Påminnelse: inbjudan till ${organization}` : `Inbjudan till ${organization}`;
      case 'permission-changed':
        return `Dina behörigheter i ${organization} har ändrats`;
      case 'reminder':
        return `Påminnelse: ${what(f)}${f.own ? '' : ` för ${f.member}`} upphör om ${f.daysBefore} dagar`;
      case 'leaver-report':
        return `Anställningen för ${f.leaver} i ${organization} upphör`;
      case 'headless':
        return `Viktigt: ${organization} saknar huvudansvarig`;
      case 'agreement-changed':
        return f.change === 'terminated' ? `Avtalet för ${organization} har sagts upp` : `Avtalet för ${organization} har förnyats`;
    }
  },
  body({ to, organization, facts: f }) {
    const greeting = `Hej ${to.name}!`;
    const footer = 'Det här meddelandet skickades automatiskt av Behörighet. Svara inte på det.';
    switch (f.kind) {
      case 'invitation':
        return paragraphs(
          greeting,
          `Du har bjudits in som användare i ${organization}. Logga in och acceptera inbjudan med koden nedan.`,
          f.message && `Meddelande från den som bjöd in dig:\n${f.message}`,
          f.token && acceptance(f),
          f.resent && 'Koden i tidigare inbjudningar gäller inte längre.',
          footer,
        );
      case 'permission-changed':
        return paragraphs(greeting, change(f), `Organisation: ${organization}`, f.reason && `Orsak: ${f.reason}`, footer);
      case 'reminder':
        return paragraphs(
          greeting,
          `${capitalized(what(f))}${f.own ? '' : ` för ${f.member}`} i ${organization} upphör ${when(f.expiresAt)}, om ${f.daysBefore} dagar.`,
          f.about === 'external-end' ? 'Därefter spärras kontot automatiskt.' : 'En huvudansvarig kan förlänga giltigheten, högst 36 månader framåt.',
          footer,
        );
      case 'leaver-report':
        return paragraphs(
          greeting,
          `Anställningen för ${f.leaver} i ${organization} upphör ${when(f.effectiveAt)}. Då upphör alla personens behörigheter, roller, administratörsuppdrag och delningar automatiskt.`,
          f.reason && `Orsak: ${f.reason}`,
          footer,
        );
      case 'headless':
        return paragraphs(
          greeting,
          `${organization} har sedan ${when(f.at)} ingen giltig huvudansvarig. Ingen användare kan logga in förrän en ny huvudansvarig har registrerats.`,
          'Organisationen registrerar en ny huvudansvarig hos plattformens operatör.',
          footer,
        );
      case 'agreement-changed':
        return paragraphs(
          greeting,
          f.change === 'terminated'
            ? `Avtalet för ${organization} sades upp ${when(f.at)}. Ingen användare kan logga in förrän avtalet har förnyats.`
            : `Avtalet för ${organization} förnyades ${when(f.at)}. Användarna kan logga in igen.`,
          f.reason && `Orsak: ${f.reason}`,
          'Du får det här meddelandet som kontaktperson.',
          footer,
        );
    }
  },
};
