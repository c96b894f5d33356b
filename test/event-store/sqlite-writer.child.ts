// Child process of the SQLite reliability tests: appends events from concurrent writers and
// prints one line per acknowledged append, written only after `append` resolved (= durable):
//   ack <stream> <lastRevision> <lastPosition> <id>,<id>,…
// Run as: node --import ./scripts/ts-register.mjs test/event-store/sqlite-writer.child.ts <dataDir> <events> <writers> <label>
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite.event-store.js';
import { StreamNotFoundError, type ExpectedRevision } from '../../libs/event-store/src/event-store.port.js';

const [dataDir, eventsArg, writersArg, label] = process.argv.slice(2);
if (!dataDir || !eventsArg || !writersArg || !label) throw new Error('usage: <dataDir> <events> <writers> <label>');
const total = Number(eventsArg);
const store = SqliteEventStore.open({ dataDir });
let claimed = 0;

async function lastRevision(stream: string): Promise<bigint | undefined> {
  try {
    for await (const event of store.readStream(stream, { direction: 'backwards', limit: 1 })) return event.revision;
    return undefined;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}

/** Alternates between its own stream (exact expected revision) and streams shared by all writers ('any'). */
async function writer(index: number): Promise<void> {
  const own = `${label}-writer-${index}`;
  let ownRevision = await lastRevision(own);
  for (let turn = 0; claimed < total; turn += 1) {
    const count = Math.min(1 + (turn % 3), total - claimed);
    claimed += count;
    const shared = turn % 2 === 1;
    const stream = shared ? `${label}-shared-${turn % 5}` : own;
    const expectedRevision: ExpectedRevision = shared ? 'any' : (ownRevision ?? 'no-stream');
    const events = Array.from({ length: count }, () => ({
      id: randomUUID(),
      type: 'CrashTested',
      data: { writer: index, turn, padding: 'p'.repeat(200) },
    }));
    const result = await store.append(stream, events, { expectedRevision });
    if (!shared) ownRevision = result.nextRevision;
    process.stdout.write(`ack ${stream} ${result.nextRevision} ${result.position} ${events.map((e) => e.id).join(',')}\n`);
  }
}

process.stdout.write('ready\n');
await Promise.all(Array.from({ length: Number(writersArg) }, (_, i) => writer(i)));
await store.close();
process.stdout.write('done\n');
