import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EVENT_STORE, SqliteEventStore } from '@behorighet/event-store';
import type { EventStore } from '@behorighet/event-store';
import type { AppConfig } from '../config/app-config.js';
import { Aggregates } from './aggregates.js';
import { CommandRunner } from './command-runner.js';
import { IdempotencyIndex, IdempotencyInterceptor } from './idempotency.js';
import { UPCASTER, Upcaster, WriteModel } from './write-model.js';

/** Opens the configured event log: the embedded SQLite file by default, EventStoreDB when configured. */
async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore.kind === 'embedded') return SqliteEventStore.open({ dataDir: config.dataDir });
  const { EsdbEventStore } = await import('@behorighet/event-store');
  return EsdbEventStore.connect(config.eventStore.connectionString);
}

class EventStoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** The write side's infrastructure: the event log, aggregate loading, the command runner and idempotency. */
@Global()
@Module({})
export class WriteModelModule {
  static forRoot(config: AppConfig, upcast: Upcaster, store?: EventStore): DynamicModule {
    return {
      module: WriteModelModule,
      providers: [
        store ? { provide: EVENT_STORE, useValue: store } : { provide: EVENT_STORE, useFactory: () => openEventStore(config) },
        { provide: UPCASTER, useValue: upcast },
        EventStoreCloser,
        WriteModel,
        CommandRunner,
        Aggregates,
        IdempotencyIndex,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [EVENT_STORE, WriteModel, CommandRunner, Aggregates, IdempotencyIndex],
    };
  }
}
