import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { upcast } from '@behorighet/domain';
import type { EventStore } from '@behorighet/event-store';
import { AccessHistoryModule } from './access-history/access-history.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { DEV_DEFAULT_SECRET, loadAuthConfig } from './auth/auth.config.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ClockModule } from './clock/clock.module.js';
import { APP_CONFIG, AppConfig } from './config/app-config.js';
import { HealthModule } from './health/health.module.js';
import { MembersModule } from './members/members.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { ProblemDetailsFilter } from './problem/problem-details.filter.js';
import { ReadSideModule } from './read-side/read-side.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { loadRateLimitConfig } from './security/rate-limit.config.js';
import { AddressRateLimitModule, SubjectRateLimitModule } from './security/rate-limit.module.js';
import { SharesModule } from './shares/shares.module.js';
import { WriteModelModule } from './write-model/write-model.module.js';

export interface AppModuleOptions {
  env?: NodeJS.ProcessEnv;
  /** The opened event log (see write-model/open-event-store.ts; tests may hand in an in-memory one). */
  eventStore: EventStore;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions): DynamicModule {
    const auth = loadAuthConfig(options.env ?? process.env, { defaultDevSecret: DEV_DEFAULT_SECRET });
    const rateLimit = loadRateLimitConfig(options.env ?? process.env, config);
    return {
      module: AppModule,
      global: true,
      imports: [
        ClockModule.forRoot(config),
        HealthModule,
        // Global guards run in import order: the address budget, then authentication, then the subject budget.
        AddressRateLimitModule.forRoot(rateLimit),
        AuthModule.forRoot(auth),
        SubjectRateLimitModule.forRoot(rateLimit),
        WriteModelModule.forRoot(options.eventStore, upcast),
        CqrsModule.forRoot(),
        CatalogModule,
        OrganizationsModule,
        MembersModule,
        OrdersModule,
        SharesModule,
        ReadSideModule,
        AuditModule,
        AccessHistoryModule,
        SchedulerModule.forRoot(config),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
      exports: [APP_CONFIG],
    };
  }
}
