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
}

export interface Outcome {
  position: bigint;
  events: DomainEvent[];
}

/** Who acted, as the metadata records it: never a name, e-mail or subject (those stay in payloads). */
export interface Actor {
  /** `member:<uuid>`, `platform-operator` or `system:<job>`. */
  actor: string;
}

const MAX_ATTEMPTS = 5;

/**
 * Load → decide → append with the revision the decision saw. On a concurrent write the whole decision
 * is taken again on the new state (never appended with `any`), a bounded number of times.
 */
@Injectable()
export class CommandRunner {
  constructor(private readonly writeModel: WriteModel) {}

  async run<S>(decision: Decision<S>, metadata: EventMetadata): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.writeModel.load(decision.stream, decision.fold);
      const events = await decision.decide(state);
      if (events.length === 0) return { position: await this.writeModel.headPosition(), events };
      try {
        const withIds = events.map((e) => ({ ...e, id: randomUUID() }));
        const result = await this.writeModel.append(decision.stream, withIds, revision, metadata);
        return { position: result.position, events };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

/** The metadata of events written for an HTTP request. */
export function metadataFor(ctx: RequestContext, actor: string, extra: Record<string, unknown> = {}): EventMetadata {
  return {
    actor,
    correlationId: ctx.correlationId,
    causationId: ctx.causationId,
    ...(ctx.idempotency ? { idempotencyKey: ctx.idempotency.key, requestHash: ctx.idempotency.requestHash } : {}),
    ...extra,
  };
}
