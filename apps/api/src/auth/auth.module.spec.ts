import 'reflect-metadata';
import { Controller, Get, Logger } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { signDevToken } from '@behorighet/testing';
import { loadAuthConfig } from './auth.config.js';
import { AuthModule } from './auth.module.js';
import type { Caller } from './caller.js';
import { CurrentCaller } from './caller.decorator.js';
import { Public } from './public.decorator.js';

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256';

@Controller()
class ProbeController {
  @Get('me')
  me(@CurrentCaller() caller: Caller): Caller {
    return caller;
  }

  @Public()
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }
}

describe('AuthModule wired into a fastify app', () => {
  let app: NestFastifyApplication;
  let base: string;
  const get = async (path: string, authorization?: string) => {
    const response = await fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot(loadAuthConfig({ AUTH_DEV_SECRET: SECRET, AUTH_AUDIENCE: 'behorighet-api' }))],
      controllers: [ProbeController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  it('guards every route globally and hands the verified caller to @CurrentCaller()', async () => {
    const token = await signDevToken(SECRET, { sub: '199001011234', aud: 'behorighet-api' });
    const ok = await get('/me', `Bearer ${token}`);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ subject: '199001011234', roles: [], operator: false });

    const denied = await get('/me');
    expect(denied.status).toBe(401);
    expect(JSON.parse(denied.body)).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'missing bearer token' });
    expect(denied.headers.get('www-authenticate')).toBe('Bearer realm="behorighet"');

    const wrongAudience = await signDevToken(SECRET, { sub: '199001011234', aud: 'elsewhere' });
    const refused = await get('/me', `Bearer ${wrongAudience}`);
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain(wrongAudience.split('.')[1]);
  });

  it('leaves @Public() routes open', async () => {
    const open = await get('/open');
    expect(open.status).toBe(200);
  });
});
