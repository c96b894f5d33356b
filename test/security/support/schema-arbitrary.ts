import fc from 'fast-check';
import type { JsonSchema } from './openapi.js';

/** Real values the generators prefer for ids and catalog keys, so requests reach past "not found". */
export interface KnownValues {
  uuids: string[];
  keys: string[];
}

/** A value that satisfies what `schema` declares (type, enum, format, pattern, lengths, required fields). */
export function schemaValue(schema: JsonSchema, known: KnownValues, name = ''): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object':
      return schemaObject(schema, known);
    case 'array':
      return fc.array(schemaValue(schema.items ?? { type: 'string' }, known, name), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'number':
    case 'integer':
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 10 });
    case 'boolean':
      return fc.boolean();
    default:
      return schemaString(schema, known, name);
  }
}

export function schemaObject(schema: JsonSchema, known: KnownValues): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, schemaValue(v, known, k)]));
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) }) as fc.Arbitrary<Record<string, unknown>>;
}

function schemaString(schema: JsonSchema, known: KnownValues, name: string): fc.Arbitrary<string> {
  const max = schema.maxLength ?? 40;
  const example = typeof schema.example === 'string' ? [fc.constant(schema.example)] : [];
  switch (schema.format) {
    case 'uuid':
      return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known.uuids) }, { weight: 1, arbitrary: fc.uuid() });
    case 'date-time':
      return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress();
  }
  if (/^(key|service|package)$/.test(name)) return fc.oneof(fc.constantFrom(...known.keys), fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/));
  if (schema.pattern) return fc.oneof(...example, fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max));
  return fc.oneof(...example, fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(max, 60) }));
}

/** Values that break what fields expect: wrong types, edge numbers, hostile and huge strings, odd unicode. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e-308, Number.MAX_SAFE_INTEGER),
  fc.constantFrom('', ' ', '\u0000', '\u202e\u0041', 'é', '𝕏🙂', '\ud800', "' OR 1=1 --", '../../etc/passwd', '${jndi:ldap://x}', '{{7*7}}', '<script>alert(1)</script>', '0x7fffffff', 'NaN', '1e309', '-0', 'null', 'true', '2030-02-30T25:61:61Z', '[]', '{}'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 201, maxLength: 600 }),
  fc.integer({ min: 3_000, max: 40_000 }).map((n) => 'A'.repeat(n)),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer()), { maxKeys: 4 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A body for `schema`, valid or broken in one or more ways (a field dropped, retyped, added; the whole body replaced). */
export function fuzzedBody(schema: JsonSchema | undefined, known: KnownValues): fc.Arbitrary<unknown> {
  const valid = schema ? schemaObject(schema, known) : fc.constant({} as Record<string, unknown>);
  const fields = Object.keys(schema?.properties ?? {});
  const field = fields.length ? fc.constantFrom(...fields) : fc.constant('extra');
  const mutated = fc
    .tuple(valid, fc.array(fc.tuple(fc.constantFrom('drop', 'retype', 'add'), field, hostileValue, fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 3 }))
    .map(([body, mutations]) => {
      const out: Record<string, unknown> = { ...body };
      for (const [kind, name, value, extra] of mutations) {
        if (kind === 'drop') delete out[name];
        else if (kind === 'retype') out[name] = value;
        else out[extra || 'extra'] = value;
      }
      return out;
    });
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 5, arbitrary: mutated },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}
