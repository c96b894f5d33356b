import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventMetadata, WrongExpectedVersionError } from '@behorighet/event-store';
import type { RequestContext } from './request-context.js';
import { Fold, WriteModel } from './write-model.js';

export interface DomainEvent {
  type: string;
  data: unknown;
}

export interface Decision<S> {
  stream: string;
  fold: Fold<S>;
  /** Runs the domain's decider on the freshly loaded state; throws a DomainError to refuse. */
  decide(state: S): DomainEvent[] | Promise<DomainEvent[]>;
  /** The events' metadata, from the state the decision saw (the actor's member id lives there). */
  metadata(state: S): EventMetadata;
}

export interface Outcome {
  position: bigint;
  events: DomainEvent[];
}

const MAX_ATTEMPTS = 5;

/**
 * Load → decide → append with the revision the decision saw. On a concurrent write the whole decision
 * is taken again on the new state (never appended with `any`), a bounded number of times.
 */
@Injectable()
export class CommandRunner {
  constructor(private readonly writeModel: WriteModel) {}

  async run<S>(decision: Decision<S>): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.writeModel.load(decision.stream, decision.fold);
      const events = await decision.decide(state);
      if (events.length === 0) return { position: await this.writeModel.headPosition(), events };
      try {
        const withIds = events.map((e) => ({ ...e, id: randomUUID() }));
        const result = await this.writeModel.append(decision.stream, withIds, revision, decision.metadata(state));
        return { position: result.position, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The log's last position: what a command that wrote nothing answers. */
  headPosition(): Promise<bigint> {
    return this.writeModel.headPosition();
  }
}

/**
 * The metadata of events written for an HTTP request. `actor` is a pseudonymous tag (`member:<uuid>`,
 * `platform-operator`); `resultId` lets the idempotency index answer a retry after a restart.
 */
export function metadataFor(ctx: RequestContext, actor: string, resultId?: string): EventMetadata {
  return {
    actor,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    ...(ctx.idempotency ? { idempotencyKey: ctx.idempotency.key, requestHash: ctx.idempotency.requestHash } : {}),
    ...(resultId ? { resultId } : {}),
  };
}
