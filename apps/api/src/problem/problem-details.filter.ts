import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { WrongExpectedVersionError } from '@behorighet/event-store';
import { FieldError, Problem, PROBLEM_CONTENT_TYPE, ProblemError, problem } from './problem.js';

/** Domain errors carry a stable `code` and a `kind` that decides the status. */
const STATUS_BY_KIND: Record<string, number> = { forbidden: 403, 'not-found': 404, conflict: 409, invalid: 422 };

/** The one filter that turns every error into RFC 9457 problem+json. A 500 never shows a stack or an internal message. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = { ...this.toProblem(error, request), instance: request?.url?.split('?')[0] };
    if (body.status >= 500) this.logger.error(`${request?.method} ${request?.url}`, error instanceof Error ? error.stack : String(error));
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  toProblem(error: unknown, request?: FastifyRequest): Problem {
    if (error instanceof ProblemError) return error.problem;
    if (isDomainError(error)) return problem(STATUS_BY_KIND[error.kind], error.code, error.message);
    if (error instanceof WrongExpectedVersionError) {
      return problem(409, 'CONCURRENT_MODIFICATION', 'The resource was changed by another request; retry.');
    }
    if (error instanceof HttpException) return fromHttpException(error);
    const fastify = fastifyError(error);
    if (fastify) return fastify;
    void request;
    return problem(500, 'INTERNAL', 'An unexpected error occurred.');
  }
}

function isDomainError(error: unknown): error is Error & { code: string; kind: string } {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { kind?: unknown }).kind === 'string' &&
    (error as unknown as { kind: string }).kind in STATUS_BY_KIND
  );
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const response = error.getResponse();
  const body = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
  const code = typeof body.code === 'string' ? body.code : defaultCode(status);
  const detail = typeof body.detail === 'string' ? body.detail : status < 500 ? error.message : undefined;
  const errors = Array.isArray(body.errors) ? (body.errors as FieldError[]) : undefined;
  return problem(status, code, detail, errors ? { errors } : {});
}

/** Errors fastify raises before Nest sees the request: bad JSON, too large, wrong media type. */
function fastifyError(error: unknown): Problem | undefined {
  if (!(error instanceof Error)) return undefined;
  const { statusCode, code } = error as { statusCode?: number; code?: string };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500 || !code?.startsWith('FST_')) return undefined;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || statusCode === 400) {
    return problem(400, 'VALIDATION_FAILED', 'The body is not valid JSON.', { errors: [{ field: 'body', reason: 'must be valid JSON' }] });
  }
  return problem(statusCode, defaultCode(statusCode), error.message);
}

function defaultCode(status: number): string {
  switch (status) {
    case 400: return 'VALIDATION_FAILED';
    case 401: return 'UNAUTHENTICATED';
    case 403: return 'FORBIDDEN';
    case 404: return 'NOT_FOUND';
    case 409: return 'CONFLICT';
    case 413: return 'PAYLOAD_TOO_LARGE';
    case 415: return 'UNSUPPORTED_MEDIA_TYPE';
    case 422: return 'UNPROCESSABLE';
    case 429: return 'RATE_LIMITED';
    case 503: return 'UNAVAILABLE';
    default: return status >= 500 ? 'INTERNAL' : 'ERROR';
  }
}
