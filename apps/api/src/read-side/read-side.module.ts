import { Global, Module } from '@nestjs/common';
import { AccessController } from './access.controller.js';
import { AdministratorsQueryController } from './administrators-query.controller.js';
import { MeController } from './me.controller.js';
import { OverviewController } from './overview.controller.js';
import { ProjectionRunners, READ_MODEL_PROJECTIONS } from './projection-runners.js';
import { PROJECTIONS } from './projections.js';
import { QueryAccess } from './query-access.js';
import { ReadStates } from './read-states.js';
import { ReadStoreCloser, readStoreProvider } from './read-store.provider.js';
import { ReadYourWrites } from './read-your-writes.js';
import { ReportsController } from './reports.controller.js';

/**
 * The read side: the read store chosen by `READ_STORE`, one projection runner per read model of
 * `projections.ts` (role `projector`), `ReadYourWrites` for the queries' `minPosition`, and the queries.
 */
@Global()
@Module({
  controllers: [MeController, OverviewController, AdministratorsQueryController, ReportsController, AccessController],
  providers: [
    readStoreProvider,
    ReadStoreCloser,
    { provide: READ_MODEL_PROJECTIONS, useValue: PROJECTIONS },
    ProjectionRunners,
    ReadYourWrites,
    QueryAccess,
    ReadStates,
  ],
  exports: [readStoreProvider, ProjectionRunners, ReadYourWrites, QueryAccess, ReadStates],
})
export class ReadSideModule {}
