import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { NoRateLimit } from '../security/rate-limit.guards.js';
import { Readiness } from './readiness.js';

@ApiTags('health')
@Public()
@NoRateLimit()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get()
  @HttpCode(200)
  @ApiOkResponse({ description: 'The process lives.' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The read models have caught up with the log.' })
  @ApiServiceUnavailableResponse({ description: 'Still catching up; the body shows positions and lag.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<unknown> {
    const report = await this.readiness.report();
    void reply.status(report.ready ? 200 : 503);
    return { status: report.ready ? 'ready' : 'catching-up', ...report };
  }
}
