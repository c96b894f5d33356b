import type { AccessIntervalRow } from '../access-history/access-history.reader.js';
import { describeBy } from '../access-history/access-export.js';
import type { OrganizationAsOf } from './as-of-report.js';

/** Human-readable blocks of the replay report: plain lines, aligned columns, numbers with thousands separators. */

export function count(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

/** Aligns columns; the first row is the header, underlined. */
export function table(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  const line = (row: readonly string[]) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const [header, ...body] = rows;
  if (!header) return [];
  return [line(header), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)];
}

export function eventCountLines(counts: ReadonlyMap<string, number>): string[] {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  return table([['event type', 'events'], ...sorted.map(([type, n]) => [type, count(n)]), ['total', count(total)]]);
}

/** One line per read model: how many documents it holds (or, for an index of the log, how many lists) and its digest. */
export function digestLines(digests: Record<string, string>, logIndexes: ReadonlySet<string> = new Set()): string[] {
  return table([
    ['read model', 'holds', 'sha-256 of its contents'],
    ...Object.entries(digests).map(([name, digest]) => {
      const [items = '', hash = ''] = digest.split(':');
      return [name, `${count(Number(items))} ${logIndexes.has(name) ? 'lists' : 'documents'}`, hash];
    }),
  ]);
}

export function organizationLines(organization: OrganizationAsOf, maxMembers: number): string[] {
  const withAccess = organization.members.filter((member) => member.access.length > 0).length;
  const lines = [
    `${organization.name} (org. no. ${organization.orgNumber}, id ${organization.organizationId})`,
    `  ${organization.standing === 'working' ? 'working' : `nobody can log in: ${organization.standing}`}; ${count(organization.members.length)} members, ${count(withAccess)} with access`,
  ];
  const shown = organization.members.slice(0, maxMembers);
  if (shown.length > 0) {
    lines.push(
      ...table(
        [['member', 'type', 'standing', 'could use'], ...shown.map((m) => [m.name, m.type, m.standing, m.access.length > 0 ? m.access.join(', ') : '-'])],
        '    ',
      ),
    );
  }
  if (organization.members.length > shown.length) lines.push(`    … and ${count(organization.members.length - shown.length)} more (--organization ${organization.organizationId} lists them all)`);
  return lines;
}

export function intervalLines(rows: readonly AccessIntervalRow[]): string[] {
  return table([
    ['member', 'service or role', 'from', 'to', 'granted by', 'ended by', 'reason'],
    ...rows.map((row) => [
      row.memberId,
      row.service ?? `role ${row.role}`,
      row.from,
      row.to ?? '(still held)',
      describeBy(row.grantedBy),
      describeBy(row.endedBy) || '-',
      row.reason ?? '-',
    ]),
  ]);
}
