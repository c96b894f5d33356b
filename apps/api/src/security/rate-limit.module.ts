import { DynamicModule, ExecutionContext, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import type { RateLimitConfig } from './rate-limit.config.js';
import { ADDRESS_THROTTLER, AddressRateLimitGuard, SUBJECT_THROTTLER, SubjectRateLimitGuard } from './rate-limit.guards.js';

const hasCaller = (context: ExecutionContext): boolean => context.switchToHttp().getRequest<FastifyRequest>().caller !== undefined;

/**
 * The per-address budget. Nest runs global guards in the order their modules are imported, so AppModule imports
 * this module before AuthModule: requests with bad or missing tokens are counted too.
 */
@Module({})
export class AddressRateLimitModule {
  static forRoot(config: RateLimitConfig): DynamicModule {
    if (!config.enabled) return { module: AddressRateLimitModule };
    return {
      module: AddressRateLimitModule,
      imports: [
        ThrottlerModule.forRoot({
          setHeaders: false,
          throttlers: [
            { name: ADDRESS_THROTTLER, ttl: config.windowMs, limit: config.perAddress },
            { name: SUBJECT_THROTTLER, ttl: config.windowMs, limit: config.perSubject, skipIf: (context) => !hasCaller(context) },
          ],
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AddressRateLimitGuard }],
    };
  }
}

/** The per-subject budget; imported after AuthModule, whose guard has then put the verified caller on the request. */
@Module({})
export class SubjectRateLimitModule {
  static forRoot(config: RateLimitConfig): DynamicModule {
    if (!config.enabled) return { module: SubjectRateLimitModule };
    return { module: SubjectRateLimitModule, providers: [{ provide: APP_GUARD, useClass: SubjectRateLimitGuard }] };
  }
}
