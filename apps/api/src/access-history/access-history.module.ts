import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@behorighet/event-store';
import { READ_STORE, type ReadStore } from '@behorighet/read-models';
import { AccessHistoryController } from './access-history.controller.js';
import { AccessHistoryReader } from './access-history.reader.js';

/** R-READ-3/R-READ-4: access intervals and their export (the projection is registered in read-side/projections.ts). */
@Module({
  controllers: [AccessHistoryController],
  providers: [
    { provide: AccessHistoryReader, inject: [READ_STORE, EVENT_STORE], useFactory: (store: ReadStore, events: EventStore) => new AccessHistoryReader(store, events) },
  ],
})
export class AccessHistoryModule {}
