// Replay of the in-memory read store: `node --expose-gc --import ./scripts/ts-register.mjs bench/read-models.bench.ts`.
// Builds a log of BENCH_DOCS events (default 1,000,000), one per stream, so the read model
// ends with that many documents (indexed by category and by organization), replays it with
// the ProjectionRunner, and prints events/s, the read store's heap, a page query and the digest time.
import { InMemoryEventStore } from '../libs/event-store/src/in-memory.event-store.js';
import { MemoryReadStore } from '../libs/read-models/src/memory.read-store.js';
import { defineProjection } from '../libs/read-models/src/projection.js';
import { ProjectionRunner } from '../libs/read-models/src/projection-runner.js';
import type { ReadDocument } from '../libs/read-models/src/read-store.port.js';

const DOCS = Number(process.env.BENCH_DOCS ?? 1_000_000);

interface Member extends ReadDocument {
  organizationId: string;
  category: string;
  name: string;
  count: number;
}

const projection = defineProjection<Member>({
  name: 'members',
  version: 1,
  indexes: [
    { name: 'byOrganization', fields: ['organizationId'] },
    { name: 'byCategory', fields: ['category'] },
  ],
  handles: ['MemberRegistered'],
  route: (event) => [event.stream],
  evolve: (document, event) => {
    const data = event.data as { organizationId: string; name: string; category: string };
    return { organizationId: data.organizationId, category: data.category, name: data.name, count: (document?.count ?? 0) + 1 };
  },
});

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const events = new InMemoryEventStore();
for (let i = 0; i < DOCS; i += 1000) {
  await Promise.all(
    Array.from({ length: Math.min(1000, DOCS - i) }, (_, j) =>
      events.append(
        `member-${(i + j).toString(36).padStart(6, '0')}`,
        [{ type: 'MemberRegistered', data: { organizationId: `org-${(i + j) % 5000}`, category: `c${(i + j) % 7}`, name: `Person ${i + j}` } }],
        { expectedRevision: 'no-stream' },
      ),
    ),
  );
}
const head = await events.headPosition();
const before = heapMb();

const readStore = new MemoryReadStore();
const runner = new ProjectionRunner({ projection, events, readStore, logger: { log: () => undefined, error: console.error } });
const started = performance.now();
await runner.start();
await runner.waitFor(head, 600_000);
const seconds = (performance.now() - started) / 1000;
const after = heapMb();

const queryStart = performance.now();
const page = await readStore.find<Member>('members', { category: 'c3' }, { limit: 100 });
const firstQueryMs = performance.now() - queryStart;
const secondStart = performance.now();
await readStore.find<Member>('members', { category: 'c3' }, { limit: 100, after: page.nextCursor ?? undefined });
const secondQueryMs = performance.now() - secondStart;
const digestStart = performance.now();
const digest = await readStore.digest();
const digestSeconds = (performance.now() - digestStart) / 1000;

console.log(
  JSON.stringify(
    {
      documents: DOCS,
      replaySeconds: +seconds.toFixed(2),
      eventsPerSecond: Math.round(DOCS / seconds),
      readStoreHeapMb: Math.round(after - before),
      bytesPerDocument: Math.round(((after - before) * 2 ** 20) / DOCS),
      firstPageAfterReplayMs: +firstQueryMs.toFixed(1),
      nextPageMs: +secondQueryMs.toFixed(2),
      digestSeconds: +digestSeconds.toFixed(2),
      digest: digest.members,
    },
    null,
    2,
  ),
);
await runner.stop();
await events.close();
