import { ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The two budgets: one per client address (before authentication), one per verified subject (after it). */
export const ADDRESS_THROTTLER = 'address';
export const SUBJECT_THROTTLER = 'subject';

/** Exempts a controller or route from both budgets (liveness and readiness probes). */
export const NoRateLimit = (): ClassDecorator & MethodDecorator => SkipThrottle({ [ADDRESS_THROTTLER]: true, [SUBJECT_THROTTLER]: true });

/**
 * A ThrottlerGuard that applies one named budget, counted across all routes (the library's default key is per route),
 * and answers 429 problem+json `RATE_LIMITED` with a standard `Retry-After` header.
 */
abstract class BudgetGuard extends ThrottlerGuard {
  protected abstract readonly budget: string;
  protected abstract readonly whose: string;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => throttler.name === this.budget);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(retryAfter));
    throw new HttpException(
      { code: 'RATE_LIMITED', detail: `Too many requests ${this.whose}; retry after ${retryAfter} s.` },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Counts every request per client address (`request.ip`: X-Forwarded-For only with TRUST_PROXY), bad tokens included. */
@Injectable()
export class AddressRateLimitGuard extends BudgetGuard {
  protected readonly budget = ADDRESS_THROTTLER;
  protected readonly whose = 'from this address';
}

/** Counts the requests of one verified subject, whichever address they come from; public routes are not counted. */
@Injectable()
export class SubjectRateLimitGuard extends BudgetGuard {
  protected readonly budget = SUBJECT_THROTTLER;
  protected readonly whose = 'for this caller';

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const subject = (request as unknown as FastifyRequest).caller?.subject;
    // Reached only with a caller (see skipIf in the module); an empty key would merge strangers.
    if (!subject) throw new Error('SubjectRateLimitGuard ran before authentication');
    return subject;
  }
}
