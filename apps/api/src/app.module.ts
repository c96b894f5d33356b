import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ClockModule } from './clock/clock.module.js';
import { APP_CONFIG, AppConfig } from './config/app-config.js';
import { HealthModule } from './health/health.module.js';
import { ProblemDetailsFilter } from './problem/problem-details.filter.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [ClockModule.forRoot(config), HealthModule],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
      exports: [APP_CONFIG],
    };
  }
}
