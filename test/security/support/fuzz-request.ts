import fc from 'fast-check';
import { stringsIn } from './answer-checks.js';
import { urlOf, type Operation } from './openapi.js';
import { fuzzedBody, hostileValue, schemaValue, type KnownValues } from './schema-arbitrary.js';

/** One generated HTTP request and the strings it carried (which an answer may quote back). */
export interface FuzzRequest {
  op: Operation;
  url: string;
  headers: Record<string, string>;
  /** A JSON value (sent as JSON), raw text, or nothing. */
  body?: unknown;
  raw?: string;
  echoed: string[];
}

export interface FuzzInputs extends KnownValues {
  operations: Operation[];
  /** Real values per path parameter name. */
  pathValues: Record<string, string[]>;
  /** Authorization header values: real members' bearers, the operator's, forged ones. */
  authorizations: string[];
}

const encodable = (s: string) => {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
};

function pathValue(name: string, inputs: FuzzInputs): fc.Arbitrary<string> {
  const real = inputs.pathValues[name] ?? [];
  return fc.oneof(
    { weight: real.length ? 6 : 0, arbitrary: real.length ? fc.constantFrom(...real) : fc.constant('x') },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('..', '%00', '0', '-1', 'null', ' ', 'A'.repeat(3000), '00000000-0000-0000-0000-000000000000')).filter(encodable) },
  );
}

const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom('{', '{"a":', '[1,2', 'null', '"text"', '123', 'true', '{"a":1}{"b":2}', '\u0000', '{"a":"\\ud800"}'),
  fc.integer({ min: 10, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.integer({ min: 10, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
);

const contentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/xml', 'multipart/form-data; boundary=x', '') },
);

/** Requests for the documented operations: real or hostile path ids, valid or mutated bodies and queries, any caller. */
export function fuzzRequest(inputs: FuzzInputs): fc.Arbitrary<FuzzRequest> {
  // One arbitrary per operation, built once: building them (regular expressions above all) costs far more than drawing.
  return fc.oneof(...inputs.operations.map((op) => requestFor(op, inputs)));
}

function requestFor(op: Operation, inputs: FuzzInputs): fc.Arbitrary<FuzzRequest> {
  const params = fc.record(Object.fromEntries(op.pathParams.map((p) => [p, pathValue(p, inputs)])));
  const query = fc.record(
    Object.fromEntries(op.query.map((q) => [q.name, fc.oneof(schemaValue(q.schema, inputs, q.name), hostileValue).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''))])),
    { requiredKeys: [] },
  );
  const payload = fc.oneof(
    { weight: 9, arbitrary: fuzzedBody(op.body, inputs).map((body) => ({ body })) },
    { weight: 1, arbitrary: rawBody.map((raw) => ({ raw })) },
  );
  const headers = fc.record(
    {
      authorization: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...inputs.authorizations) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => `Bearer ${s}`) }),
      'content-type': contentType,
      'idempotency-key': fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })),
      'x-correlation-id': fc.string({ maxLength: 200 }),
    },
    { requiredKeys: ['authorization', 'content-type'] },
  );
  return fc.tuple(params, query, payload, headers).map(([p, q, data, h]) => {
    const printable = Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\t\x20-\x7e]*$/.test(v)));
    const request: FuzzRequest = { op, url: urlOf(op, p, q as Record<string, string>), headers: printable, ...data, echoed: [] };
    request.echoed = [...Object.values(p), ...Object.values(q as Record<string, string>), ...Object.values(printable), ...('body' in data ? stringsIn(data.body) : [data.raw])];
    return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
  });
}

/** A short account of a request for failure reports (bodies can be megabytes of brackets). */
export function describeRequest(request: FuzzRequest): string {
  const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}… (${s.length} chars)` : s);
  const payload = request.raw !== undefined ? `raw ${clip(request.raw)}` : `json ${clip(JSON.stringify(request.body) ?? 'none')}`;
  return `${request.op.method.toUpperCase()} ${clip(request.url)} content-type=${request.headers['content-type']} ${payload}`;
}
