// `npm run replay -- [--as-of <instant> | --to-position <p>] [--data-dir <dir>] [--organization <id>] [--export <file.csv|.jsonl>] [--json]`
// R-READ-6: rebuilds every read model from the embedded event log into a fresh in-memory store and reports
// what it found, so an auditor can check that a rebuild gives the same answers (equal digests) and look at
// the state as of a past instant or log position.
import { createWriteStream, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { parseInstant } from '@behorighet/domain';
import { SqliteEventStore, type EventStore } from '@behorighet/event-store';
import { isPositionProjection } from '@behorighet/read-models';
import { exportStream } from '../apps/api/src/access-history/access-export.js';
import { AccessHistoryReader } from '../apps/api/src/access-history/access-history.reader.js';
import { PROJECTIONS } from '../apps/api/src/read-side/projections.js';
import { intervalsAsOf, organizationsAsOf } from '../apps/api/src/replay/as-of-report.js';
import { positionAsOf } from '../apps/api/src/replay/as-of-position.js';
import { rebuildReadModels, type RebuildResult } from '../apps/api/src/replay/rebuild.js';
import { count, digestLines, eventCountLines, intervalLines, organizationLines } from '../apps/api/src/replay/replay-text.js';

const USAGE = `usage: npm run -s replay -- [options]

Rebuilds every read model from the event log and prints what it found.

  --data-dir <dir>        where events.sqlite lies (default: $DATA_DIR, else ./data)
  --to-position <p>       stop after the event at log position p
  --as-of <instant>       stop at the last event that had occurred by then (ISO-8601, e.g. 2025-06-30T23:59:59Z)
                          and show the organizations, their members' access and the access intervals then
  --organization <id>     with --as-of: show this organization only, every member and interval
  --export <file>         with --as-of: write every access interval to <file> (.csv or .jsonl)
  --json                  print the counts and digests as JSON instead (for scripts)

Two replays of the same log print the same digests; so does the running API's /health/ready read models.`;

const SHOWN_ORGANIZATIONS = 10;
const SHOWN_MEMBERS = 10;
const SHOWN_INTERVALS = 20;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'to-position': { type: 'string' },
      'as-of': { type: 'string' },
      organization: { type: 'string' },
      export: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (values['as-of'] !== undefined && values['to-position'] !== undefined) throw new Error('give --as-of or --to-position, not both');
  if ((values.organization !== undefined || values.export !== undefined) && values['as-of'] === undefined) throw new Error('--organization and --export go with --as-of');
  if (values.export !== undefined && !/\.(csv|jsonl)$/.test(values.export)) throw new Error('--export needs a file name ending in .csv or .jsonl');
  const asOf = values['as-of'] === undefined ? undefined : new Date(parseInstant(values['as-of'], '--as-of'));
  const toPosition = values['to-position'] === undefined ? undefined : position(values['to-position']);

  const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
  const file = join(dataDir, 'events.sqlite');
  if (!existsSync(file)) throw new Error(`there is no event log at ${file} (give --data-dir, or set DATA_DIR)`);
  const events = SqliteEventStore.open({ dataDir });
  try {
    const head = await events.headPosition();
    if (toPosition !== undefined && toPosition > head) throw new Error(`--to-position ${toPosition} lies past the end of the log (position ${head})`);
    const until = asOf !== undefined ? await positionAsOf(events, asOf) : (toPosition ?? head);
    const result = await rebuild(events, until, !values.json);
    if (values.json) return void console.log(JSON.stringify(summary(file, head, result, asOf), null, 2));
    print(header(file, head, result, asOf));
    if (asOf !== undefined) await printAsOf(result, events, asOf, values.organization, values.export);
  } finally {
    await events.close();
  }
}

async function rebuild(events: SqliteEventStore, until: bigint, progress: boolean): Promise<RebuildResult> {
  const bar = new SingleBar({
    format: 'Replaying the log |{bar}| {percentage}% | {value}/{total} events',
    hideCursor: true,
    clearOnComplete: true,
  });
  if (progress) bar.start(Number(until), 0);
  let seen = 0;
  try {
    return await rebuildReadModels({
      events,
      projections: PROJECTIONS,
      untilPosition: until,
      onEvent: () => {
        seen += 1;
        if (progress && seen % 1000 === 0) bar.update(seen);
      },
    });
  } finally {
    if (progress) {
      bar.update(seen);
      bar.stop();
    }
  }
}

