import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { Clock, SettableClock } from './clock.js';
import { Jobs } from './jobs.js';

export class SetClockDto {
  @IsISO8601({ strict: true })
  now!: string;
}

/** Only mounted when APP_TEST_CLOCK=1: lets end-to-end tests move time and run the scheduled jobs. */
@ApiExcludeController()
@Controller('v1/test')
export class TestClockController {
  constructor(private readonly clock: Clock, private readonly jobs: Jobs) {}

  @Put('clock')
  @HttpCode(200)
  setClock(@Body() body: SetClockDto): { now: string } {
    (this.clock as SettableClock).set(new Date(body.now));
    return { now: this.clock.now().toISOString() };
  }

  @Post('jobs/run')
  @HttpCode(200)
  async runJobs(): Promise<{ now: string; jobs: Record<string, number> }> {
    const now = this.clock.now();
    return { now: now.toISOString(), jobs: await this.jobs.runAll(now) };
  }
}
