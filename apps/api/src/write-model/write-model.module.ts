import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { EVENT_STORE } from '@behorighet/event-store';
import type { EventStore } from '@behorighet/event-store';
import { Aggregates } from './aggregates.js';
import { CommandRunner } from './command-runner.js';
import { IdempotencyIndex, IdempotencyInterceptor } from './idempotency.js';
import { UPCASTER, Upcaster, WriteModel } from './write-model.js';

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
  static forRoot(store: EventStore, upcast: Upcaster): DynamicModule {
    return {
      module: WriteModelModule,
      providers: [
        { provide: EVENT_STORE, useValue: store },
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
