import { Inject, Injectable } from '@nestjs/common';
import { ProjectionFailedError, ProjectionStoppedError, ReadTimeoutError } from '@behorighet/read-models';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { problem, ProblemError } from '../problem/problem.js';
import { ProjectionRunners } from './projection-runners.js';

/**
 * R-READ-7: a query given `?minPosition=` (the position a command answered) waits until the read models it
 * reads have reached it, at most `READ_WAIT_MS`, then answers 503 READ_MODEL_BEHIND.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly runners: ProjectionRunners,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'readWaitMs'>,
  ) {}

  /** Waits for every read model in `readModels` (their projection names) to reach `minPosition` (a decimal string; none = no wait). */
  async reach(minPosition: string | undefined, readModels: readonly string[]): Promise<void> {
    if (minPosition === undefined) return;
    const position = BigInt(minPosition);
    try {
      await Promise.all(readModels.map((name) => this.runners.waitFor(name, position, this.config.readWaitMs)));
    } catch (error) {
      throw translate(error, position, this.config.readWaitMs);
    }
  }
}

function translate(error: unknown, position: bigint, waitMs: number): unknown {
  if (error instanceof ReadTimeoutError) {
    return new ProblemError(
      problem(503, 'READ_MODEL_BEHIND', `The read model ${error.projection} has not reached position ${position} within ${waitMs} ms; retry later.`, {
        readModel: error.projection,
        position: String(error.reached),
        minPosition: String(position),
      }),
    );
  }
  if (error instanceof ProjectionFailedError || error instanceof ProjectionStoppedError) {
    return new ProblemError(problem(503, 'READ_MODEL_UNAVAILABLE', `The read model ${error.projection} is not being updated; see /health/ready.`, { readModel: error.projection }));
  }
  return error;
}
