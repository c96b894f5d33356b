import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  OnApplicationBootstrap,
  UnprocessableEntityException,
  BadRequestException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { EVENT_STORE } from '@behorighet/event-store';
import type { EventStore, RecordedEvent } from '@behorighet/event-store';
import type { Caller } from '../auth/caller.js';

interface Remembered {
  requestHash: string;
  /** The first answer; the route gives the replay the same status it gave the first call. */
  body: { id?: string; ids?: string[]; position: string };
}

/**
 * `Idempotency-Key`: a retried command with the same key and body answers the first result and writes nothing;
 * the same key with another body answers 422. The index is derived from the log itself — each command's events
 * carry `idempotencyKey` (a digest of the caller's subject and the key, so neither is readable from the log)
 * and `requestHash` in their metadata — so it survives restarts.
 */
@Injectable()
export class IdempotencyIndex implements OnApplicationBootstrap {
  private readonly entries = new Map<string, Remembered>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationBootstrap(): Promise<void> {
    for await (const event of this.store.readAll()) this.learn(event);
  }

  /**
   * Records what a stored event says about an idempotent command. A command's events come one after the
   * other: the answer's position is its last event's, and a grant command's `ids` are its grants, in order
   * (a package gives several).
   */
  learn(event: RecordedEvent): void {
    const { idempotencyKey, requestHash, resultId } = event.metadata;
    if (typeof idempotencyKey !== 'string' || typeof requestHash !== 'string') return;
    const id = typeof resultId === 'string' ? resultId : undefined;
    const earlier = this.entries.get(idempotencyKey);
    const grantId = event.type === 'GrantIssued' ? (event.data as { grantId?: unknown }).grantId : undefined;
    const ids = typeof grantId === 'string' ? [...(earlier?.requestHash === requestHash ? (earlier.body.ids ?? []) : []), grantId] : undefined;
    this.entries.set(idempotencyKey, {
      requestHash,
      body: { ...(id ? { id } : {}), ...(ids ? { ids } : {}), position: event.position.toString() },
    });
  }

  get(key: string): Remembered | undefined {
    return this.entries.get(key);
  }

  remember(key: string, value: Remembered): void {
    this.entries.set(key, value);
  }

  /** Serializes concurrent requests that carry the same key. */
  async exclusive<T>(key: string, work: () => Promise<T>): Promise<T> {
    while (this.inflight.has(key)) await this.inflight.get(key)!.catch(() => undefined);
    const running = work();
    this.inflight.set(key, running);
    try {
      return await running;
    } finally {
      this.inflight.delete(key);
    }
  }
}

type IdempotentRequest = FastifyRequest & { caller?: Caller; idempotency?: { key: string; requestHash: string } };

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly index: IdempotencyIndex) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const header = request.headers['idempotency-key'];
    if (header === undefined || request.method === 'GET' || !request.caller) return next.handle();
    if (typeof header !== 'string' || header.length < 1 || header.length > 200) {
      throw new BadRequestException({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'Idempotency-Key', reason: 'must be one string of 1 to 200 characters' }],
      });
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = digest(request.caller.subject, header);
    const requestHash = digest(request.method, request.url.split('?')[0], stableJson(request.body ?? null));
    return from(
      this.index.exclusive(key, async () => {
        const known = this.index.get(key);
        if (known) {
          if (known.requestHash !== requestHash) {
            throw new UnprocessableEntityException({
              code: 'IDEMPOTENCY_KEY_REUSED',
              detail: 'This Idempotency-Key was used for a different request.',
            });
          }
          void reply.header('idempotent-replay', 'true');
          return known.body;
        }
        request.idempotency = { key, requestHash };
        const body = (await lastValueFrom(next.handle())) as Remembered['body'];
        this.index.remember(key, { requestHash, body });
        return body;
      }),
    );
  }
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url');
}

/** JSON with sorted keys, so the same body hashes the same whatever its key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
