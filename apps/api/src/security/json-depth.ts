import { BadRequestException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Deeper than any body of this API (an object holding arrays of strings), far below what exhausts the stack. */
export const MAX_JSON_DEPTH = 32;

/** The nesting depth of a parsed JSON value, counted without recursion (the point is to survive hostile input). */
export function jsonDepth(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Refuses bodies nested deeper than `maxDepth` with 400 before validation: class-transformer walks bodies
 * recursively, and a few kilobytes of `[[[[…]]]]` would otherwise overflow its stack (a 500 per request).
 */
export function registerJsonDepthLimit(app: NestFastifyApplication, maxDepth = MAX_JSON_DEPTH): void {
  app.getHttpAdapter().getInstance().addHook('preValidation', async (request) => {
    if (jsonDepth(request.body, maxDepth) > maxDepth) {
      throw new BadRequestException({
        code: 'VALIDATION_FAILED',
        detail: 'The request is not valid.',
        errors: [{ field: 'body', reason: `must not nest deeper than ${maxDepth} levels` }],
      });
    }
  });
}
