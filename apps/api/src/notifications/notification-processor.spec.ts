import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meta, organizationStream } from '@behorighet/domain';
import { InMemoryEventStore } from '@behorighet/event-store';
import { loadAppConfig } from '../config/app-config.js';
import type { NotificationDelivery } from './notification-delivery.js';
import { NotificationProcessor } from './notification-processor.js';
import { SqliteOutbox } from './sqlite.outbox.js';

const ORG = '0190a1b2-0000-7000-8000-0000000000aa';
const AT = '2025-01-01T00:00:00.000Z';
const OPERATOR = { subject: 'op', operator: true as const };

async function history(store: InMemoryEventStore): Promise<void> {
  const event = (type: string, data: object) => ({ type, data: { organizationId: ORG, ...data, ...meta(OPERATOR, AT) } });
  await store.append(
    organizationStream(ORG),
    [
      event('OrganizationRegistered', { name: 'Acme AB', orgNumber: '556036-0793' }),
      event('UserInvited', { memberId: 'm-1', type: 'employee', name: 'Nora Ny', email: 'nora@example.se', message: 'Hej!' }),
      event('UserInvited', { memberId: 'm-2', type: 'employee', name: 'Olle Ny', email: 'olle@example.se' }),
    ],
    { expectedRevision: 'no-stream' },
  );
}

describe('NotificationProcessor: committed events into the outbox (R-NOT-1)', () => {
  let dir: string;
  let store: InMemoryEventStore;
  let outbox: SqliteOutbox;
  const config = loadAppConfig({ DATA_DIR: tmpdir() });
  const delivery = { wake: jest.fn() } as unknown as NotificationDelivery;
  const processor = () => new NotificationProcessor(store, outbox, config, delivery);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'behorighet-processor-'));
    store = new InMemoryEventStore();
    outbox = SqliteOutbox.open(dir);
    await history(store);
  });
  afterEach(async () => {
    outbox.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-NOT-1 writes each event\'s notifications once, whoever derives them again from an older checkpoint', async () => {
    const first = processor();
    await first.onApplicationBootstrap();
    await first.catchUp(2000);
    await first.onModuleDestroy();
    expect(outbox.counts()).toEqual({ total: 2, delivered: 0, pending: 2 });
    expect(outbox.checkpoint('notifications')).toBe(3n);

    // Another instance that starts over from the beginning adds nothing: the ids are the same.
    const checkpoint = jest.spyOn(outbox, 'checkpoint').mockReturnValue(1n);
    const again = processor();
    await again.onApplicationBootstrap();
    await again.catchUp(2000);
    await again.onModuleDestroy();
    checkpoint.mockRestore();
    expect(outbox.counts().total).toBe(2);
    const pending = outbox.due(Date.now(), 10);
    expect(pending.map((n) => [n.kind, n.to.email])).toEqual([
      ['invitation', 'nora@example.se'],
      ['invitation', 'olle@example.se'],
    ]);
    expect(pending[0]!.text).toContain('Hej!');
  });

  it('R-NOT-1 on a first start over an old log, notifies nobody about events older than a day', async () => {
    const now = Date.now;
    const later = now() + 2 * 24 * 60 * 60 * 1000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => later);
    const late = processor();
    await late.onApplicationBootstrap();
    clock.mockRestore();
    await late.catchUp(2000);
    await late.onModuleDestroy();
    expect(outbox.counts().total).toBe(0);
    expect(outbox.checkpoint('notifications')).toBe(3n);
  });
});
