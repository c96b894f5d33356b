import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import { ERROR_KINDS } from '@behorighet/domain';
import { CommandAnswer } from './command-answer.js';

export interface ApiCommandOptions {
  summary: string;
  /** The events the command appends (documentation for auditors and integrators). */
  events: string[];
  /** The domain error codes it may answer (their kind in ERROR_KINDS picks the status they are listed under). */
  errors: string[];
  /** 201 when the command creates something (default for POST), 200 otherwise. */
  status?: 200 | 201;
}

/** Documents a command route in OpenAPI: its answer, the events it writes and every problem code it may answer. */
export function ApiCommand(options: ApiCommandOptions): MethodDecorator {
  const status = options.status ?? 201;
  const codes = (c: string[]) => (c.length ? ` Codes: ${c.join(', ')}.` : '');
  return applyDecorators(
    HttpCode(status),
    ApiOperation({
      summary: options.summary,
      description: `Appends ${options.events.join(', ')}. Honours the Idempotency-Key header.`,
    }),
    ApiResponse({ status, type: CommandAnswer, description: 'Accepted and durable.' }),
    ApiResponse({ status: 400, description: 'Bad input (problem+json with errors[{field, reason}]); nothing written. Code: VALIDATION_FAILED.' }),
    ApiResponse({ status: 401, description: 'No or bad bearer token. Code: UNAUTHENTICATED.' }),
    ApiResponse({ status: 403, description: `Known but not allowed.${codes(options.errors.filter(isForbidden))}` }),
    ApiResponse({ status: 404, description: `Unknown, or not visible to the caller.${codes(options.errors.filter(isNotFound))}` }),
    ApiResponse({ status: 409, description: `Conflict with the current state.${codes(['CONCURRENT_MODIFICATION', ...options.errors.filter(isConflict)])}` }),
    ApiResponse({ status: 422, description: `A rule broken by the request.${codes(['IDEMPOTENCY_KEY_REUSED', ...options.errors.filter(isInvalid)])}` }),
  );
}

const kindOf = (code: string): string | undefined => (ERROR_KINDS as Record<string, string>)[code];
const isForbidden = (c: string) => kindOf(c) === 'forbidden';
const isInvalid = (c: string) => kindOf(c) === 'invalid';
const isConflict = (c: string) => kindOf(c) === 'conflict';
const isNotFound = (c: string) => kindOf(c) === 'not-found';
