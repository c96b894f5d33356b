import fc from 'fast-check';
import { startTestApp, type TestApp } from '@behorighet/testing';
import { AnswerTally, answerDefects } from './support/answer-checks.js';
import { describeRequest, fuzzRequest, type FuzzRequest } from './support/fuzz-request.js';
import { documentedOperations } from './support/openapi.js';
import { buildSecurityWorld } from './support/world.js';

/** SECURITY_RUNS sets the number of requests; the default keeps this file near half a minute on two cores. */
const RUNS = Number(process.env.SECURITY_RUNS ?? 10_000);

describe('R-SEC-3 fuzzing every documented operation from its OpenAPI schema', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ READ_WAIT_MS: '50' });
  });
  afterAll(() => t.close());

  it(`answers ${RUNS} generated requests without a 5xx or a stack trace, every 4xx a problem with type, title, status and code`, async () => {
    const world = await buildSecurityWorld(t, 'fuzz');
    const operations = await documentedOperations(t);
    const tally = new AnswerTally();
    const perOperation = new Map<string, number>();
    let readModelBehind = 0;
    const authorizations = [...Object.values(world.bearers), world.operator, '', 'Bearer not-a-jwt', 'Basic dXNlcjpwYXNz'];
    const send = async (request: FuzzRequest) => {
      const call = t.http[request.op.method](request.url).set(request.headers);
      if (request.raw !== undefined) return call.send(request.raw);
      // Sent as text so the generated content-type stays what it is, whatever the body.
      return request.body === undefined ? call : call.send(JSON.stringify(request.body));
    };
    await fc.assert(
      fc.asyncProperty(fuzzRequest({ operations, pathValues: world.pathValues, authorizations, uuids: Object.values(world.memberIds).concat(Object.values(world.units)), keys: ['payroll', 'invoices', 'archive'] }), async (request) => {
        const res = await send(request);
        tally.add(res.status);
        const key = `${request.op.method.toUpperCase()} ${request.op.path}`;
        perOperation.set(key, (perOperation.get(key) ?? 0) + 1);
        // API.md: a query whose ?minPosition= its read model has not reached answers 503 READ_MODEL_BEHIND after READ_WAIT_MS.
        const behind = res.status === 503 && res.body?.code === 'READ_MODEL_BEHIND' && /[?&]minPosition=/.test(request.url);
        if (behind) readModelBehind++;
        const defects = answerDefects(res, request.echoed).filter((d) => !(behind && d === 'status 503'));
        if (defects.length > 0) {
          throw new Error(`${describeRequest(request)} → ${res.status}: ${defects.join(', ')}\n${res.text.slice(0, 800)}`);
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    console.info(`fuzz: ${tally} (of them ${readModelBehind} documented 503 READ_MODEL_BEHIND for an unreached ?minPosition) over ${perOperation.size} of ${operations.length} operations`);
    expect(tally.count((s) => s >= 500)).toBe(readModelBehind);
    expect(perOperation.size).toBe(operations.length);
  }, 600_000);
});
