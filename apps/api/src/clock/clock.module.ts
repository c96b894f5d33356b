import { DynamicModule, Global, Logger, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { Clock, SettableClock, SystemClock } from './clock.js';
import { Jobs } from './jobs.js';
import { TestClockController } from './test-clock.controller.js';

@Global()
@Module({})
export class ClockModule {
  static forRoot(config: Pick<AppConfig, 'testClock'>): DynamicModule {
    if (config.testClock) new Logger('Clock').warn('APP_TEST_CLOCK=1: the clock is settable over HTTP. Never use this in production.');
    return {
      module: ClockModule,
      controllers: config.testClock ? [TestClockController] : [],
      providers: [{ provide: Clock, useValue: config.testClock ? new SettableClock() : new SystemClock() }, Jobs],
      exports: [Clock, Jobs],
    };
  }
}
