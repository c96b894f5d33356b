import { Controller, ExecutionContext, HttpException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { signDevToken } from '@behorighet/testing';
import { AuthGuard } from './auth.guard.js';
import { callerOf } from './caller.decorator.js';
import { JwtVerifier } from './jwt-verifier.js';
import { Public } from './public.decorator.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

@Controller()
class Routes {
  private(): void {}
  @Public()
  open(): void {}
}

@Public()
@Controller()
class PublicRoutes {
  anything(): void {}
}

interface FakeRequest {
  headers: Record<string, string | undefined>;
  caller?: unknown;
}

function contextFor(handler: (...args: never[]) => unknown, cls: abstract new (...args: never[]) => unknown, request: FakeRequest, type = 'http') {
  const headers: Record<string, string> = {};
  const reply = { header: (name: string, value: string) => ((headers[name] = value), reply) };
  const context = {
    getType: () => type,
    getHandler: () => handler,
    getClass: () => cls,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ExecutionContext;
  return { context, sentHeaders: headers };
}

async function rejection(promise: Promise<unknown>): Promise<HttpException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnauthorizedException);
  return error as HttpException;
}

describe('AuthGuard (R-SEC-1)', () => {
  const guard = new AuthGuard(new Reflector(), new JwtVerifier({ devSecret: SECRET, algorithms: ['RS256'], clockToleranceSeconds: 30 }));
  const privateRoute = (request: FakeRequest) => contextFor(Routes.prototype.private, Routes, request);

  it('verifies the bearer token and puts the caller on the request', async () => {
    const request: FakeRequest = { headers: { authorization: `bearer ${await signDevToken(SECRET, { sub: 'p1', roles: ['platform-operator'] })}` } };
    await expect(guard.canActivate(privateRoute(request).context)).resolves.toBe(true);
    expect(request.caller).toEqual({ subject: 'p1', roles: ['platform-operator'], operator: true });
  });

  it('refuses a missing header with 401 and a Bearer challenge', async () => {
    const { context, sentHeaders } = privateRoute({ headers: {} });
    const error = await rejection(guard.canActivate(context));
    expect(error.getResponse()).toEqual({ code: 'UNAUTHENTICATED', detail: 'missing bearer token' });
    expect(sentHeaders['www-authenticate']).toMatch(/^Bearer /);
  });

  it('refuses another scheme, several tokens and a bad token', async () => {
    const detail = async (authorization: string) =>
      ((await rejection(guard.canActivate(privateRoute({ headers: { authorization } }).context))).getResponse() as { detail: string }).detail;
    expect(await detail('Basic dXNlcjpwYXNz')).toBe('authorization scheme must be Bearer');
    expect(await detail('Bearer')).toBe('malformed bearer token');
    expect(await detail(`Bearer ${await signDevToken(SECRET, { sub: 'p1' })} second`)).toBe('malformed bearer token');
    expect(await detail('Bearer abc.def.ghi')).toBe('malformed token');
  });

  it('lets @Public() handlers and controllers through without a token', async () => {
    const request: FakeRequest = { headers: {} };
    await expect(guard.canActivate(contextFor(Routes.prototype.open, Routes, request).context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor(PublicRoutes.prototype.anything, PublicRoutes, request).context)).resolves.toBe(true);
    expect(request.caller).toBeUndefined();
    expect(() => callerOf(request as never)).toThrow(UnauthorizedException);
  });

  it('fails closed on transports it does not understand', async () => {
    await expect(guard.canActivate(contextFor(Routes.prototype.private, Routes, { headers: {} }, 'ws').context)).resolves.toBe(false);
  });
});
