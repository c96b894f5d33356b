import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from '../problem/problem.js';

const ANSWERS: Record<string, [number, string, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time.'],
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request line and headers exceed the allowed size.'],
};

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (headers over 16 KiB,
 * a malformed request line, a timeout) is answered as problem+json like every other error, and the socket closed.
 */
export function problemClientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = ANSWERS[error.code ?? ''] ?? [400, 'MALFORMED_REQUEST', 'The request is not valid HTTP.'];
  const body = JSON.stringify(problem(status, code, detail, { title: STATUS_CODES[status] ?? 'Error' }));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

const FRAMEWORK_ANSWERS: Record<string, [number, string, string]> = {
  FST_ERR_BAD_URL: [400, 'VALIDATION_FAILED', 'The URL is not valid.'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'URI_TOO_LONG', 'A path parameter is longer than allowed.'],
};

/**
 * Fastify's `frameworkErrors`: the router refuses a malformed URL or an over-long path parameter before any hook or
 * Nest filter runs; answer those as problem+json too (without quoting the URL back).
 */
export function problemFrameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const [status, code, detail] = FRAMEWORK_ANSWERS[error.code ?? ''] ?? [400, 'VALIDATION_FAILED', 'The request could not be routed.'];
  void reply.code(status).header('content-type', PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem(status, code, detail, { title: STATUS_CODES[status] ?? 'Error' })));
}
