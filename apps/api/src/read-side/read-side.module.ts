import { Global, Module } from '@nestjs/common';
import { ProjectionRunners, READ_MODEL_PROJECTIONS } from './projection-runners.js';
import { PROJECTIONS } from './projections.js';
import { ReadStoreCloser, readStoreProvider } from './read-store.provider.js';
import { ReadYourWrites } from './read-your-writes.js';

/**
 * The read side: the read store chosen by `READ_STORE`, one projection runner per read model of
 * `projections.ts` (role `projector`), and `ReadYourWrites` for the queries' `minPosition`.
 */
@Global()
@Module({
  providers: [
    readStoreProvider,
    ReadStoreCloser,
    { provide: READ_MODEL_PROJECTIONS, useValue: PROJECTIONS },
    ProjectionRunners,
    ReadYourWrites,
  ],
  exports: [readStoreProvider, ProjectionRunners, ReadYourWrites],
})
export class ReadSideModule {}
