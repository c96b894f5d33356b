import { SqliteEventStore } from '@behorighet/event-store';
import type { EventStore } from '@behorighet/event-store';
import type { AppConfig } from '../config/app-config.js';

/**
 * Opens the configured event log — the embedded SQLite file by default, EventStoreDB when configured —
 * before the application is built, so a damaged or unreachable log stops start-up with its own message.
 */
export async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore.kind === 'embedded') return SqliteEventStore.open({ dataDir: config.dataDir });
  const { EsdbEventStore } = await import('@behorighet/event-store');
  return EsdbEventStore.connect(config.eventStore.connectionString);
}