function header(file: string, head: bigint, result: RebuildResult, asOf: Date | undefined): string[] {
  const reached = asOf
    ? `as of ${asOf.toISOString()}: up to position ${count(result.position)} of ${count(head)}, the last event that had occurred by then`
    : result.position === head
      ? `the whole log: ${count(head)} events`
      : `up to position ${count(result.position)} of ${count(head)}`;
  const rate = result.seconds > 0 ? `, ${count(Math.round(Number(result.position) / result.seconds))} events/s` : '';
  return [
    `Replayed ${file}`,
    `  ${reached}`,
    `  into ${PROJECTIONS.length} read models in ${result.seconds.toFixed(2)} s${rate}`,
    '',
    'Events read, by type',
    ...eventCountLines(result.eventCounts),
    '',
    'Read models rebuilt (another replay of the same log gives the same digests; a different one means different contents)',
    ...digestLines(result.digests, new Set(PROJECTIONS.filter(isPositionProjection).map((projection) => projection.name))),
  ];
}

async function printAsOf(result: RebuildResult, events: EventStore, asOf: Date, only: string | undefined, exportFile: string | undefined): Promise<void> {
  const reader = new AccessHistoryReader(result.readStore, events);
  print(['', `Organizations as of ${asOf.toISOString()} (members, their standing and what they could use then)`]);
  const totals = { organizations: 0, working: 0, members: 0, withAccess: 0 };
  for await (const organization of organizationsAsOf(reader, result.readStore, asOf, only)) {
    totals.organizations += 1;
    totals.working += organization.standing === 'working' ? 1 : 0;
    totals.members += organization.members.length;
    totals.withAccess += organization.members.filter((member) => member.access.length > 0).length;
    if (totals.organizations <= SHOWN_ORGANIZATIONS) print(['', ...organizationLines(organization, only ? Number.POSITIVE_INFINITY : SHOWN_MEMBERS)]);
  }
  if (totals.organizations === 0) print([only ? `  no organization ${only} had been registered by then` : '  none had been registered by then']);
  if (totals.organizations > SHOWN_ORGANIZATIONS) print(['', `  … and ${count(totals.organizations - SHOWN_ORGANIZATIONS)} more organizations (--organization <id> shows one in full)`]);
  if (only === undefined) {
    const stopped = totals.organizations - totals.working;
    print([
      '',
      `  In all: ${count(totals.organizations)} organizations (${count(stopped)} where nobody could log in), ${count(totals.members)} members, ${count(totals.withAccess)} of them with access`,
    ]);
  }

  const shown = [];
  let total = 0;
  for await (const row of intervalsAsOf(reader, result.readStore, asOf, only)) {
    total += 1;
    if (only !== undefined || shown.length < SHOWN_INTERVALS) shown.push(row);
  }
  print(['', `Access intervals up to ${asOf.toISOString()} (the compliance export's rows then): ${count(total)}`, ...intervalLines(shown)]);
  if (total > shown.length) print([`  … and ${count(total - shown.length)} more (--export <file.csv> writes them all)`]);
  if (exportFile !== undefined) {
    const format = exportFile.endsWith('.jsonl') ? 'jsonl' : 'csv';
    // A failure rejects the pipeline itself (the stream is destroyed with it), so onError has nothing to add.
    await pipeline(exportStream(intervalsAsOf(reader, result.readStore, asOf, only), format, () => undefined), createWriteStream(exportFile));
    print(['', `Wrote ${count(total)} access intervals to ${resolve(exportFile)}`]);
  }
}

function summary(file: string, head: bigint, result: RebuildResult, asOf: Date | undefined) {
  return {
    log: file,
    head: String(head),
    position: String(result.position),
    ...(asOf ? { asOf: asOf.toISOString() } : {}),
    seconds: Number(result.seconds.toFixed(3)),
    eventCounts: Object.fromEntries(result.eventCounts),
    digests: result.digests,
  };
}

function position(value: string): bigint {
  if (!/^\d{1,19}$/.test(value)) throw new Error(`--to-position must be a log position (a whole number), got "${value}"`);
  return BigInt(value);
}

function print(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(`replay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
