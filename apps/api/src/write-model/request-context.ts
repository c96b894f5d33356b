import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../auth/caller.js';


/** What every command carries from its HTTP request into the events' metadata. */
export interface RequestContext {
  caller: Caller;
  correlationId: string;
  /** The request that caused the command (becomes the events' causation id). */
  causationId: string;
  idempotency?: { key: string; requestHash: string };
}

type ContextRequest = FastifyRequest & { caller?: Caller; idempotency?: RequestContext['idempotency'] };

export function requestContextOf(request: ContextRequest): RequestContext {
  if (!request.caller) throw new Error('request reached a command without an authenticated caller');
  const header = request.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
  return { caller: request.caller, correlationId, causationId: `request:${request.id}`, idempotency: request.idempotency };
}

/** Injects the RequestContext of the current request into a controller method. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<ContextRequest>()),
);

/**
 * The context of a command that a job or process manager of this process issues: the domain sees the actor
 * `{ system: name }`, the events' metadata `actor: 'system:<name>'`. `cause` ties a reaction to the event
 * that caused it (its id as causation, the same correlation id).
 */
export function systemContext(name: string, cause: { correlationId: string; causationId: string }): RequestContext {
  return { caller: { subject: `system:${name}`, roles: [], operator: false, system: name }, ...cause };
}
