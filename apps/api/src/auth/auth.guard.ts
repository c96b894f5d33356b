import { CanActivate, ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bearerTokenOf } from './bearer-token.js';
import { JwtVerifier } from './jwt-verifier.js';
import { IS_PUBLIC_KEY } from './public.decorator.js';

/**
 * The global guard (R-SEC-1): every route needs a verified bearer token unless it or its controller is `@Public()`.
 * On success the verified {@link Caller} is put on `request.caller`.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly verifier: JwtVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Fail closed: a transport this guard does not understand (ws, rpc) is not let through unauthenticated.
    if (context.getType() !== 'http') return false;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;

    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    try {
      request.caller = await this.verifier.verify(bearerTokenOf(request.headers.authorization));
      return true;
    } catch (error) {
      // RFC 6750 §3: a 401 tells the client which scheme to use.
      if (error instanceof HttpException && error.getStatus() === 401) challenge(http.getResponse<FastifyReply>());
      throw error;
    }
  }
}

function challenge(reply: FastifyReply | undefined): void {
  if (typeof reply?.header === 'function') void reply.header('www-authenticate', 'Bearer realm="behorighet"');
}
